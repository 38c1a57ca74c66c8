// ScriptProcess: spawn, slow-timeout periods, exit, leak check, verdict (see script_process.hpp).
#include "runner/services/script_process.hpp"

#include "base/signal_names.hpp"

#include "runner/services/env_file.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ptest::runner {

using reporter::ScriptStatus;

std::string script_command_text(const profiles::ScriptConfig& config) {
    std::string text;
    for (const std::string& word : config.command) {
        if (!text.empty()) {
            text += ' ';
        }
        text += word;
    }
    return text;
}

ScriptProcess::ScriptProcess(const ProcessLoop& loop, ScriptSpec spec,
                             std::function<void(ScriptOutcome)> on_done)
    : m_loop(loop), m_spec(std::move(spec)), m_on_done(std::move(on_done)) {}

void ScriptProcess::start() {
    m_start_wall = m_loop.clock.wall_now();
    m_start = m_loop.clock.now();
    auto self = shared_from_this();
    ChildCallbacks callbacks;
    callbacks.on_output_closed = [self] { self->on_output_closed(); };
    callbacks.on_exit = [self](ExitStatus status) { self->on_exit(status); };
    LaunchResult launched =
        m_loop.launcher.launch(m_spec.request, m_spec.capture_limit, std::move(callbacks));
    if (!launched.ok()) {
        m_exec_error = launched.error;
        boost::asio::post(m_loop.io, [self] { self->finish(); });
        return;
    }
    m_child = std::move(launched.child);
    m_open_pipes = m_child->captured_streams();
    arm_slow_timer();
}

void ScriptProcess::arm_slow_timer() {
    const std::optional<profiles::SlowTimeout>& slow = m_spec.config->slow_timeout;
    if (!slow || slow->period.count() <= 0) {
        return; // No slow-timeout: the script may take as long as it takes (as in nextest).
    }
    if (!m_slow_timer) {
        m_slow_timer = m_loop.clock.make_timer();
    }
    m_slow_timer->expires_after(slow->period);
    auto self = shared_from_this();
    m_slow_timer->async_wait([self](bool aborted) {
        if (!aborted) {
            self->on_slow_period();
        }
    });
}

void ScriptProcess::on_slow_period() {
    if (m_exit || m_cancelled_by) {
        return;
    }
    ++m_slow_periods;
    const profiles::SlowTimeout& slow = *m_spec.config->slow_timeout;
    if (slow.terminate_after && m_slow_periods >= *slow.terminate_after) {
        m_timed_out = true;
        terminate(SIGTERM, slow.grace_period);
        return;
    }
    arm_slow_timer();
}

void ScriptProcess::terminate(int signal, reporter::Duration grace) {
    if (!m_child || m_exit) {
        return;
    }
    m_child->signal_group(signal);
    if (!m_grace_timer) {
        m_grace_timer = m_loop.clock.make_timer();
    }
    m_grace_timer->expires_after(grace);
    auto self = shared_from_this();
    m_grace_timer->async_wait([self](bool aborted) {
        if (!aborted && !self->m_exit && self->m_child) {
            self->m_child->signal_group(SIGKILL);
        }
    });
}

void ScriptProcess::cancel(int signal, reporter::Duration grace) {
    if (m_exit || m_done) {
        return;
    }
    m_cancelled_by = signal;
    terminate(signal, grace);
}

void ScriptProcess::kill() {
    if (m_exit || m_done || !m_child) {
        return;
    }
    m_cancelled_by = m_cancelled_by.value_or(SIGKILL);
    m_child->signal_group(SIGKILL);
}

void ScriptProcess::on_exit(ExitStatus status) {
    m_exit = status;
    if (m_slow_timer) {
        m_slow_timer->cancel();
    }
    if (m_grace_timer) {
        m_grace_timer->cancel();
    }
    if (m_open_pipes > 0) {
        // A descendant may hold the output open: wait leak-timeout for it, then give up on it.
        m_leak_timer = m_loop.clock.make_timer();
        m_leak_timer->expires_after(m_spec.config->leak_timeout.period);
        auto self = shared_from_this();
        m_leak_timer->async_wait([self](bool aborted) {
            if (!aborted && self->m_open_pipes > 0 && !self->m_done) {
                self->m_leaked = true;
                self->m_child->close_output();
            }
        });
    }
    maybe_finish();
}

void ScriptProcess::on_output_closed() {
    --m_open_pipes;
    maybe_finish();
}

void ScriptProcess::maybe_finish() {
    if (m_exit && m_open_pipes <= 0 && !m_done) {
        if (m_leak_timer) {
            m_leak_timer->cancel();
        }
        // Report on the next turn: close_output() calls back from within the leak timer.
        auto self = shared_from_this();
        boost::asio::post(m_loop.io, [self] { self->finish(); });
        m_done = true;
    }
}

void ScriptProcess::finish() {
    m_done = true;
    ScriptOutcome outcome;
    reporter::ScriptResult& result = outcome.result;
    result.kind = m_spec.config->kind;
    result.name = m_spec.config->name;
    result.command = script_command_text(*m_spec.config);
    result.start_time = m_start_wall;
    result.duration = m_loop.clock.now() - m_start;
    result.leaked = m_leaked;
    if (m_child) {
        result.stdout_output = m_child->take_stdout();
        result.stderr_output = m_child->take_stderr();
    }
    judge(result, outcome);
    outcome.group = std::move(m_child);
    auto on_done = std::move(m_on_done);
    on_done(std::move(outcome));
}

void ScriptProcess::judge(reporter::ScriptResult& result, ScriptOutcome& outcome) const {
    if (m_exec_error != 0) {
        result.status = ScriptStatus::exec_fail;
        result.reason = "could not start " + m_spec.request.program.string() + ": " +
                        std::strerror(m_exec_error);
        return;
    }
    if (m_exit->signalled) {
        result.signal = m_exit->code;
    } else {
        result.exit_code = m_exit->code;
    }
    if (m_cancelled_by) {
        result.status = ScriptStatus::cancelled;
        result.reason = "stopped by ptest after " + base::signal_name(*m_cancelled_by);
    } else if (m_timed_out) {
        result.status = ScriptStatus::timeout;
        result.reason = "terminated after its slow-timeout";
    } else if (m_exit->signalled) {
        result.status = ScriptStatus::abort;
        result.reason = "killed by " + base::signal_name(m_exit->code);
    } else if (m_exit->code != 0) {
        result.status = ScriptStatus::fail;
        result.reason = "exit code " + std::to_string(m_exit->code);
    } else if (m_leaked && m_spec.config->leak_timeout.result == profiles::LeakResult::fail) {
        result.status = ScriptStatus::leak_fail;
        result.reason = "its output stayed open after it exited (leak-timeout)";
    }
    if (result.status != ScriptStatus::pass || m_spec.env_file.empty()) {
        return;
    }
    std::ifstream in(m_spec.env_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    EnvFile parsed = parse_env_file(text.str());
    if (!parsed.ok()) {
        result.status = ScriptStatus::bad_env;
        result.reason = "the file named by PTEST_ENV is malformed: " + parsed.error;
        return;
    }
    outcome.env = std::move(parsed.variables);
}

} // namespace ptest::runner
