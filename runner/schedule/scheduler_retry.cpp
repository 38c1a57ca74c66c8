// The scheduler's delay before a retry: the retry policy's delay, doubled per failed attempt with
// exponential backoff, capped by max-delay, and scaled by jitter.
#include "runner/schedule/scheduler.hpp"

#include <chrono>
#include <random>

namespace ptest::runner {

reporter::Duration Scheduler::retry_delay(const TestState& state,
                                          std::uint32_t failed_attempt) const {
    const profiles::RetryPolicy& policy = state.planned.settings.retries;
    reporter::Duration delay = policy.delay;
    if (policy.backoff == profiles::Backoff::exponential) {
        for (std::uint32_t i = 1; i < failed_attempt; ++i) {
            delay *= 2;
            if (policy.max_delay && delay >= *policy.max_delay) {
                break;
            }
        }
    }
    if (policy.max_delay && delay > *policy.max_delay) {
        delay = *policy.max_delay;
    }
    if (policy.jitter && delay.count() > 0) {
        // Jitter scales the delay by a random factor in [0.5, 1] so that retries of tests that
        // failed together do not hit a shared resource in lockstep.
        static std::mt19937_64 rng{std::random_device{}()};
        std::uniform_real_distribution<double> factor(0.5, 1.0);
        delay = std::chrono::duration_cast<reporter::Duration>(delay * factor(rng));
    }
    return delay;
}

} // namespace ptest::runner
