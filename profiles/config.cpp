// Parsing a configuration file into profile layers and `[[binary]]` specs, and resolving a profile
// by layering built-ins < `[profile.default]` < the `inherits` chain < the profile itself (see
// config.hpp). The built-in defaults are the embedded `default-config.toml`, read by the same code.
#include "profiles/config.hpp"

#include "base/spellcheck.hpp"

#include "profiles/archive_config.hpp"
#include "profiles/binary_spec.hpp"
#include "profiles/config_error.hpp"
#include "profiles/ctest_config.hpp"
#include "profiles/default_config_toml.hpp"
#include "profiles/nextest_version.hpp"
#include "profiles/parse_context.hpp"
#include "profiles/profile_layer.hpp"
#include "profiles/script_config.hpp"
#include "profiles/test_group.hpp"

#include <algorithm>
#include <cassert>
#include <set>

namespace ptest::profiles {

struct Config::Layers {
    std::map<std::string, ProfileLayer> built_in;
    std::map<std::string, ProfileLayer> user;
    std::map<std::string, TestGroupConfig> test_groups;
    ScriptsConfig scripts; ///< The definitions; rules stay in their profiles' layers.
};

namespace {

constexpr std::string_view k_default_profile = "default";

struct ParsedFile {
    std::map<std::string, ProfileLayer> profiles;
    std::map<std::string, TestGroupConfig> test_groups;
    ScriptsConfig scripts;
    std::vector<BinarySpec> binaries;
    CTestConfig ctest;
    ArchiveConfig archive;
    std::vector<std::string> warnings;
};

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        if (!out.empty()) {
            out += ", ";
        }
        out += name;
    }
    return out;
}

std::string unknown_profile_message(const std::string& name,
                                    const std::vector<std::string>& known) {
    std::string message =
        "profile `" + name + "` not found (known profiles: " + join_names(known) + ")";
    if (const auto suggestion = base::closest_match(name, known)) {
        message += "; did you mean `" + *suggestion + "`?";
    }
    return message;
}

// The profile `name` inherits from: its `inherits`, else `default` (which inherits nothing).
std::optional<std::string> parent_of(const std::map<std::string, ProfileLayer>& profiles,
                                     const std::string& name) {
    if (name == k_default_profile) {
        return std::nullopt;
    }
    const auto it = profiles.find(name);
    if (it != profiles.end() && it->second.inherits) {
        return it->second.inherits;
    }
    return std::string(k_default_profile);
}

// Reject `inherits` on `default`, inherits from unknown profiles, and inheritance cycles, pointing
// at the offending `inherits` value.
void check_inheritance(const std::map<std::string, ProfileLayer>& profiles,
                       const std::vector<std::string>& known, const ParseContext& context) {
    for (const auto& [name, layer] : profiles) {
        if (!layer.inherits) {
            continue;
        }
        if (name == k_default_profile) {
            context.fail(layer.inherits_where,
                         "`profile.default.inherits`: the default profile cannot inherit from "
                         "another profile");
        }
        if (std::find(known.begin(), known.end(), *layer.inherits) == known.end()) {
            context.fail(layer.inherits_where, "`profile." + name + ".inherits`: " +
                                                   unknown_profile_message(*layer.inherits, known));
        }
    }
    for (const auto& [start, start_layer] : profiles) {
        std::vector<std::string> chain{start};
        std::string current = start;
        while (const auto parent = parent_of(profiles, current)) {
            const auto seen = std::find(chain.begin(), chain.end(), *parent);
            if (seen != chain.end()) {
                std::string cycle;
                for (auto it = seen; it != chain.end(); ++it) {
                    cycle += *it + " -> ";
                }
                cycle += *parent;
                std::string message = "`profile.";
                message.append(current).append(".inherits`: inheritance cycle: ").append(cycle);
                context.fail(profiles.at(current).inherits_where, message);
            }
            chain.push_back(*parent);
            current = *parent;
        }
    }
}

