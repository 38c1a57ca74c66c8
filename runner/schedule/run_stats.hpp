// The run's counts: how one finished test adds to the passed, flaky, failed, timed-out and other
// counts the summary line prints. Pure, so the scheduler and its tests share one rule.
#pragma once

#include "reporter/events.hpp"

namespace ptest::runner {

/// Add `finished` to `stats` by its last attempt: a pass (flaky, slow or leaky as it was), a
/// leak that fails, a flaky pass that `flaky-result = "fail"` fails, a skip at run time, a failure,
/// a timeout, an exec failure or a cancel.
void count_finished(reporter::RunStats& stats, const reporter::TestFinished& finished);

} // namespace ptest::runner
