// A test as the scheduler sees it: which case of which binary, and the settings that apply to
// that one test. The profile gives every setting its default; per-test overrides
// (`[[profile.NAME.overrides]]`) and CTest properties change them for some tests. The planner
// resolves them all before the run, so the scheduler never evaluates a filter.
#pragma once

#include "profiles/profile.hpp"
#include "runner/model/test_list.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

/// The name of the group every test is in unless an override says otherwise (nextest's).
inline constexpr const char* k_global_group = "@global";

/// Settings of one test. `from_profile` fills every field from the profile.
struct TestSettings {
    profiles::RetryPolicy retries;
    profiles::SlowTimeout slow_timeout;
    profiles::LeakTimeout leak_timeout;
    /// An absolute limit on one attempt's run time, after which it is terminated (CTest
    /// TIMEOUT). Independent of slow-timeout.
    std::optional<profiles::Duration> timeout;
    /// Worker slots this test holds while it runs (resolved `threads-required`, at least 1; a
    /// test needing more than `test-threads` runs alone).
    int threads_required = 1;
    /// `test-group`: tests of one group never run more than the group's `max-threads` at once.
    std::string test_group = k_global_group;
    /// `priority` (-100..100): higher starts earlier.
    std::int32_t priority = 0;
    /// Tests sharing a lock never run at the same time (CTest RESOURCE_LOCK).
    std::vector<std::string> resource_locks;
    /// Nothing else runs while this test runs (CTest RUN_SERIAL).
    bool run_serial = false;
    /// Extra environment for this test, over the binary's.
    std::map<std::string, std::string> env;
    /// `isolation`: whether the case may share a process with other cases of its binary.
    profiles::Isolation isolation = profiles::Isolation::process;

    static TestSettings from_profile(const profiles::Profile& profile, int cpus, int test_threads);
};

/// One test the run will start (or refuse), with its settings.
struct PlannedTest : TestRef {
    TestSettings settings;
};

} // namespace ptest::runner
