// The batch state machine. Transitions: spawning -> running -> (terminating) -> exited ->
// (leak_check) -> done, each in a completion handler on the one loop thread, as for a one-case
// Attempt; only the timer differs: one deadline for the whole batch instead of slow-timeout
// periods, since a batch cannot tell live which case is running.
#include "runner/schedule/batch_attempt.hpp"

#include "runner/frameworks/registry.hpp"

#include <boost/asio/post.hpp>

#include <csignal>

namespace ptest::runner {

namespace {

/// `timer`, made on first use.
LoopTimer& make_once(std::unique_ptr<LoopTimer>& timer, LoopClock& clock) {
    if (!timer) {
        timer = clock.make_timer();
    }
    return *timer;
}

void cancel_if_made(const std::unique_ptr<LoopTimer>& timer) {
    if (timer) {
        timer->cancel();
    }
}

} // namespace

BatchArguments batch_request_arguments(const TestBinary& binary,
                                       std::span<const TestCase* const> cases) {
    BatchArguments batch = framework_adapter(binary).batch_arguments(cases, k_report_path);
    std::vector<std::string> args = binary.args;
    args.insert(args.end(), std::make_move_iterator(batch.args.begin()),
                std::make_move_iterator(batch.args.end()));
    batch.args = std::move(args);
    return batch;
}

BatchAttempt::BatchAttempt(const ProcessLoop& loop, BatchSpec spec, BatchCallbacks callbacks)
    : m_loop(loop), m_spec(std::move(spec)), m_callbacks(std::move(callbacks)),
      m_deadline(batch_deadline(m_spec.cases)) {}

void BatchAttempt::start() {
    m_start_wall = m_loop.clock.wall_now();
    m_start = m_loop.clock.now();
    auto self = shared_from_this();
    ChildCallbacks child_callbacks;
    child_callbacks.on_output_closed = [self] { self->on_pipe_eof(); };
    child_callbacks.on_exit = [self](ExitStatus status) { self->on_exit(status); };
    LaunchResult launched =
        m_loop.launcher.launch(m_spec.request, m_spec.capture_limit, std::move(child_callbacks));
    if (!launched.ok()) {
        m_exec_error = launched.error;
        m_end = m_loop.clock.now();
        boost::asio::post(m_loop.io, [self] { self->finish(); });
        return;
    }
    m_state = State::running;
    m_child = std::move(launched.child);
    m_open_pipes = m_child->captured_streams();
    arm_deadline();
}

reporter::Duration BatchAttempt::elapsed() const {
    auto now = m_paused ? m_paused_at : m_loop.clock.now();
    return now - m_start - m_paused_total;
}

void BatchAttempt::arm_deadline() {
    if (!m_deadline || m_state != State::running) {
        return;
    }
    LoopTimer& timer = make_once(m_deadline_timer, m_loop.clock);
    timer.expires_after(*m_deadline - elapsed());
    timer.async_wait([self = shared_from_this()](bool aborted) {
        if (!aborted && self->m_state == State::running) {
            self->m_timed_out = true;
            self->terminate(SIGTERM, self->m_spec.grace_period);
        }
    });
}

void BatchAttempt::terminate(int signal, reporter::Duration grace) {
    if (m_state != State::running && m_state != State::terminating) {
        return;
    }
    m_state = State::terminating;
    cancel_if_made(m_deadline_timer);
    if (grace <= reporter::Duration::zero()) {
        m_child->signal_group(SIGKILL);
        return;
    }
    m_child->signal_group(signal);
    if (m_paused) {
        m_child->signal_group(SIGCONT); // A stopped process cannot act on SIGTERM.
    }
    LoopTimer& timer = make_once(m_grace_timer, m_loop.clock);
    timer.expires_after(grace);
    timer.async_wait([self = shared_from_this()](bool aborted) {
        if (!aborted && self->m_state == State::terminating) {
            self->m_child->signal_group(SIGKILL);
        }
    });
}

void BatchAttempt::cancel(int signal, reporter::Duration grace) {
    if (m_state == State::leak_check) {
        // The batch has exited and a descendant still holds its output: give up on it within
        // the grace period rather than waiting out leak-timeout.
        m_child->signal_group(signal);
        if (m_leak_timer->expiry() - m_loop.clock.now() > grace) {
            m_leak_timer->expires_after(grace);
            m_leak_timer->async_wait([self = shared_from_this()](bool aborted) {
                if (!aborted) {
                    self->on_leak_timeout();
                }
            });
        }
        return;
    }
    if (m_state != State::running && m_state != State::terminating) {
        return;
    }
    if (!m_cancelled_by && !m_timed_out) {
        m_cancelled_by = signal;
    }
    cancel_if_made(m_grace_timer);
    m_state = State::running; // Let terminate() re-arm the grace period for this signal.
    terminate(signal, grace);
}

void BatchAttempt::kill() {
    if (m_child && (m_state == State::running || m_state == State::terminating)) {
        if (!m_cancelled_by && !m_timed_out) {
            m_cancelled_by = SIGKILL;
        }
        m_child->signal_group(SIGKILL);
    }
    if (m_state == State::leak_check) {
        m_leak_timer->cancel();
        on_leak_timeout();
    }
}

void BatchAttempt::pause() {
    if (m_paused || m_state == State::done || m_state == State::spawning) {
        return;
    }
    m_paused = true;
    m_paused_at = m_loop.clock.now();
    cancel_if_made(m_deadline_timer);
    if (m_child && m_state != State::exited && m_state != State::leak_check) {
        m_child->signal_group(SIGSTOP);
    }
}

void BatchAttempt::resume() {
    if (!m_paused) {
        return;
    }
    m_paused = false;
    m_paused_total += m_loop.clock.now() - m_paused_at;
    if (m_child) {
        m_child->signal_group(SIGCONT);
    }
    arm_deadline();
}

void BatchAttempt::on_exit(ExitStatus status) {
    m_exit = status;
    m_end = m_loop.clock.now();
    cancel_if_made(m_deadline_timer);
    cancel_if_made(m_grace_timer);
    m_state = State::exited;
    if (m_open_pipes > 0) {
        // The batch has exited but something still holds its stdout or stderr: give it
        // leak-timeout to let go before calling it a leak.
        m_state = State::leak_check;
        make_once(m_leak_timer, m_loop.clock).expires_after(m_spec.leak_timeout.period);
        m_leak_timer->async_wait([self = shared_from_this()](bool aborted) {
            if (!aborted) {
                self->on_leak_timeout();
            }
        });
        return;
    }
    maybe_finish();
}

void BatchAttempt::on_pipe_eof() {
    --m_open_pipes;
    maybe_finish();
}

void BatchAttempt::maybe_finish() {
    if (m_exit && m_open_pipes == 0 && m_state != State::done) {
        cancel_if_made(m_leak_timer);
        finish();
    }
}

void BatchAttempt::on_leak_timeout() {
    if (m_state == State::done) {
        return;
    }
    m_leaked = true;
    // Kill what is left of the batch's group so nothing outlives the run.
    m_child->signal_group(SIGKILL);
    m_child->close_output();
    maybe_finish();
}

void BatchAttempt::finish() {
    if (m_state == State::done) {
        return;
    }
    m_state = State::done;
    cancel_if_made(m_deadline_timer);
    cancel_if_made(m_grace_timer);
    cancel_if_made(m_leak_timer);
    BatchFacts facts;
    facts.exec_error = m_exec_error;
    facts.exit = m_exit;
    facts.timed_out = m_timed_out;
    facts.cancelled_by = m_cancelled_by;
    facts.leaked = m_leaked;
    facts.start_time = m_start_wall;
    facts.duration = m_end - m_start - m_paused_total;
    if (m_child) {
        // Descendants that closed their output but kept running die with the batch.
        m_child->signal_group(SIGKILL);
        facts.stdout_output = m_child->take_stdout();
        facts.stderr_output = m_child->take_stderr();
        if (m_spec.request.report) {
            facts.report = m_child->take_report();
        }
    }
    std::vector<BatchCaseOutcome> outcomes =
        judge_batch(*m_spec.binary, m_spec.cases, facts, m_spec.case_capture_limit);
    auto on_done = std::move(m_callbacks.on_done);
    m_callbacks = {};
    on_done(std::move(outcomes));
}

} // namespace ptest::runner
