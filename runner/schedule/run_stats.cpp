// How a finished test is counted (see run_stats.hpp).
#include "runner/schedule/run_stats.hpp"

namespace ptest::runner {

using reporter::AttemptStatus;

void count_finished(reporter::RunStats& stats, const reporter::TestFinished& finished) {
    const reporter::AttemptResult& last = finished.last();
    ++stats.finished_count;
    switch (last.status) {
    case AttemptStatus::pass:
        if (last.leak == reporter::LeakStatus::leaked_fail) {
            ++stats.failed;
            ++stats.leaky_failed;
            break;
        }
        if (finished.flaky_fail) {
            ++stats.failed;
            ++stats.flaky_failed;
            break;
        }
        ++stats.passed;
        stats.passed_slow += last.slow ? 1 : 0;
        stats.flaky += finished.is_flaky() ? 1 : 0;
        stats.leaky += last.leak == reporter::LeakStatus::leaked_pass ? 1 : 0;
        break;
    case AttemptStatus::skip:
        ++stats.skipped_at_runtime;
        break;
    case AttemptStatus::fail:
    case AttemptStatus::abort:
        ++stats.failed;
        stats.failed_slow += last.slow ? 1 : 0;
        break;
    case AttemptStatus::timeout:
        ++stats.timed_out;
        break;
    case AttemptStatus::exec_fail:
        ++stats.exec_failed;
        break;
    case AttemptStatus::cancelled:
        ++stats.cancelled;
        break;
    }
}

} // namespace ptest::runner
