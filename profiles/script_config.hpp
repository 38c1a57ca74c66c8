// The script definitions of a configuration file: `[scripts.setup.NAME]`, `[scripts.teardown.NAME]`
// and nextest's deprecated `[script.NAME]` (a setup script), each parsed into a `ScriptConfig`
// (scripts.hpp), and the top-level `experimental` list nextest requires before it runs setup
// scripts. Profiles attach the scripts to tests with `[[profile.NAME.scripts]]` (script_rule.hpp).
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/scripts.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse the top-level `[scripts]` table `node` into `out.setup` and `out.teardown`. Its keys are
/// `setup` and `teardown`, each a table of scripts by name (nextest's `wrapper` scripts and other
/// keys warn and are ignored). Throws a positioned setup error at a bad name or value.
void parse_scripts_table(const toml::node& node, ParseContext& context, ScriptsConfig& out);

/// Parse nextest's deprecated top-level `[script]` table: setup scripts by name, into `out.setup`.
/// A name defined both here and under `[scripts.setup]` is an error at the second definition.
void parse_legacy_script_table(const toml::node& node, ParseContext& context, ScriptsConfig& out);

/// Parse one script table `node` named `name` of kind `kind` at key path `path`: `command`
/// (required), `env`, `slow-timeout`, `leak-timeout`, `capture-stdout`, `capture-stderr` and, for
/// a setup script, `health`. Unknown keys warn.
ScriptConfig parse_script_config(const std::string& name, ScriptKind kind, const toml::node& node,
                                 ParseContext& context, std::string_view path);

/// Check the top-level `experimental` list: an array of strings. `setup-scripts` (which nextest
/// requires for setup scripts, and ptest does not) is accepted silently; other features warn.
void parse_experimental(const toml::node& node, ParseContext& context);

/// Why `name` cannot name a script, or empty when it can: names are letters, digits, `_` and `-`,
/// starting with a letter or `_`, and the `@tool:` prefix is reserved.
std::string script_name_problem(std::string_view name);

/// `setup` or `teardown`.
std::string_view to_string(ScriptKind kind);

/// The script as `show-config` prints it: a `[scripts.KIND.NAME]` header followed by `# ORIGIN`,
/// then one `key = value` line per setting (`slow-timeout` and `health` only when set).
std::string format_script_config(const ScriptConfig& script);

} // namespace ptest::profiles
