// The text of the live progress view, in the shape of nextest's progress bar:
//
//      Running [00:01:05] [=========>          ] 12/40: 4 running, 11 passed, 1 failed
//              [  12.031s] gtest_slow Slow.Sleeps
//        TRY 2 [   0.402s] gtest_flaky Flaky.Third
//              ... and 2 more running
//
// The first line has the run's elapsed time, the bar (on a smart terminal only), done/total,
// the running count and how many passed and failed so far; then one line per running test or script
// with the time it has been in its state, up to a maximum, and a line for the rest. The counter of
// a finished test's status line (`( 3/12)`) is here too. Pure functions: they return strings.
#pragma once

#include "reporter/terminal/progress_mode.hpp"
#include "reporter/terminal/running_tests.hpp"
#include "reporter/terminal/status_line.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ptest::reporter {

/// Where the run is, as the progress view shows it.
struct ProgressSnapshot {
    Duration elapsed{0};       ///< Since the run started.
    std::uint32_t total = 0;   ///< Tests that will run.
    std::uint32_t done = 0;    ///< Tests finished.
    std::uint32_t running = 0; ///< The runner's count (a batch counts once).
    std::uint32_t passed = 0;  ///< Finished and passed (flaky and leaky passes included).
    std::uint32_t failed = 0;  ///< Finished and failed, timed out, cancelled or not started.
    CancelState cancel = CancelState::none;
    /// The running tests and scripts, oldest first, and the time to measure them at.
    const std::vector<RunningEntry>* entries = nullptr;
    WallClock::time_point now;
};

/// `[hh:mm:ss]` of `elapsed`.
std::string clock_time(Duration elapsed);

/// The view's lines. With `bar_columns` > 0, the first line has a bar sized to fit that many
/// columns (no bar when fewer than 10 would be left for it); 0 leaves the bar out. At most `max`
/// running entries are named; the ones left over, and running units the events name no test for
/// (a batch), make the `... and N more running` line. `max` of 0 names none and prints no such
/// line.
std::vector<std::string> progress_lines(const ProgressSnapshot& snapshot, int bar_columns,
                                        MaxProgressRunning max, bool color);

/// `( 3/12)`: `index` right-aligned to the width of `total`.
std::string progress_counter(std::uint32_t index, std::uint32_t total);

} // namespace ptest::reporter
