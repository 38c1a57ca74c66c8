// The slowest tests of a run (`--show-slowest N`, `show-slowest` in a profile): what each finished
// test cost and the N that cost most. Pure functions over the run's results, shared by every
// reporter that names them (the terminal prints them after the summary; a machine-readable stream
// can carry them in its run-finished event).
#pragma once

#include "reporter/events.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ptest::reporter {

/// What one finished test cost.
struct TestTime {
    TestId test;
    Duration duration{0};       ///< Every attempt's duration together (retries included).
    std::uint32_t attempts = 1; ///< How many attempts those were.
};

/// What `finished` cost: the sum of its attempts' durations, and their number.
TestTime test_time(const TestFinished& finished);

/// The `count` slowest of `tests`, slowest first; equal durations keep test order (binary id,
/// then name), so the result does not depend on the order tests finished in. Fewer when there
/// are fewer tests; none when `count` is 0.
std::vector<TestTime> slowest_tests(std::vector<TestTime> tests, std::size_t count);

} // namespace ptest::reporter
