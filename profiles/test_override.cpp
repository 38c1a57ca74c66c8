// Parsing of `[[profile.NAME.overrides]]` (see test_override.hpp). Which profile keys an
// override may set, and how each is parsed, comes from the key table (profile_keys.hpp); this file
// adds the override's own keys (`filter`, `platform`, `priority`, `test-group`, `env`).
#include "profiles/test_override.hpp"

#include "profiles/filter_setting.hpp"
#include "profiles/platform_spec.hpp"
#include "profiles/profile_keys.hpp"
#include "profiles/test_group.hpp"

namespace ptest::profiles {

namespace {

constexpr std::int64_t k_min_priority = -100;
constexpr std::int64_t k_max_priority = 100;

std::string known_groups(const std::map<std::string, TestGroupConfig>& groups) {
    std::string out(k_global_test_group);
    for (const auto& [name, group] : groups) {
        out += ", " + name;
    }
    return out;
}

void warn_not_per_test(ParseContext& context, const toml::key& key, const std::string& key_path) {
    context.warn(key.source(), "`" + key_path +
                                   "` is not applied per test yet; the profile's value is used "
                                   "for every test");
}

// Whether an override may name the sub-table `name` (`junit`): it has a key that is not refused.
bool accepts_key_table(std::string_view name) {
    for (const ProfileKey& entry : profile_key_table()) {
        if (entry.in_override != OverrideUse::refused &&
            entry.name.substr(0, entry.name.find('.')) == name) {
            return true;
        }
    }
    return false;
}

// A sub-table of profile keys (`junit`) in an override: its keys are checked, then the whole
// table is warned about; none of them applies per test.
void parse_key_table(const toml::key& key, const toml::node& value, const std::string& key_path,
                     ParseContext& context) {
    for (const auto& [sub_key, sub_value] : context.expect_table(value, key_path)) {
        const std::string sub_path = join_key(key_path, sub_key.str());
        const ProfileKey* entry = find_profile_key(key.str(), sub_key.str());
        if (entry == nullptr || entry->in_override == OverrideUse::refused) {
            // An unknown key is warned about, whatever its value, as everywhere else.
            context.warn_unknown_key(sub_key, sub_path, key_names_in(key.str(), true));
        } else {
            (void)entry->parse(sub_value, context, sub_path);
        }
    }
    warn_not_per_test(context, key, key_path);
}

// A profile key in an override, as the key table says: applied, checked and warned about, left
// for the platform check (`default-filter`), or refused with the unknown-key warning.
void parse_profile_key(const toml::key& key, const toml::node& value, const std::string& key_path,
                       ParseContext& context, TestOverride& out) {
    if (is_key_table(key.str()) && accepts_key_table(key.str())) {
        parse_key_table(key, value, key_path, context);
        return;
    }
    const ProfileKey* entry = find_profile_key({}, key.str());
    const OverrideUse use = entry != nullptr ? entry->in_override : OverrideUse::refused;
    switch (use) {
    case OverrideUse::applied:
        entry->parse_override(value, context, key_path, out);
        break;
    case OverrideUse::not_per_test:
        (void)entry->parse(value, context, key_path);
        warn_not_per_test(context, key, key_path);
        break;
    case OverrideUse::with_platform:
        break;
    case OverrideUse::refused: {
        std::vector<std::string> known = key_names_in({}, true);
        known.insert(known.end(), {"filter", "platform", "priority", "test-group", "env"});
        context.warn_unknown_key(key, key_path, known);
        break;
    }
    }
}

// The keys only an override has (besides `filter` and `platform`); returns false for any other.
bool parse_override_key(const toml::key& key, const toml::node& value, const std::string& key_path,
                        ParseContext& context, const std::map<std::string, TestGroupConfig>& groups,
                        TestOverride& out) {
    if (key == "priority") {
        const std::int64_t priority = context.expect_integer(value, key_path);
        if (priority < k_min_priority || priority > k_max_priority) {
            context.fail(value, key_path,
                         "expected an integer from -100 to 100, found " + std::to_string(priority));
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
        out.env = parse_env_table(value, context, key_path);
    } else {
        return false;
    }
    return true;
}

// One override table; returns false when it is to be dropped (its platform is not the host).
bool parse_one(const toml::table& table, ParseContext& context, const std::string& path,
               const std::map<std::string, TestGroupConfig>& groups, TestOverride& out) {
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
        if (key != "filter" && key != "platform" &&
            !parse_override_key(key, value, key_path, context, groups, out)) {
            parse_profile_key(key, value, key_path, context, out);
        }
    }
    if (const toml::node* default_filter = table.get("default-filter")) {
        // As nextest: the default filter on a platform; with a `filter` it would mean nothing.
        const std::string key_path = join_key(path, "default-filter");
        if (platform == nullptr || filter != nullptr) {
            context.fail(*default_filter, key_path,
                         "`default-filter` in an override is the default filter on a platform: "
                         "it needs `platform` and no `filter`");
        }
        out.default_filter =
            parse_filter_setting(*default_filter, context, key_path, FiltersetKind::default_filter);
    }
    return platform == nullptr || parse_platform(*platform, context, join_key(path, "platform"));
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
