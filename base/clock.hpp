// The clocks and the duration type every layer measures time with: a monotonic clock for
// timeouts and durations, the wall clock only for timestamps shown to people and written to
// reports.
#pragma once

#include <chrono>

namespace ptest::base {

/// Monotonic time: deadlines, attempt durations, the run's elapsed time.
using Clock = std::chrono::steady_clock;
/// Calendar time: the timestamps of reports.
using WallClock = std::chrono::system_clock;
/// Every duration ptest keeps (timeouts, periods, measured times), in nanoseconds.
using Duration = std::chrono::nanoseconds;

} // namespace ptest::base
