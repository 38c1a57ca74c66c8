// The process lifecycle state machine. Every transition happens in a completion handler on the one
// loop thread; each handler holds the owner alive through the aliasing pointer `m_self`.
#include "runner/schedule/process_run.hpp"

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

void ProcessRun::start(const std::shared_ptr<ProcessRun>& self, const SpawnRequest& request,
                       std::uint64_t capture_limit, reporter::Duration leak_timeout) {
    m_self = self;
    m_wants_report = request.report;
    m_leak_timeout = leak_timeout;
    m_start_wall = m_loop.clock.wall_now();
    m_start = m_loop.clock.now();
    ChildCallbacks child_callbacks;
    child_callbacks.on_output_closed = [self] { self->on_pipe_eof(); };
    child_callbacks.on_exit = [self](ExitStatus status) { self->on_exit(status); };
    LaunchResult launched =
        m_loop.launcher.launch(request, capture_limit, std::move(child_callbacks));
    if (!launched.ok()) {
        m_exec_error = launched.error;
        m_end = m_loop.clock.now();
        boost::asio::post(m_loop.io, [self] { self->finish(); });
        return;
    }
    m_state = State::running;
    m_child = std::move(launched.child);
    m_open_pipes = m_child->captured_streams();
}

reporter::Duration ProcessRun::elapsed() const {
    auto now = m_paused ? m_paused_at : m_loop.clock.now();
    return now - m_start - m_paused_total;
}

void ProcessRun::watch(reporter::Duration wait) {
    LoopTimer& timer = make_once(m_watchdog, m_loop.clock);
    timer.expires_after(wait);
    timer.async_wait([self = m_self.lock()](bool aborted) {
        if (!aborted) {
            self->m_owner.on_watchdog();
        }
    });
}

void ProcessRun::time_out(reporter::Duration grace) {
    m_timed_out = true;
    terminate(SIGTERM, grace);
}

void ProcessRun::terminate(int signal, reporter::Duration grace) {
    if (m_state != State::running && m_state != State::terminating) {
        return;
    }
    m_state = State::terminating;
    cancel_if_made(m_watchdog);
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
    timer.async_wait([self = m_self.lock()](bool aborted) {
        if (!aborted && self->m_state == State::terminating) {
            self->m_child->signal_group(SIGKILL);
        }
    });
}

void ProcessRun::cancel(int signal, reporter::Duration grace) {
    if (m_state == State::leak_check) {
        // The process has exited and a descendant still holds its output. A cancelled run must
        // not wait out the rest of leak-timeout: forward the signal, and give up (killing the
        // group) after the grace period at most.
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

void ProcessRun::kill() {
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

void ProcessRun::pause() {
    if (m_paused || m_state == State::done || m_state == State::spawning) {
        return;
    }
    m_paused = true;
    m_paused_at = m_loop.clock.now();
    cancel_if_made(m_watchdog);
    if (m_child && m_state != State::exited && m_state != State::leak_check) {
        m_child->signal_group(SIGSTOP);
    }
}

bool ProcessRun::resume() {
    if (!m_paused) {
        return false;
    }
    m_paused = false;
    m_paused_total += m_loop.clock.now() - m_paused_at;
    if (m_child) {
        m_child->signal_group(SIGCONT);
    }
    return true;
}

void ProcessRun::on_exit(ExitStatus status) {
    m_exit = status;
    m_end = m_loop.clock.now();
    cancel_if_made(m_watchdog);
    cancel_if_made(m_grace_timer);
    m_state = State::exited;
    if (m_open_pipes > 0) {
        // The process has exited but something still holds its stdout or stderr: give it
        // leak-timeout to let go before calling it a leak.
        m_state = State::leak_check;
        make_once(m_leak_timer, m_loop.clock).expires_after(m_leak_timeout);
        wait_for_leak_timeout();
        return;
    }
    maybe_finish();
}

void ProcessRun::wait_for_leak_timeout() {
    m_leak_timer->async_wait([self = m_self.lock()](bool aborted) {
        if (!aborted) {
            self->on_leak_timeout();
        }
    });
}

void ProcessRun::on_pipe_eof() {
    --m_open_pipes;
    maybe_finish();
}

void ProcessRun::maybe_finish() {
    if (m_exit && m_open_pipes == 0 && m_state != State::done) {
        cancel_if_made(m_leak_timer);
        finish();
    }
}

void ProcessRun::on_leak_timeout() {
    if (m_state == State::done) {
        return;
    }
    m_leaked = true;
    // Kill what is left of the group so nothing outlives the run, and stop waiting for a
    // descendant that may have left the group.
    m_child->signal_group(SIGKILL);
    m_child->close_output();
    maybe_finish();
}

void ProcessRun::finish() {
    if (m_state == State::done) {
        return;
    }
    m_state = State::done;
    cancel_if_made(m_watchdog);
    cancel_if_made(m_grace_timer);
    cancel_if_made(m_leak_timer);
    ProcessFacts facts;
    facts.exec_error = m_exec_error;
    facts.exit = m_exit;
    facts.timed_out = m_timed_out;
    facts.cancelled_by = m_cancelled_by;
    facts.leaked = m_leaked;
    facts.start_time = m_start_wall;
    facts.duration = m_end - m_start - m_paused_total;
    if (m_child) {
        // Descendants that closed their output but kept running die with the process.
        m_child->signal_group(SIGKILL);
        facts.stdout_output = m_child->take_stdout();
        facts.stderr_output = m_child->take_stderr();
        if (m_wants_report) {
            facts.report = m_child->take_report();
        }
    }
    m_owner.on_process_done(facts);
}

} // namespace ptest::runner
