// The scheduler's side of its run hooks (run_hooks.hpp): tests wait for `before_tests`, take the
// environment it produced, and `after_tests` runs once before `RunFinished`, whatever ended the
// tests. A signal while a hook runs goes to the hook: before the tests it also cancels the run.
#include "runner/schedule/scheduler.hpp"

namespace ptest::runner {

void Scheduler::on_before_tests_done(bool ok) {
    m_hook_phase = HookPhase::tests;
    if (!ok) {
        // A signal during the setup already cancelled the run: that is no setup failure.
        m_hooks_failed = !m_cancelled;
        if (!m_cancelled) {
            cancel_run(reporter::CancelReason::setup_script_failure, std::nullopt);
        }
    } else if (!m_cancelled) {
        for (auto& state : m_tests) {
            for (auto& [name, value] : m_hooks->test_env(state->planned)) {
                state->planned.settings.env.emplace(name, value);
            }
        }
        for (auto& unit : m_batches) {
            unit->env = m_hooks->test_env(unit->members.front()->planned);
        }
    }
    fill_workers();
    maybe_finish_run();
}

bool Scheduler::hooks_let_finish() {
    if (m_hooks == nullptr || m_hook_phase == HookPhase::done) {
        return true;
    }
    if (m_hook_phase == HookPhase::tests) {
        m_hook_phase = HookPhase::after;
        m_hooks->after_tests([this] {
            m_hook_phase = HookPhase::done;
            maybe_finish_run();
        });
    }
    return false;
}

void Scheduler::interrupt_hooks(int signal) {
    if (m_hook_phase == HookPhase::before && !m_cancelled) {
        m_cancelled = true;
        m_sink.report(reporter::RunCancelling{reporter::CancelReason::signal, signal, 0});
    }
    m_hooks->interrupt(signal);
}

} // namespace ptest::runner