ParsedFile parse_root(const toml::table& root, ParseContext& context,
                      const std::map<std::string, ProfileLayer>* built_in_profiles) {
    ParsedFile parsed;
    // Groups and scripts first, wherever the file puts them: profiles refer to them.
    if (const toml::node* groups = root.get("test-groups")) {
        parsed.test_groups = parse_test_groups(*groups, context);
    }
    if (const toml::node* legacy = root.get("script")) {
        parse_legacy_script_table(*legacy, context, parsed.scripts);
    }
    if (const toml::node* scripts = root.get("scripts")) {
        parse_scripts_table(*scripts, context, parsed.scripts);
    }
    for (const auto& [key, value] : root) {
        if (key == "profile") {
            for (const auto& [name, node] : context.expect_table(value, "profile")) {
                const std::string profile_name(name.str());
                parsed.profiles.emplace(profile_name,
                                        parse_profile_layer(profile_name, node, context,
                                                            "profile." + profile_name,
                                                            parsed.test_groups, parsed.scripts));
            }
        } else if (key == "test-groups" || key == "script" || key == "scripts") {
            continue;
        } else if (key == "experimental") {
            parse_experimental(value, context);
        } else if (key == "binary") {
            parsed.binaries = parse_binaries(value, context);
        } else if (key == "ctest") {
            parsed.ctest = parse_ctest_config(value, context);
        } else if (key == "archive") {
            parsed.archive = parse_archive_config(value, context);
        } else if (key == "nextest-version") {
            parse_nextest_version(value, context);
        } else {
            context.warn_unknown_key(key, key.str(),
                                     {"profile", "test-groups", "scripts", "script", "experimental",
                                      "binary", "ctest", "nextest-version", "archive"});
        }
    }
    std::set<std::string> names{std::string(k_default_profile)};
    for (const auto& [name, layer] : parsed.profiles) {
        names.insert(name);
    }
    if (built_in_profiles != nullptr) {
        for (const auto& [name, layer] : *built_in_profiles) {
            names.insert(name);
        }
    }
    check_inheritance(parsed.profiles, {names.begin(), names.end()}, context);
    return parsed;
}

ParsedFile parse_file(std::string_view text, const std::string& file_name, bool built_in,
                      const std::map<std::string, ProfileLayer>* built_in_profiles) {
    ParseContext context(file_name, text, built_in);
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
        context.fail(error.source(), error.description());
    }
    ParsedFile parsed;
    try {
        parsed = parse_root(root, context, built_in_profiles);
    } catch (Error& error) {
        // The warnings gathered so far travel with the error: an unknown key often explains it
        // (`paht = ...` before ``missing required key `path` ``).
        error.add_warnings(context.take_warnings());
        throw;
    }
    parsed.warnings = context.take_warnings();
    return parsed;
}

std::shared_ptr<const std::map<std::string, ProfileLayer>> built_in_profiles() {
    static const auto profiles = [] {
        ParsedFile parsed =
            parse_file(k_default_config_toml, "<built-in default-config.toml>", true, nullptr);
        assert(parsed.warnings.empty() && parsed.binaries.empty());
        return std::make_shared<const std::map<std::string, ProfileLayer>>(
            std::move(parsed.profiles));
    }();
    return profiles;
}

/// nextest's per-platform default filter: walking from the most specific profile of `chain`
/// (ordered `default` first) to `default`, each profile's overrides that set `default-filter`
/// (only those for the host's platform were kept) come before its own `default-filter`; the
/// first found is the profile's default filter, and `profile.sources` names its override.
void apply_platform_default_filter(const std::map<std::string, ProfileLayer>& built_in,
                                   const std::map<std::string, ProfileLayer>& user,
                                   const std::vector<std::string>& chain, Profile& profile) {
    for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
        for (const auto* profiles : {&user, &built_in}) {
            const auto it = profiles->find(*link);
            if (it == profiles->end()) {
                continue;
            }
            for (const TestOverride& entry : it->second.overrides) {
                if (entry.default_filter) {
                    profile.default_filter = *entry.default_filter;
                    profile.sources["default-filter"] = entry.origin;
                    return;
                }
            }
            const std::vector<Assignment>& written = it->second.assignments;
            if (std::any_of(written.begin(), written.end(),
                            [](const Assignment& a) { return a.key == "default-filter"; })) {
                return; // This profile's own default-filter stands.
            }
        }
    }
}

} // namespace

