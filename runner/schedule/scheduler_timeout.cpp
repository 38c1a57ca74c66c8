// The scheduler's `global-timeout` (nextest 0.9.100): a timer started with the run that, when it
// expires, cancels the run the way a SIGTERM would, with its own reason. Running tests get SIGTERM
// and SIGKILL after their grace period, queued tests and retries never start, and the teardown
// scripts still run; setup scripts still running are interrupted (and their teardowns run).
// Teardown scripts that are already running are left to finish, bounded by their own timeouts.
#include "profiles/duration.hpp"
#include "runner/schedule/scheduler.hpp"

#include <csignal>
#include <string>

namespace ptest::runner {

void Scheduler::arm_global_timeout() {
    const std::optional<reporter::Duration>& limit = m_options.profile.global_timeout;
    if (!limit) {
        return;
    }
    m_global_timer = m_loop.clock.make_timer();
    m_global_timer->expires_after(*limit);
    m_global_timer->async_wait([this](bool aborted) {
        if (!aborted) {
            on_global_timeout();
        }
    });
}

void Scheduler::on_global_timeout() {
    if (m_finished || m_killed || m_hook_phase == HookPhase::after) {
        return;
    }
    if (m_hook_phase == HookPhase::before) {
        if (!m_cancelled) {
            m_cancelled = true;
            m_global_timed_out = true;
            m_sink.report(
                reporter::RunCancelling{reporter::CancelReason::global_timeout, std::nullopt, 0});
        }
        m_hooks->interrupt(SIGTERM);
        return;
    }
    if (m_terminating) {
        return; // A signal or fail-fast already terminates every running test.
    }
    // Also after fail-fast with `terminate = "wait"`: the tests it let run are stopped now.
    m_global_timed_out = true;
    cancel_run(reporter::CancelReason::global_timeout, std::nullopt);
    if (m_paused) {
        resume();
    }
    maybe_finish_run();
}

void Scheduler::explain_global_timeout(std::vector<reporter::AttemptResult>& attempts) const {
    if (!m_global_timed_out || attempts.empty() ||
        attempts.back().status != reporter::AttemptStatus::cancelled) {
        return;
    }
    // "cancelled by SIGTERM" would hide why ptest sent the signal.
    reporter::AttemptResult& last = attempts.back();
    std::string reason = "cancelled by global-timeout";
    if (const std::optional<reporter::Duration>& limit = m_options.profile.global_timeout) {
        reason += " (" + profiles::format_duration(*limit) + ")";
    }
    last.reason = std::move(reason);
}

} // namespace ptest::runner
