// Printing the defaults and resolved profiles for `ptest show-config` (see show_config.hpp). Each
// key is printed by its entry in the key table (profile_keys.hpp), in the table's order.
#include "profiles/show_config.hpp"

#include "profiles/default_config_toml.hpp"
#include "profiles/profile_keys.hpp"
#include "profiles/script_config.hpp"
#include "profiles/script_rule.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace ptest::profiles {

std::string_view show_defaults() {
    return k_default_config_toml;
}

std::string format_profile_value(const Profile& profile, std::string_view key) {
    const ProfileKey* entry = find_profile_key(key);
    return entry != nullptr ? entry->show(profile) : std::string("?");
}

std::string format_profile(const Profile& profile) {
    std::vector<std::pair<std::string, std::string>> lines;
    std::size_t width = 0;
    for (const std::string_view key : profile_keys()) {
        std::string line = std::string(key) + " = " + format_profile_value(profile, key);
        const auto source = profile.sources.find(std::string(key));
        std::string origin = source != profile.sources.end() ? source->second : "built-in";
        width = std::max(width, line.size());
        lines.emplace_back(std::move(line), std::move(origin));
    }
    std::string out = "[profile." + profile.name + "]\n";
    for (const auto& [line, origin] : lines) {
        out.append(line).append(width - line.size() + 2, ' ').append("# ").append(origin);
        out += '\n';
    }
    if (const std::string scripts = format_scripts(profile.scripts); !scripts.empty()) {
        out += '\n' + scripts;
    }
    return out;
}

std::string format_scripts(const ScriptsConfig& scripts) {
    std::vector<std::string> tables;
    for (const auto* kind : {&scripts.setup, &scripts.teardown}) {
        for (const auto& [name, script] : *kind) {
            tables.push_back(format_script_config(script));
        }
    }
    for (const ScriptRule& rule : scripts.rules) {
        tables.push_back(format_script_rule(rule));
    }
    std::string out;
    for (const std::string& table : tables) {
        out += (out.empty() ? "" : "\n") + table;
    }
    return out;
}

std::string show_profile(const Config& config, const std::string& name, const ProfileOverrides& env,
                         const ProfileOverrides& cli) {
    Profile profile = config.resolve(name);
    apply(profile, env, "environment");
    apply(profile, cli, "command line");
    return format_profile(profile);
}

} // namespace ptest::profiles
