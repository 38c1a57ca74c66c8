// Parsing of one `[profile.NAME]` table into a layer of checked assignments (see
// profile_layer.hpp). Which keys exist and how each is parsed comes from the key table
// (profile_keys.hpp); this file adds the structural keys `inherits`, `overrides` and `scripts`,
// sub-tables such as `junit`, and the unknown-key warnings.
#include "profiles/profile_layer.hpp"

#include "profiles/profile_keys.hpp"
#include "profiles/script_rule.hpp"
#include "profiles/test_override.hpp"

namespace ptest::profiles {

namespace {

// Parse `value` as the key `key` of the sub-table `table` (empty: of the profile itself) if the
// key table knows it; warn otherwise.
void parse_key(std::string_view table, const toml::key& key, const toml::node& value,
               const std::string& key_path, ParseContext& context, ProfileLayer& layer) {
    const ProfileKey* entry = find_profile_key(table, key.str());
    if (entry == nullptr) {
        std::vector<std::string> known = key_names_in(table, false);
        if (table.empty()) {
            known.insert(known.end(), {"inherits", "overrides", "scripts"});
        }
        context.warn_unknown_key(key, key_path, known);
        return;
    }
    layer.assignments.push_back({std::string(entry->name), context.origin(value.source()),
                                 entry->parse(value, context, key_path)});
}

} // namespace

void ProfileLayer::apply_to(Profile& profile) const {
    for (const Assignment& assignment : assignments) {
        assignment.apply(profile);
        profile.sources[assignment.key] = assignment.origin;
    }
}

ProfileLayer parse_profile_layer(const std::string& name, const toml::node& node,
                                 ParseContext& context, std::string_view path,
                                 const std::map<std::string, TestGroupConfig>& test_groups,
                                 const ScriptsConfig& scripts) {
    ProfileLayer layer;
    layer.name = name;
    const toml::table& table = context.expect_table(node, path);
    for (const auto& [key, value] : table) {
        const std::string key_path = join_key(path, key.str());
        if (key == "inherits") {
            layer.inherits = context.expect_string(value, key_path);
            layer.inherits_where = value.source();
        } else if (key == "overrides") {
            layer.overrides = parse_overrides(value, context, key_path, name, test_groups);
        } else if (key == "scripts") {
            layer.scripts = parse_script_rules(value, context, key_path, name, scripts);
        } else if (is_key_table(key.str())) {
            // A sub-table (`junit`): each of its keys is layered on its own.
            for (const auto& [sub_key, sub_value] : context.expect_table(value, key_path)) {
                parse_key(key.str(), sub_key, sub_value, join_key(key_path, sub_key.str()), context,
                          layer);
            }
        } else {
            parse_key({}, key, value, key_path, context, layer);
        }
    }
    return layer;
}

} // namespace ptest::profiles
