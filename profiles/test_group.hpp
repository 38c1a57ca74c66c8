// The `[test-groups]` table: named limits on how many tests of a group run at once. Tests join a
// group through an override's `test-group`; every other test is in the built-in `@global` group,
// which only `test-threads` limits.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <map>
#include <string>
#include <string_view>

namespace ptest::profiles {

/// The group every test is in unless an override puts it elsewhere.
inline constexpr std::string_view k_global_test_group = "@global";

/// Parse `[test-groups]`: one table per group with `max-threads` (a positive integer, a negative
/// one meaning CPUs minus that many, or "num-cpus"). Throws a setup error at a bad name or value:
/// names are letters, digits, `_` and `-`, starting with a letter or `_`; `@global` and the
/// `@tool:` prefix are reserved.
std::map<std::string, TestGroupConfig> parse_test_groups(const toml::node& node,
                                                         ParseContext& context);

/// Why `name` cannot name a custom test group, or empty when it can.
std::string test_group_name_problem(std::string_view name);

} // namespace ptest::profiles
