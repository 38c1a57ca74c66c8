// TestSettings defaults: every per-test setting as the profile gives it.
#include "runner/schedule/planned_test.hpp"

#include "runner/schedule/ctest_settings.hpp"

namespace ptest::runner {

TestSettings TestSettings::from_profile(const profiles::Profile& profile, int cpus,
                                        int test_threads) {
    TestSettings settings;
    settings.retries = profile.retries;
    settings.slow_timeout = profile.slow_timeout;
    settings.leak_timeout = profile.leak_timeout;
    settings.threads_required =
        profiles::resolve_thread_count(profile.threads_required, cpus, test_threads);
    return settings;
}

std::vector<PlannedTest> plan_with_profile(const std::vector<TestRef>& tests,
                                           const profiles::Profile& profile, int cpus,
                                           int test_threads) {
    TestSettings defaults = TestSettings::from_profile(profile, cpus, test_threads);
    std::vector<PlannedTest> planned;
    planned.reserve(tests.size());
    for (const TestRef& ref : tests) {
        planned.push_back(PlannedTest{ref, defaults});
        apply_ctest_rules(*ref.binary, planned.back().settings);
    }
    return planned;
}

} // namespace ptest::runner
