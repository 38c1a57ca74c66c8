// TestSettings defaults: every per-test setting as the profile gives it.
#include "runner/schedule/planned_test.hpp"

namespace ptest::runner {

TestSettings TestSettings::from_profile(const profiles::Profile& profile, int cpus,
                                        int test_threads) {
    TestSettings settings;
    settings.retries = profile.retries;
    settings.slow_timeout = profile.slow_timeout;
    settings.leak_timeout = profile.leak_timeout;
    settings.threads_required =
        profiles::resolve_thread_count(profile.threads_required, cpus, test_threads);
    settings.isolation = profile.isolation;
    return settings;
}

} // namespace ptest::runner
