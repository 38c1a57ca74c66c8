// Parsing of `[[profile.NAME.overrides]]` (see test_override.hpp).
#include "profiles/test_override.hpp"

#include "profiles/filter_setting.hpp"
#include "profiles/leak_timeout.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/slow_timeout.hpp"
#include "profiles/test_group.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"

namespace ptest::profiles {

namespace {

constexpr std::int64_t k_min_priority = -100;
constexpr std::int64_t k_max_priority = 100;

std::map<std::string, std::string> parse_env(const toml::node& node, ParseContext& context,
                                             std::string_view path) {
    std::map<std::string, std::string> env;
    for (const auto& [name, value] : context.expect_table(node, path)) {
        if (name.str().empty() || name.str().find('=') != std::string_view::npos) {
            context.fail(name.source(), "`" + join_key(path, name.str()) +
                                            "`: an environment variable name must be non-empty "
                                            "and without `=`");
        }
        env[std::string(name.str())] = context.expect_string(value, join_key(path, name.str()));
    }
    return env;
}

std::string known_groups(const std::map<std::string, TestGroupConfig>& groups) {
    std::string out(k_global_test_group);
    for (const auto& [name, group] : groups) {
        out += ", " + name;
    }
    return out;
}

// One override table; returns false when it is to be dropped (it names a platform).
bool parse_one(const toml::table& table, ParseContext& context, const std::string& path,
               const std::map<std::string, TestGroupConfig>& groups, TestOverride& out) {
    context.check_keys(table, path,
                       {"filter", "platform", "default-filter", "retries", "slow-timeout",
                        "leak-timeout", "threads-required", "priority", "test-group", "env",
                        "success-output", "failure-output", "junit"});
    const toml::node* filter = table.get("filter");
    const toml::node* platform = table.get("platform");
    if (filter == nullptr && platform == nullptr) {
        context.fail(table.source(), "`" + path + "`: an override needs a `filter`");
    }
    if (filter != nullptr) {
        out.filter = parse_filter_setting(*filter, context, join_key(path, "filter"),
                                          FiltersetKind::override_filter);
    }
    for (const auto& [key, value] : table) {
        const std::string key_path = join_key(path, key.str());
        if (key == "retries") {
            out.retries = parse_retry_policy(value, context, key_path);
        } else if (key == "slow-timeout") {
            out.slow_timeout = parse_slow_timeout(value, context, key_path);
        } else if (key == "leak-timeout") {
            out.leak_timeout = parse_leak_timeout(value, context, key_path);
        } else if (key == "threads-required") {
            out.threads_required = parse_threads_required(value, context, key_path);
        } else if (key == "priority") {
            const std::int64_t priority = context.expect_integer(value, key_path);
            if (priority < k_min_priority || priority > k_max_priority) {
                context.fail(value, key_path,
                             "expected an integer from -100 to 100, found " +
                                 std::to_string(priority));
            }
            out.priority = static_cast<std::int32_t>(priority);
        } else if (key == "test-group") {
            std::string group = context.expect_string(value, key_path);
            if (group != k_global_test_group && groups.find(group) == groups.end()) {
                context.fail(value, key_path,
                             "unknown test group `" + group + "` (known groups: " +
                                 known_groups(groups) + "); declare it under [test-groups]");
            }
            out.test_group = std::move(group);
        } else if (key == "env") {
            out.env = parse_env(value, context, key_path);
        } else if (key == "success-output" || key == "failure-output") {
            (void)parse_test_output_display(value, context, key_path);
            context.warn(key.source(), "`" + key_path +
                                           "` is not applied per test yet; the profile's "
                                           "value is used for every test");
        } else if (key == "junit") {
            context.check_keys(context.expect_table(value, key_path), key_path,
                               {"store-success-output", "store-failure-output"});
            for (const auto& [junit_key, junit_value] : context.expect_table(value, key_path)) {
                (void)context.expect_bool(junit_value, join_key(key_path, junit_key.str()));
            }
            context.warn(key.source(), "`" + key_path +
                                           "` is not applied per test yet; the profile's "
                                           "value is used for every test");
        }
    }
    if (platform != nullptr) {
        context.warn(table.source(), "`" + path +
                                         "`: `platform` is not supported (ptest runs tests on "
                                         "the host only), so this override is ignored");
        return false;
    }
    if (table.get("default-filter") != nullptr) {
        context.warn(table.get("default-filter")->source(),
                     "`" + path + "`: `default-filter` in an override needs `platform`; ignored");
    }
    return true;
}

} // namespace

std::vector<TestOverride>
parse_overrides(const toml::node& node, ParseContext& context, std::string_view path,
                const std::string& profile,
                const std::map<std::string, TestGroupConfig>& test_groups) {
    if (!node.is_array()) {
        context.fail(node, path,
                     "expected an array of tables ([[" + std::string(path) + "]]), found " +
                         std::string(describe_type(node)));
    }
    const toml::array& array = *node.as_array();
    std::vector<TestOverride> overrides;
    for (std::size_t i = 0; i < array.size(); ++i) {
        const toml::node& element = *array.get(i);
        const std::string element_path = std::string(path) + "[" + std::to_string(i) + "]";
        const toml::table& table = context.expect_table(element, element_path);
        TestOverride entry;
        entry.profile = profile;
        entry.index = i;
        entry.origin = context.origin(table.source());
        if (parse_one(table, context, element_path, test_groups, entry)) {
            overrides.push_back(std::move(entry));
        }
    }
    return overrides;
}

} // namespace ptest::profiles
