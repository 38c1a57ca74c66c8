// Parsing of one `[profile.NAME]` table into a layer of checked assignments (see
// profile_layer.hpp). The key table below is the single list of profile keys: parsing, unknown-key
// warnings and `show-config` all read it.
#include "profiles/profile_layer.hpp"

#include "profiles/duration.hpp"
#include "profiles/fail_fast.hpp"
#include "profiles/filter_setting.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/junit_config.hpp"
#include "profiles/leak_timeout.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/slow_timeout.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/test_override.hpp"
#include "profiles/thread_count.hpp"

#include <algorithm>
#include <array>

namespace ptest::profiles {

namespace {

using Setter = std::function<void(Profile&)>;
using KeyParser = Setter (*)(const toml::node&, ParseContext&, std::string_view);

struct KeyHandler {
    std::string_view key;
    KeyParser parse;
};

// Each parser checks its value now, so that a bad value in any profile fails the load, and returns
// the assignment to make when the profile is resolved.
const std::array k_handlers{
    KeyHandler{"default-filter",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   Filterset v = parse_filter_setting(n, c, p, FiltersetKind::default_filter);
                   return [v](Profile& profile) { profile.default_filter = v; };
               }},
    KeyHandler{"retries",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   RetryPolicy v = parse_retry_policy(n, c, p);
                   return [v](Profile& profile) { profile.retries = v; };
               }},
    KeyHandler{"test-threads",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   ThreadCount v = parse_test_threads(n, c, p);
                   return [v](Profile& profile) { profile.test_threads = v; };
               }},
    KeyHandler{"threads-required",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   ThreadCount v = parse_threads_required(n, c, p);
                   return [v](Profile& profile) { profile.threads_required = v; };
               }},
    KeyHandler{"status-level",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   StatusLevel v = parse_status_level(n, c, p);
                   return [v](Profile& profile) { profile.status_level = v; };
               }},
    KeyHandler{"final-status-level",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   FinalStatusLevel v = parse_final_status_level(n, c, p);
                   return [v](Profile& profile) { profile.final_status_level = v; };
               }},
    KeyHandler{"failure-output",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   TestOutputDisplay v = parse_test_output_display(n, c, p);
                   return [v](Profile& profile) { profile.failure_output = v; };
               }},
    KeyHandler{"success-output",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   TestOutputDisplay v = parse_test_output_display(n, c, p);
                   return [v](Profile& profile) { profile.success_output = v; };
               }},
    KeyHandler{"fail-fast",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   FailFast v = parse_fail_fast(n, c, p);
                   return [v](Profile& profile) { profile.fail_fast = v; };
               }},
    KeyHandler{"slow-timeout",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   SlowTimeout v = parse_slow_timeout(n, c, p);
                   return [v](Profile& profile) { profile.slow_timeout = v; };
               }},
    KeyHandler{"leak-timeout",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   LeakTimeout v = parse_leak_timeout(n, c, p);
                   return [v](Profile& profile) { profile.leak_timeout = v; };
               }},
    KeyHandler{"list-timeout",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   Duration v = c.expect_duration(n, p);
                   return [v](Profile& profile) { profile.list_timeout = v; };
               }},
    KeyHandler{"output-capture-limit",
               [](const toml::node& n, ParseContext& c, std::string_view p) -> Setter {
                   const std::int64_t v = c.expect_integer(n, p);
                   if (v <= 0) {
                       c.fail(n, p,
                              "expected a positive number of bytes, found " + std::to_string(v));
                   }
                   return [v](Profile& profile) {
                       profile.output_capture_limit = static_cast<std::uint64_t>(v);
                   };
               }},
};

} // namespace

void ProfileLayer::apply_to(Profile& profile) const {
    for (const Assignment& assignment : assignments) {
        assignment.apply(profile);
        profile.sources[assignment.key] = assignment.origin;
    }
}

ProfileLayer parse_profile_layer(const std::string& name, const toml::node& node,
                                 ParseContext& context, std::string_view path,
                                 const std::map<std::string, TestGroupConfig>& test_groups) {
    ProfileLayer layer;
    layer.name = name;
    const toml::table& table = context.expect_table(node, path);
    for (const auto& [key, value] : table) {
        const std::string key_path = join_key(path, key.str());
        if (key == "inherits") {
            layer.inherits = context.expect_string(value, key_path);
            layer.inherits_where = value.source();
            continue;
        }
        if (key == "junit") {
            parse_junit_config(value, context, key_path, layer);
            continue;
        }
        if (key == "overrides") {
            layer.overrides = parse_overrides(value, context, key_path, name, test_groups);
            continue;
        }
        // A named copy: clang 14 cannot capture a structured binding in a lambda.
        const std::string_view key_name = key.str();
        const auto* handler =
            std::find_if(k_handlers.begin(), k_handlers.end(),
                         [key_name](const KeyHandler& h) { return h.key == key_name; });
        if (handler == k_handlers.end()) {
            context.warn_unknown_key(key, key_path);
            continue;
        }
        layer.assignments.push_back({std::string(handler->key), context.origin(value.source()),
                                     handler->parse(value, context, key_path)});
    }
    return layer;
}

const std::vector<std::string_view>& profile_keys() {
    static const std::vector<std::string_view> keys = [] {
        std::vector<std::string_view> all;
        for (const KeyHandler& handler : k_handlers) {
            all.push_back(handler.key);
        }
        for (const std::string_view key : k_junit_keys) {
            all.push_back(key);
        }
        return all;
    }();
    return keys;
}

} // namespace ptest::profiles
