// The lines a stress run (`--stress-count`, `--stress-duration`) adds to the human report: a
// header before each iteration, a verdict after it, and the closing count of iterations passed
// and failed. Pure functions of the stress events, so they can be tested without a run.
#pragma once

#include "reporter/events.hpp"

#include <string>

namespace ptest::reporter {

/// `      STRESS 2/3 (1.204s elapsed so far, 2 iterations remaining)`; without a count limit
/// the remaining time of `--stress-duration`, or nothing for `infinite`.
std::string stress_header(const StressIterationStarted& event, bool color);

/// `      STRESS [   0.512s] iteration 2/3: passed` (or `failed`, in the failure style).
std::string stress_verdict(const StressIterationFinished& event, bool color);

/// `      STRESS [   1.800s] 3/3 iterations run: 3 passed, 0 failed`.
std::string stress_summary(const StressRunFinished& event, bool color);

} // namespace ptest::reporter
