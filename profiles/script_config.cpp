// Parsing and printing of script definitions (see script_config.hpp).
#include "profiles/script_config.hpp"

#include "profiles/duration.hpp"
#include "profiles/health_check.hpp"
#include "profiles/leak_timeout.hpp"
#include "profiles/script_command.hpp"
#include "profiles/slow_timeout.hpp"

#include <algorithm>
#include <map>

namespace ptest::profiles {

namespace {

constexpr std::string_view k_setup_scripts_feature = "setup-scripts";

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

// Parse every script of the table `node` (key path `path`) into `into`, refusing bad names and
// names already defined there.
void parse_script_tables(const toml::node& node, ParseContext& context, std::string_view path,
                         ScriptKind kind, std::map<std::string, ScriptConfig>& into) {
    for (const auto& [name, value] : context.expect_table(node, path)) {
        const std::string script_path = join_key(path, name.str());
        if (const std::string problem = script_name_problem(name.str()); !problem.empty()) {
            context.fail(name.source(), "`" + script_path + "`: " + problem);
        }
        const std::string script_name(name.str());
        if (const auto it = into.find(script_name); it != into.end()) {
            context.fail(name.source(), "`" + script_path + "`: " + std::string(to_string(kind)) +
                                            " script `" + script_name + "` is already defined at " +
                                            it->second.origin);
        }
        into.emplace(script_name,
                     parse_script_config(script_name, kind, value, context, script_path));
    }
}

// One `key = value` line of `show-config`.
std::string line(std::string_view key, const std::string& value) {
    return std::string(key) + " = " + value + "\n";
}

// A key as TOML writes it: bare when it can be, quoted otherwise.
std::string toml_key(const std::string& key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return is_name_char(c) || (c >= '0' && c <= '9');
    });
    return bare ? key : toml_quote(key);
}

std::string format_env(const std::map<std::string, std::string>& env) {
    if (env.empty()) {
        return "{}";
    }
    std::string out = "{ ";
    bool first = true;
    for (const auto& [name, value] : env) {
        out += (first ? "" : ", ") + toml_key(name) + " = " + toml_quote(value);
        first = false;
    }
    return out + " }";
}

} // namespace

std::string_view to_string(ScriptKind kind) {
    return kind == ScriptKind::setup ? "setup" : "teardown";
}

std::string script_name_problem(std::string_view name) {
    if (name.starts_with("@tool:")) {
        return "script names beginning with `@tool:` are reserved for tool configuration files";
    }
    bool valid = !name.empty() && is_name_start(name.front());
    for (const char c : name) {
        valid = valid && is_name_char(c);
    }
    if (!valid) {
        return "invalid script name `" + std::string(name) +
               "`: use letters, digits, `_` and `-`, starting with a letter or `_`";
    }
    return {};
}

ScriptConfig parse_script_config(const std::string& name, ScriptKind kind, const toml::node& node,
                                 ParseContext& context, std::string_view path) {
    const toml::table& table = context.expect_table(node, path);
    context.check_keys(table, path,
                       {"command", "env", "slow-timeout", "leak-timeout", "capture-stdout",
                        "capture-stderr", "health"});
    ScriptConfig script;
    script.name = name;
    script.kind = kind;
    script.origin = context.origin(node.source());
    const toml::node* command = table.get("command");
    if (command == nullptr) {
        context.fail(node, path, "missing required key `command`");
    }
    script.command = parse_script_command(*command, context, join_key(path, "command"), true);
    if (const toml::node* env = table.get("env")) {
        script.env = parse_env_table(*env, context, join_key(path, "env"));
    }
    if (const toml::node* slow = table.get("slow-timeout")) {
        script.slow_timeout = parse_slow_timeout(*slow, context, join_key(path, "slow-timeout"));
    }
    if (const toml::node* leak = table.get("leak-timeout")) {
        script.leak_timeout = parse_leak_timeout(*leak, context, join_key(path, "leak-timeout"));
    }
    if (const toml::node* capture = table.get("capture-stdout")) {
        script.capture_stdout = context.expect_bool(*capture, join_key(path, "capture-stdout"));
    }
    if (const toml::node* capture = table.get("capture-stderr")) {
        script.capture_stderr = context.expect_bool(*capture, join_key(path, "capture-stderr"));
    }
    if (const toml::node* health = table.get("health")) {
        const std::string health_path = join_key(path, "health");
        if (kind == ScriptKind::teardown) {
            context.fail(*health, health_path,
                         "a teardown script has no health check; put `health` on the setup "
                         "script that starts the service");
        }
        script.health = parse_health_check(*health, context, health_path);
    }
    return script;
}

void parse_scripts_table(const toml::node& node, ParseContext& context, ScriptsConfig& out) {
    for (const auto& [key, value] : context.expect_table(node, "scripts")) {
        const std::string path = join_key("scripts", key.str());
        if (key == "setup") {
            parse_script_tables(value, context, path, ScriptKind::setup, out.setup);
        } else if (key == "teardown") {
            parse_script_tables(value, context, path, ScriptKind::teardown, out.teardown);
        } else {
            context.warn_unknown_key(key, path, {"setup", "teardown"});
        }
    }
}

void parse_legacy_script_table(const toml::node& node, ParseContext& context, ScriptsConfig& out) {
    parse_script_tables(node, context, "script", ScriptKind::setup, out.setup);
}

void parse_experimental(const toml::node& node, ParseContext& context) {
    const auto* array = node.as_array();
    if (array == nullptr) {
        context.fail(node, "experimental",
                     "expected an array of strings, found " + std::string(describe_type(node)));
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& element = *array->get(i);
        const std::string feature =
            context.expect_string(element, "experimental[" + std::to_string(i) + "]");
        if (feature != k_setup_scripts_feature) {
            context.warn(element.source(), "ignoring unknown experimental feature `" + feature +
                                               "` (ptest knows `setup-scripts`, and needs no "
                                               "flag for it)");
        }
    }
}

std::string format_script_config(const ScriptConfig& script) {
    std::string out = "[scripts." + std::string(to_string(script.kind)) + "." + script.name +
                      "]  # " + script.origin + "\n";
    out += line("command", format_command(script.command));
    out += line("env", format_env(script.env));
    if (script.slow_timeout) {
        out += line("slow-timeout", format_slow_timeout(*script.slow_timeout));
    }
    out += line("leak-timeout", format_leak_timeout(script.leak_timeout));
    out += line("capture-stdout", script.capture_stdout ? "true" : "false");
    out += line("capture-stderr", script.capture_stderr ? "true" : "false");
    if (script.health) {
        out += line("health", format_health_check(*script.health));
    }
    return out;
}

} // namespace ptest::profiles
