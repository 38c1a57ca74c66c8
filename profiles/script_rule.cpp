// Parsing and printing of `[[profile.NAME.scripts]]` rules (see script_rule.hpp).
#include "profiles/script_rule.hpp"

#include "base/spellcheck.hpp"

#include "profiles/filter_setting.hpp"
#include "profiles/platform_spec.hpp"
#include "profiles/script_command.hpp"
#include "profiles/script_config.hpp"

#include <map>

namespace ptest::profiles {

namespace {

using Scripts = std::map<std::string, ScriptConfig>;

std::vector<std::string> names_of(const Scripts& scripts) {
    std::vector<std::string> names;
    names.reserve(scripts.size());
    for (const auto& [name, script] : scripts) {
        names.push_back(name);
    }
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

// Why `name` cannot be listed under `kind`'s key, or empty when it can.
std::string name_problem(const std::string& name, ScriptKind kind, const ScriptsConfig& scripts) {
    const bool setup = kind == ScriptKind::setup;
    const Scripts& own = setup ? scripts.setup : scripts.teardown;
    if (own.find(name) != own.end()) {
        return {};
    }
    const std::string kind_name(to_string(kind));
    const Scripts& other = setup ? scripts.teardown : scripts.setup;
    if (other.find(name) != other.end()) {
        const std::string other_name(to_string(setup ? ScriptKind::teardown : ScriptKind::setup));
        return "`" + name + "` is a " + other_name + " script ([scripts." + other_name + "." +
               name + "]), not a " + kind_name + " script; list it under `" + other_name + "`";
    }
    const std::vector<std::string> known = names_of(own);
    std::string message = "unknown " + kind_name + " script `" + name + "`";
    message += known.empty() ? " (no [scripts." + kind_name + ".NAME] is defined)"
                             : " (known " + kind_name + " scripts: " + joined(known) + ")";
    if (const auto suggestion = base::closest_match(name, known)) {
        message += "; did you mean `" + *suggestion + "`?";
    }
    return message;
}

// The names of `setup` or `teardown` (a string or an array of strings), each checked.
std::vector<std::string> parse_names(const toml::node& node, ParseContext& context,
                                     const std::string& path, ScriptKind kind,
                                     const ScriptsConfig& scripts) {
    std::vector<std::pair<const toml::node*, std::string>> items;
    if (const auto* array = node.as_array()) {
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& element = *array->get(i);
            const std::string element_path = path + "[" + std::to_string(i) + "]";
            items.emplace_back(&element, context.expect_string(element, element_path));
        }
    } else if (node.is_string()) {
        items.emplace_back(&node, context.expect_string(node, path));
    } else {
        context.fail(node, path,
                     "expected a script name or an array of names, found " +
                         std::string(describe_type(node)));
    }
    std::vector<std::string> names;
    for (auto& [where, name] : items) {
        if (const std::string problem = name_problem(name, kind, scripts); !problem.empty()) {
            context.fail(*where, path, problem);
        }
        names.push_back(std::move(name));
    }
    return names;
}

// One rule table; returns false when it is to be dropped (its platform is not the host).
bool parse_one(const toml::table& table, ParseContext& context, const std::string& path,
               const ScriptsConfig& scripts, ScriptRule& out) {
    context.check_keys(table, path, {"filter", "platform", "setup", "teardown"});
    if (const toml::node* filter = table.get("filter")) {
        out.filter = parse_filter_setting(*filter, context, join_key(path, "filter"),
                                          FiltersetKind::override_filter);
    }
    if (const toml::node* setup = table.get("setup")) {
        out.setup =
            parse_names(*setup, context, join_key(path, "setup"), ScriptKind::setup, scripts);
    }
    if (const toml::node* teardown = table.get("teardown")) {
        out.teardown = parse_names(*teardown, context, join_key(path, "teardown"),
                                   ScriptKind::teardown, scripts);
    }
    if (out.setup.empty() && out.teardown.empty()) {
        context.warn(table.source(), "`" + path +
                                         "`: this rule names no `setup` or `teardown` "
                                         "script, so it does nothing");
    }
    const toml::node* platform = table.get("platform");
    return platform == nullptr || parse_platform(*platform, context, join_key(path, "platform"));
}

std::string format_names(const std::vector<std::string>& names) {
    std::string out = "[";
    for (const std::string& name : names) {
        out += (out.size() == 1 ? "" : ", ") + toml_quote(name);
    }
    return out + "]";
}

} // namespace

std::vector<ScriptRule> parse_script_rules(const toml::node& node, ParseContext& context,
                                           std::string_view path, const std::string& profile,
                                           const ScriptsConfig& scripts) {
    if (!node.is_array()) {
        context.fail(node, path,
                     "expected an array of tables ([[" + std::string(path) + "]]), found " +
                         std::string(describe_type(node)));
    }
    const toml::array& array = *node.as_array();
    std::vector<ScriptRule> rules;
    for (std::size_t i = 0; i < array.size(); ++i) {
        const toml::node& element = *array.get(i);
        const std::string element_path = std::string(path) + "[" + std::to_string(i) + "]";
        const toml::table& table = context.expect_table(element, element_path);
        ScriptRule rule;
        rule.profile = profile;
        rule.origin = context.origin(table.source());
        if (parse_one(table, context, element_path, scripts, rule)) {
            rules.push_back(std::move(rule));
        }
    }
    return rules;
}

std::string format_script_rule(const ScriptRule& rule) {
    return "[[profile." + rule.profile + ".scripts]]  # " + rule.origin + "\n" +
           "filter = " + format_filter_setting(rule.filter) + "\n" +
           "setup = " + format_names(rule.setup) + "\n" +
           "teardown = " + format_names(rule.teardown) + "\n";
}

} // namespace ptest::profiles
