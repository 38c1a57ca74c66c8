// The scheduler's side of CTest's ordering properties (prerequisites.hpp): a test whose required
// fixture failed to set up is reported failed without running, as ctest reports it "Not Run".
#include "runner/schedule/scheduler.hpp"

#include <boost/asio/post.hpp>

#include <utility>

namespace ptest::runner {

void Scheduler::report_not_run(TestState& state, std::string reason) {
    reporter::AttemptResult result;
    // ctest counts a test it does not run for a failed fixture as failed, and so does ptest.
    result.status = reporter::AttemptStatus::exec_fail;
    result.reason = std::move(reason);
    result.start_time = m_loop.clock.wall_now();
    result.total_attempts = 1;
    m_sink.report(
        reporter::TestStarted{{state.planned.binary->id, state.planned.test->name}, m_running});
    state.attempts.push_back(std::move(result));
    // Report on the next turn of the loop so every event stays in the loop's order.
    TestState* target = &state;
    boost::asio::post(m_loop.io, [this, target] { finish_test(*target); });
}

} // namespace ptest::runner
