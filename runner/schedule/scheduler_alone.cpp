// Re-running alone (`[ctest] rerun-alone`): ctest runs a whole-registered test binary as one
// process, its cases one after another, so cases that write the same file or share other state
// never meet there. ptest runs them as parallel processes, where they can. A case of such a binary
// that fails for good beside other tests is queued instead of finished; once nothing else is
// running and no pending test could start, each queued case gets one more attempt, one at a time. A
// pass alone makes it flaky (`reporter::k_passes_alone_reason`); a failure alone keeps it failed. A
// cancelled run (fail-fast or a signal) re-runs nothing: the queued cases finish with the attempts
// they had.
#include "runner/schedule/scheduler.hpp"

#include <algorithm>

namespace ptest::runner {

using reporter::AttemptStatus;

std::uint32_t Scheduler::total_attempts(const TestState& state) const {
    // The re-run alone comes after every retry: a failure that ends retries early (an exec
    // failure, a cancel) is never re-run alone.
    return state.planned.settings.retries.count + (state.alone ? 2 : 1);
}

bool Scheduler::defer_alone(TestState& state) {
    const reporter::AttemptResult& last = state.attempts.back();
    const TestSettings& settings = state.planned.settings;
    if (!m_options.rerun_alone || !state.planned.binary->expanded_from_ctest || state.alone ||
        m_cancelled || !is_failure(last) || last.status == AttemptStatus::cancelled ||
        last.status == AttemptStatus::exec_fail) {
        return false;
    }
    // A test whose failed attempt had nothing beside it has nothing to learn from running alone.
    const bool had_company = state.had_company || m_attempt_serial != state.attempt_serial;
    if (!had_company || m_options.test_threads <= 1 || state.slots >= m_options.test_threads ||
        settings.run_serial) {
        return false;
    }
    // Nor has one whose test group runs one test at a time: that is the fix this suggests.
    if (auto max = m_options.group_max_threads.find(settings.test_group);
        settings.test_group != k_global_group && max != m_options.group_max_threads.end() &&
        max->second <= 1) {
        return false;
    }
    release(state);
    m_alone.push_back(&state);
    m_sink.report(reporter::TestAttemptFailedWillRetry{
        {state.planned.binary->id, state.planned.test->name}, last, reporter::Duration{0}, true});
    fill_workers();
    maybe_finish_run();
    return true;
}

void Scheduler::start_next_alone() {
    if (m_alone.empty() || m_cancelled || m_paused || m_running > 0 || !m_pending_batches.empty()) {
        return;
    }
    // Pending tests that cannot start yet wait for tests finishing (a fixture's cleanup may wait
    // for the queued case itself): only tests that could start come first.
    if (std::any_of(m_pending.begin(), m_pending.end(), [this](const TestState* pending) {
            return m_prerequisites.ready(pending->planned);
        })) {
        return;
    }
    TestState& state = *m_alone.front();
    m_alone.pop_front();
    acquire(state);
    state.alone = true;
    m_sink.report(reporter::TestRetryStarted{{state.planned.binary->id, state.planned.test->name},
                                             static_cast<std::uint32_t>(state.attempts.size() + 1),
                                             total_attempts(state),
                                             true});
    start_attempt(state);
}

void Scheduler::conclude_deferred() {
    while (!m_alone.empty()) {
        TestState& state = *m_alone.front();
        m_alone.pop_front();
        conclude(state);
    }
}

} // namespace ptest::runner