Config Config::parse(std::string_view text, const std::string& file_name) {
    const auto built_ins = built_in_profiles();
    ParsedFile parsed = parse_file(text, file_name, false, built_ins.get());
    Config config;
    config.m_binaries = std::move(parsed.binaries);
    config.m_ctest = std::move(parsed.ctest);
    config.m_archive = std::move(parsed.archive);
    config.m_warnings = std::move(parsed.warnings);
    auto layers = std::make_shared<Layers>();
    layers->built_in = *built_ins;
    layers->user = std::move(parsed.profiles);
    layers->test_groups = std::move(parsed.test_groups);
    layers->scripts = std::move(parsed.scripts);
    config.m_layers = std::move(layers);
    return config;
}

Config Config::defaults_only() {
    Config config;
    auto layers = std::make_shared<Layers>();
    layers->built_in = *built_in_profiles();
    config.m_layers = std::move(layers);
    return config;
}

std::vector<std::string> Config::profile_names() const {
    std::set<std::string> names{std::string(k_default_profile)};
    if (m_layers) {
        for (const auto* profiles : {&m_layers->built_in, &m_layers->user}) {
            for (const auto& [name, layer] : *profiles) {
                names.insert(name);
            }
        }
    }
    return {names.begin(), names.end()};
}

Profile Config::resolve(const std::string& name) const {
    const std::vector<std::string> known = profile_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
        throw Error(ExitCode::setup_error, unknown_profile_message(name, known));
    }
    static const Layers k_empty;
    const Layers& layers = m_layers ? *m_layers : k_empty;
    // The chain from `name` up to (excluding) `default`; inheritance was checked when parsing.
    std::vector<std::string> chain;
    for (std::optional<std::string> current = name; current && *current != k_default_profile;
         current = parent_of(layers.user, *current)) {
        chain.push_back(*current);
    }
    chain.emplace_back(k_default_profile);
    std::reverse(chain.begin(), chain.end());

    Profile profile;
    for (const std::string_view key : profile_keys()) {
        profile.sources[std::string(key)] = "built-in";
    }
    for (const std::string& link : chain) {
        for (const auto* profiles : {&layers.built_in, &layers.user}) {
            if (const auto it = profiles->find(link); it != profiles->end()) {
                it->second.apply_to(profile);
            }
        }
    }
    // Overrides and script rules: the most specific profile's first; within one profile, the
    // file's before the built-in ones. For each setting, the first matching override that sets it
    // wins.
    for (auto link = chain.rbegin(); link != chain.rend(); ++link) {
        for (const auto* profiles : {&layers.user, &layers.built_in}) {
            if (const auto it = profiles->find(*link); it != profiles->end()) {
                profile.overrides.insert(profile.overrides.end(), it->second.overrides.begin(),
                                         it->second.overrides.end());
                profile.scripts.rules.insert(profile.scripts.rules.end(),
                                             it->second.scripts.begin(), it->second.scripts.end());
            }
        }
    }
    apply_platform_default_filter(layers.built_in, layers.user, chain, profile);
    profile.test_groups = layers.test_groups;
    profile.scripts.setup = layers.scripts.setup;
    profile.scripts.teardown = layers.scripts.teardown;
    profile.name = name;
    return profile;
}

const std::map<std::string, TestGroupConfig>& Config::test_groups() const {
    static const std::map<std::string, TestGroupConfig> k_none;
    return m_layers ? m_layers->test_groups : k_none;
}

} // namespace ptest::profiles
