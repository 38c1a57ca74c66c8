// The attempt state machine. Transitions: spawning -> running -> (terminating) -> exited ->
// (leak_check) -> done. Every transition happens in a completion handler on the one loop thread.
#include "runner/schedule/attempt.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/schedule/outcome.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <system_error>

namespace ptest::runner {

namespace {

/// `timer`, made on first use.
LoopTimer& make_once(std::unique_ptr<LoopTimer>& timer, LoopClock& clock) {
    if (!timer) {
        timer = clock.make_timer();
    }
    return *timer;
}

/// What the framework said about the attempt: its structured report judged against the exit
/// status when it writes one (with or without capture), else its console report when the single
/// case is verified.
FrameworkVerdict framework_verdict(const AttemptSpec& spec, ChildProcess* child, int exec_error,
                                   const std::optional<ExitStatus>& exit,
                                   const reporter::AttemptResult& result) {
    FrameworkVerdict verdict;
    if (spec.request.report) {
        std::optional<std::string> report =
            child != nullptr ? child->take_report() : std::optional<std::string>();
        if (exit && !exit->signalled) {
            verdict =
                framework_adapter(*spec.binary)
                    .interpret_report(*spec.test, report, exit->code, result.stdout_output.text);
        }
    } else if (exec_error == 0 && spec.verify_single_case) {
        bool premature = false;
        if (spec.premature_exit_file) {
            // Removing it tells whether it was there: one system call instead of two.
            std::error_code ignored;
            premature = std::filesystem::remove(*spec.premature_exit_file, ignored);
        }
        verdict = framework_adapter(*spec.binary)
                      .interpret_output(*spec.test, result.stdout_output.text,
                                        result.stderr_output.text, premature);
    }
    return verdict;
}

void cancel_if_made(const std::unique_ptr<LoopTimer>& timer) {
    if (timer) {
        timer->cancel();
    }
}

} // namespace

Attempt::Attempt(const ProcessLoop& loop, AttemptSpec spec, AttemptCallbacks callbacks)
    : m_loop(loop), m_spec(std::move(spec)), m_callbacks(std::move(callbacks)) {}

void Attempt::start() {
    m_start_wall = m_loop.clock.wall_now();
    m_start = m_loop.clock.now();
    // The premature-exit file is named after this attempt in a fresh per-run directory, so it
    // cannot exist yet: no need to remove it first.
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
    m_next_slow = m_spec.slow_timeout.period;
    arm_slow_timer();
}

reporter::Duration Attempt::elapsed() const {
    auto now = m_paused ? m_paused_at : m_loop.clock.now();
    return now - m_start - m_paused_total;
}

void Attempt::arm_slow_timer() {
    if (m_state != State::running && m_state != State::terminating) {
        return;
    }
    reporter::Duration wait = m_next_slow - elapsed();
    if (m_spec.terminate_deadline && *m_spec.terminate_deadline - elapsed() < wait) {
        wait = *m_spec.terminate_deadline - elapsed();
    }
    LoopTimer& timer = make_once(m_slow_timer, m_loop.clock);
    timer.expires_after(wait);
    timer.async_wait([self = shared_from_this()](bool aborted) {
        if (!aborted) {
            self->on_slow_period();
        }
    });
}

void Attempt::on_slow_period() {
    if (m_state != State::running) {
        return;
    }
    if (m_spec.terminate_deadline && elapsed() >= *m_spec.terminate_deadline) {
        m_timed_out = true;
        terminate(SIGTERM, m_spec.slow_timeout.grace_period);
        return;
    }
    ++m_slow_periods;
    const auto& slow = m_spec.slow_timeout;
    bool will_terminate = slow.terminate_after && m_slow_periods >= *slow.terminate_after;
    if (m_callbacks.on_slow) {
        m_callbacks.on_slow(m_next_slow, will_terminate);
    }
    if (will_terminate) {
        m_timed_out = true;
        terminate(SIGTERM, slow.grace_period);
        return;
    }
    m_next_slow += slow.period;
    arm_slow_timer();
}

void Attempt::terminate(int signal, reporter::Duration grace) {
    if (m_state != State::running && m_state != State::terminating) {
        return;
    }
    m_state = State::terminating;
    cancel_if_made(m_slow_timer);
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

void Attempt::cancel(int signal, reporter::Duration grace) {
    if (m_state == State::leak_check) {
        // The test has exited and a descendant still holds its output. A cancelled run must not
        // wait out the rest of leak-timeout: forward the signal, and give up (killing the group)
        // after the grace period at most.
        m_child->signal_group(signal);
        if (m_leak_timer->expiry() - m_loop.clock.now() > grace) {
            m_leak_timer->expires_after(grace);
            wait_for_leak_timeout();
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

void Attempt::kill() {
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

void Attempt::pause() {
    if (m_paused || m_state == State::done || m_state == State::spawning) {
        return;
    }
    m_paused = true;
    m_paused_at = m_loop.clock.now();
    cancel_if_made(m_slow_timer);
    if (m_child && m_state != State::exited && m_state != State::leak_check) {
        m_child->signal_group(SIGSTOP);
    }
}

void Attempt::resume() {
    if (!m_paused) {
        return;
    }
    m_paused = false;
    m_paused_total += m_loop.clock.now() - m_paused_at;
    if (m_child) {
        m_child->signal_group(SIGCONT);
    }
    arm_slow_timer();
}

void Attempt::on_exit(ExitStatus status) {
    m_exit = status;
    m_end = m_loop.clock.now();
    cancel_if_made(m_slow_timer);
    cancel_if_made(m_grace_timer);
    m_state = State::exited;
    if (m_open_pipes > 0) {
        // The test has exited but something still holds its stdout or stderr: give it
        // leak-timeout to let go before calling it a leak.
        m_state = State::leak_check;
        make_once(m_leak_timer, m_loop.clock).expires_after(m_spec.leak_timeout.period);
        wait_for_leak_timeout();
        return;
    }
    maybe_finish();
}

void Attempt::wait_for_leak_timeout() {
    m_leak_timer->async_wait([self = shared_from_this()](bool aborted) {
        if (!aborted) {
            self->on_leak_timeout();
        }
    });
}

void Attempt::on_pipe_eof() {
    --m_open_pipes;
    maybe_finish();
}

void Attempt::maybe_finish() {
    if (m_exit && m_open_pipes == 0 && m_state != State::done) {
        cancel_if_made(m_leak_timer);
        finish();
    }
}

void Attempt::on_leak_timeout() {
    if (m_state == State::done) {
        return;
    }
    m_leaked = true;
    // Kill what is left of the test's group so nothing outlives the run, and stop waiting for
    // a descendant that may have left the group.
    m_child->signal_group(SIGKILL);
    m_child->close_output();
    maybe_finish();
}

void Attempt::finish() {
    if (m_state == State::done) {
        return;
    }
    m_state = State::done;
    cancel_if_made(m_slow_timer);
    cancel_if_made(m_grace_timer);
    cancel_if_made(m_leak_timer);
    if (m_child) {
        // Descendants that closed their output but kept running die with the test.
        m_child->signal_group(SIGKILL);
    }

    reporter::AttemptResult result;
    result.attempt = m_spec.attempt;
    result.total_attempts = m_spec.total_attempts;
    result.start_time = m_start_wall;
    result.duration = m_end - m_start - m_paused_total;
    result.slow = m_slow_periods > 0;
    if (m_child) {
        result.stdout_output = m_child->take_stdout();
        result.stderr_output = m_child->take_stderr();
    }

    AttemptFacts facts;
    facts.exec_error = m_exec_error;
    facts.exited = m_exit.has_value();
    if (m_exit) {
        facts.signalled = m_exit->signalled;
        facts.code = m_exit->code;
    }
    facts.timed_out = m_timed_out;
    facts.cancelled_by = m_cancelled_by;
    facts.leaked = m_leaked;
    facts.leak_result = m_spec.leak_timeout.result;
    facts.verify_single_case = m_spec.verify_single_case;
    facts.ctest = m_spec.binary != nullptr ? m_spec.binary->ctest.get() : nullptr;
    facts.verdict = framework_verdict(m_spec, m_child.get(), m_exec_error, m_exit, result);
    classify_attempt(facts, result);
    result.location = locate_case(facts.verdict, m_spec.test);
    if (m_exec_error != 0) {
        result.reason = "failed to start " + m_spec.request.program.string() + ": " + result.reason;
    }
    auto on_done = std::move(m_callbacks.on_done);
    m_callbacks = {};
    on_done(std::move(result));
}

} // namespace ptest::runner
