// Per-test overrides: the `[[profile.NAME.overrides]]` list. Each entry has a `filter` (a filter
// expression) and settings for the tests it matches: `retries`, `slow-timeout`, `leak-timeout`,
// `threads-required`, `priority`, `test-group` and `env`. Which override wins for which test is
// decided in the runner (runner/plan/settings.hpp); this file only parses and checks them.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Parse the array of tables `node` at `path` (`profile.NAME.overrides`) of profile `profile`.
/// `test_groups` are the groups the file declares; a `test-group` naming another (except
/// `@global`) is an error at its value. Errors (a missing `filter`, a bad expression or value)
/// throw a setup error with the position. An override with `platform` is dropped with a warning:
/// ptest runs on the host only and does not evaluate platform specs. Settings nextest has but
/// ptest cannot apply per test yet (`success-output`, `failure-output`, `junit.*`) warn and are
/// ignored.
std::vector<TestOverride>
parse_overrides(const toml::node& node, ParseContext& context, std::string_view path,
                const std::string& profile,
                const std::map<std::string, TestGroupConfig>& test_groups);

} // namespace ptest::profiles
