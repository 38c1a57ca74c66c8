// Per-test settings: for each selected test, start from the profile and apply the per-test
// overrides (`[[profile.NAME.overrides]]`), the first matching override winning for each setting,
// in nextest's precedence (the profile's own overrides, then its parents', then default's); then
// the test's CTest properties, if it came from a build tree. Also resolves `[test-groups]` limits.
// The scheduler gets the result and never evaluates a filter.
#pragma once

#include "profiles/profile.hpp"
#include "runner/model/test_list.hpp"
#include "runner/schedule/planned_test.hpp"

#include <map>
#include <string>
#include <vector>

namespace ptest::runner {

/// Which override decided a setting of one test; null where the profile's value stands.
struct SettingOrigins {
    const profiles::TestOverride* retries = nullptr;
    const profiles::TestOverride* slow_timeout = nullptr;
    const profiles::TestOverride* leak_timeout = nullptr;
    const profiles::TestOverride* threads_required = nullptr;
    const profiles::TestOverride* priority = nullptr;
    const profiles::TestOverride* test_group = nullptr;
    const profiles::TestOverride* env = nullptr;
    const profiles::TestOverride* isolation = nullptr;
};

/// The settings of one test and where they came from. Origins point into `profile.overrides`.
struct ResolvedSettings {
    TestSettings settings;
    SettingOrigins origins;
};

/// Resolve the settings of `test` under `profile`. `cpus` and `test_threads` resolve
/// `threads-required`. When the profile's `retries` came from the command line or the
/// environment (`--retries`, `PTEST_RETRIES`), overrides do not change retries, as in nextest;
/// the same holds for `isolation` (`--isolation`, `PTEST_ISOLATION`).
ResolvedSettings resolve_settings(const TestRef& test, const profiles::Profile& profile, int cpus,
                                  int test_threads);

/// The test group of `test` under `profile` (`@global` unless an override sets one), given
/// whether it is in the default set; for `group()` in command-line expressions.
std::string resolve_test_group(const TestRef& test, const profiles::Profile& profile,
                               bool is_default);

/// `max-threads` of every `[test-groups]` group, resolved against `cpus` (at least 1).
std::map<std::string, int> group_max_threads(const profiles::Profile& profile, int cpus);

/// The tests the scheduler runs, each with its settings, and the group limits.
struct PlannedRun {
    std::vector<PlannedTest> tests; ///< In the order given.
    std::map<std::string, int> group_max_threads;
};

/// Plan `tests` (the selection, in run order) under `profile`.
PlannedRun plan_settings(const std::vector<TestRef>& tests, const profiles::Profile& profile,
                         int cpus, int test_threads);

} // namespace ptest::runner
