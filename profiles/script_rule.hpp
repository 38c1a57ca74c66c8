// The `[[profile.NAME.scripts]]` rules: which setup and teardown scripts run for the tests a filter
// selects. Each rule's `filter` is an override filter (`all()` when absent) and its `setup` and
// `teardown` name scripts the file defines (script_config.hpp), checked when the file is read.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/scripts.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Parse the array of tables `node` at `path` (`profile.NAME.scripts`) of profile `profile`.
/// `scripts` holds the file's definitions: a name that is not among the scripts of its kind is an
/// error at the name, with a "did you mean" or, when the name is a script of the other kind, which
/// list it belongs in. A rule with `platform` is checked and then dropped with a warning, as an
/// override with `platform` is: ptest runs on the host only. Unknown keys warn.
std::vector<ScriptRule> parse_script_rules(const toml::node& node, ParseContext& context,
                                           std::string_view path, const std::string& profile,
                                           const ScriptsConfig& scripts);

/// The rule as `show-config` prints it: `[[profile.NAME.scripts]]` followed by `# ORIGIN`, then
/// `filter`, `setup` and `teardown`.
std::string format_script_rule(const ScriptRule& rule);

} // namespace ptest::profiles
