// One batch: its deadline over a ProcessRun, and the judgement of every case once the process is
// done. Only the timer differs from a one-case Attempt: one deadline for the whole batch instead
// of slow-timeout periods, since a batch cannot tell live which case is running.
#include "runner/schedule/batch_attempt.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/registry.hpp"

namespace ptest::runner {

BatchArguments batch_request_arguments(const TestBinary& binary,
                                       std::span<const TestCase* const> cases) {
    return binary_batch_arguments(binary, cases, k_report_path);
}

BatchAttempt::BatchAttempt(const ProcessLoop& loop, BatchSpec spec, BatchCallbacks callbacks)
    : m_spec(std::move(spec)), m_callbacks(std::move(callbacks)),
      m_deadline(batch_deadline(m_spec.cases)), m_run(loop, *this) {}

void BatchAttempt::start() {
    m_run.start(std::shared_ptr<ProcessRun>(shared_from_this(), &m_run), m_spec.request,
                m_spec.capture_limit, m_spec.leak_timeout.period);
    arm_deadline();
}

void BatchAttempt::arm_deadline() {
    if (m_deadline && m_run.state() == State::running) {
        m_run.watch(*m_deadline - m_run.elapsed());
    }
}

void BatchAttempt::on_watchdog() {
    if (m_run.state() == State::running) {
        m_run.time_out(m_spec.grace_period);
    }
}

void BatchAttempt::cancel(int signal, reporter::Duration grace) {
    m_run.cancel(signal, grace);
}

void BatchAttempt::kill() {
    m_run.kill();
}

void BatchAttempt::pause() {
    m_run.pause();
}

void BatchAttempt::resume() {
    if (m_run.resume()) {
        arm_deadline();
    }
}

void BatchAttempt::on_process_done(ProcessFacts& facts) {
    m_start_time = facts.start_time;
    m_duration = facts.duration;
    std::vector<BatchCaseOutcome> outcomes =
        judge_batch(*m_spec.binary, m_spec.cases, facts, m_spec.case_capture_limit);
    auto on_done = std::move(m_callbacks.on_done);
    m_callbacks = {};
    on_done(std::move(outcomes));
}

} // namespace ptest::runner
