// One attempt: the slow-timeout policy over a ProcessRun, and the judgement of the finished
// process (the framework's verdict, then the outcome rules of outcome.cpp).
#include "runner/schedule/attempt.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/schedule/outcome.hpp"

#include <system_error>

namespace ptest::runner {

namespace {

/// What the framework said about the attempt: its structured report judged against the exit
/// status when it writes one (with or without capture), else its console report when the single
/// case is verified.
FrameworkVerdict framework_verdict(const AttemptSpec& spec, const ProcessFacts& process,
                                   const reporter::AttemptResult& result) {
    FrameworkVerdict verdict;
    if (spec.request.report) {
        if (process.exit) {
            // A signal makes the attempt an abort whatever the report says, but the report may
            // still say what the case did first (Catch2 records the signal before re-raising it).
            const ExitStatus& exit = *process.exit;
            const int code = exit.signalled ? 128 + exit.code : exit.code;
            verdict =
                framework_adapter(*spec.binary)
                    .interpret_report(*spec.test, process.report, code, result.stdout_output.text);
        }
    } else if (process.exec_error == 0 && spec.verify_single_case) {
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

} // namespace

Attempt::Attempt(const ProcessLoop& loop, AttemptSpec spec, AttemptCallbacks callbacks)
    : m_spec(std::move(spec)), m_callbacks(std::move(callbacks)), m_run(loop, *this) {}

void Attempt::start() {
    // The premature-exit file is named after this attempt in a fresh per-run directory, so it
    // cannot exist yet: no need to remove it first.
    m_run.start(std::shared_ptr<ProcessRun>(shared_from_this(), &m_run), m_spec.request,
                m_spec.capture_limit, m_spec.leak_timeout.period);
    m_next_slow = m_spec.slow_timeout.period;
    arm_slow_timer();
}

void Attempt::arm_slow_timer() {
    const State state = m_run.state();
    if (state != State::running && state != State::terminating) {
        return;
    }
    const reporter::Duration elapsed = m_run.elapsed();
    reporter::Duration wait = m_next_slow - elapsed;
    if (m_spec.terminate_deadline && *m_spec.terminate_deadline - elapsed < wait) {
        wait = *m_spec.terminate_deadline - elapsed;
    }
    m_run.watch(wait);
}

void Attempt::on_watchdog() {
    if (m_run.state() != State::running) {
        return;
    }
    if (m_spec.terminate_deadline && m_run.elapsed() >= *m_spec.terminate_deadline) {
        m_run.time_out(m_spec.slow_timeout.grace_period);
        return;
    }
    ++m_slow_periods;
    const auto& slow = m_spec.slow_timeout;
    bool will_terminate = slow.terminate_after && m_slow_periods >= *slow.terminate_after;
    if (m_callbacks.on_slow) {
        m_callbacks.on_slow(m_next_slow, will_terminate);
    }
    if (will_terminate) {
        m_run.time_out(slow.grace_period);
        return;
    }
    m_next_slow += slow.period;
    arm_slow_timer();
}

void Attempt::cancel(int signal, reporter::Duration grace) {
    m_run.cancel(signal, grace);
}

void Attempt::kill() {
    m_run.kill();
}

void Attempt::pause() {
    m_run.pause();
}

void Attempt::resume() {
    if (m_run.resume()) {
        arm_slow_timer();
    }
}

void Attempt::on_process_done(ProcessFacts& process) {
    reporter::AttemptResult result;
    result.attempt = m_spec.attempt;
    result.total_attempts = m_spec.total_attempts;
    result.start_time = process.start_time;
    result.duration = process.duration;
    result.slow = m_slow_periods > 0;
    result.stdout_output = std::move(process.stdout_output);
    result.stderr_output = std::move(process.stderr_output);

    AttemptFacts facts;
    facts.exec_error = process.exec_error;
    facts.exited = process.exit.has_value();
    if (process.exit) {
        facts.signalled = process.exit->signalled;
        facts.code = process.exit->code;
    }
    facts.timed_out = process.timed_out;
    facts.cancelled_by = process.cancelled_by;
    facts.leaked = process.leaked;
    facts.leak_result = m_spec.leak_timeout.result;
    facts.verify_single_case = m_spec.verify_single_case;
    facts.ctest = m_spec.binary != nullptr ? m_spec.binary->ctest.get() : nullptr;
    facts.verdict = framework_verdict(m_spec, process, result);
    classify_attempt(facts, result);
    result.location = locate_case(facts.verdict, m_spec.test);
    if (process.exec_error != 0) {
        result.reason = "failed to start " + m_spec.request.program.string() + ": " + result.reason;
    }
    auto on_done = std::move(m_callbacks.on_done);
    m_callbacks = {};
    on_done(std::move(result));
}

} // namespace ptest::runner
