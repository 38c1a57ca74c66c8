// The timeouts a test (or a script) runs under: `slow-timeout` and `leak-timeout`. Plain data.
#pragma once

#include "base/clock.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace ptest::profiles {

using base::Duration;

/// `slow-timeout`: a period, or `{ period, terminate-after, grace-period }`.
struct SlowTimeout {
    Duration period = std::chrono::seconds(60);
    std::optional<std::uint32_t> terminate_after; ///< Periods until the test is terminated.
    Duration grace_period = std::chrono::seconds(10);
};

enum class LeakResult { pass, fail };

/// `leak-timeout`: a period, or `{ period, result }`.
struct LeakTimeout {
    Duration period = std::chrono::milliseconds(100);
    LeakResult result = LeakResult::pass;
};

} // namespace ptest::profiles
