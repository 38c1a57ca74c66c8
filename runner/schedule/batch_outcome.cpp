// Judging a finished batch case by case: the adapter reads the report, `batch_verdict_is_final`
// says which passes and skips stand, each kept case is checked against its own budget, and a kept
// case's result is classified exactly as a lone attempt's (outcome.cpp), so reporters and JUnit
// see no difference.
#include "runner/schedule/batch_outcome.hpp"

#include "base/signal_names.hpp"

#include "profiles/duration.hpp"
#include "runner/frameworks/registry.hpp"
#include "runner/process/bounded_capture.hpp"
#include "runner/schedule/outcome.hpp"

#include <cstring>

namespace ptest::runner {

namespace {

using reporter::Duration;

/// `text` bounded to `limit` bytes, head and tail, as a lone attempt's capture is.
base::CapturedOutput bounded(const std::string& text, std::uint64_t limit) {
    BoundedCapture capture(limit);
    capture.append(text);
    return capture.take();
}

/// `duration` to the microsecond, as the configuration writes durations (`1s 250ms 20us`).
std::string duration_text(Duration duration) {
    return profiles::format_duration(
        std::chrono::duration_cast<std::chrono::microseconds>(duration));
}

/// Why the batch as a whole cannot stand for any case it did not finish; empty when it can.
std::string batch_doubt(const BatchFacts& facts) {
    if (facts.exec_error != 0) {
        return std::string("the batch could not start: ") + std::strerror(facts.exec_error);
    }
    if (!facts.exit) {
        return "the batch process was never reaped";
    }
    if (facts.leaked) {
        // Which case left a descendant holding the output cannot be told: each lone run tells.
        return "the batch process left its output open past leak-timeout";
    }
    const bool truncated =
        facts.stdout_output.dropped_bytes > 0 || facts.stderr_output.dropped_bytes > 0;
    if (truncated && (facts.exit->signalled || facts.exit->code != 0)) {
        // The console the adapter cross-checks a failing batch with lost its middle.
        return "the batch failed and its output passed the capture limit";
    }
    return {};
}

/// Why a kept case cannot stand after all: it ran past its own budget. Empty when it did not.
std::string over_budget(const BatchCaseSpec& spec, const BatchCaseResult& read,
                        Duration batch_duration) {
    const std::optional<Duration> budget = case_budget(spec);
    if (!budget) {
        return {};
    }
    const Duration ran = read.duration.value_or(batch_duration);
    if (ran < *budget) {
        return {};
    }
    return "it ran for " + duration_text(ran) + " inside the batch, past its timeout of " +
           duration_text(*budget);
}

/// The lone-attempt-shaped result of a case the batch keeps.
reporter::AttemptResult kept_result(const BatchCaseSpec& spec, BatchCaseResult read,
                                    const BatchFacts& facts, Duration started_after, Duration share,
                                    std::uint64_t limit) {
    reporter::AttemptResult result;
    result.attempt = 1;
    result.total_attempts = spec.total_attempts;
    result.start_time =
        facts.start_time + std::chrono::duration_cast<reporter::WallClock::duration>(started_after);
    result.duration = read.duration.value_or(share);
    result.slow = result.duration >= spec.slow_timeout.period;
    const bool whole_output =
        facts.stdout_output.dropped_bytes == 0 && facts.stderr_output.dropped_bytes == 0;
    if (whole_output && read.stdout_text) {
        result.stdout_output = bounded(*read.stdout_text, limit);
        read.verdict.report_stdout.clear();
    }
    if (whole_output && read.stderr_text) {
        result.stderr_output = bounded(*read.stderr_text, limit);
        read.verdict.report_stderr.clear();
    }
    AttemptFacts attempt;
    attempt.exited = true;
    attempt.code = 0;
    attempt.verdict = std::move(read.verdict);
    classify_attempt(attempt, result);
    // The batch's process is not this case's: a kept case has no exit status of its own.
    result.exit_code.reset();
    result.location = locate_case(attempt.verdict, spec.test);
    return result;
}

/// The cancelled attempt a case gets when the run was cancelled before the batch finished it.
reporter::AttemptResult cancelled_result(const BatchCaseSpec& spec, const BatchFacts& facts) {
    reporter::AttemptResult result;
    result.total_attempts = spec.total_attempts;
    result.start_time = facts.start_time;
    result.duration = facts.duration;
    result.status = reporter::AttemptStatus::cancelled;
    result.reason = "cancelled by " + base::signal_name(*facts.cancelled_by);
    if (facts.exit) {
        if (facts.exit->signalled) {
            result.signal = facts.exit->code;
        } else {
            result.exit_code = facts.exit->code;
        }
    }
    result.location = spec.test != nullptr && !spec.test->file.empty()
                          ? reporter::SourceLocation{spec.test->file, spec.test->line}
                          : reporter::SourceLocation{};
    return result;
}

/// Why the case the adapter read is not kept; empty when it is.
std::string not_kept(const BatchCaseResult& read) {
    if (!read.attributed) {
        return read.unattributed_reason.empty() ? "the batch's report does not account for it"
                                                : read.unattributed_reason;
    }
    if (!read.verdict.disagreement.empty()) {
        return read.verdict.disagreement;
    }
    return "it failed inside the batch";
}

} // namespace

std::optional<Duration> case_budget(const BatchCaseSpec& spec) {
    std::optional<Duration> budget;
    if (spec.slow_timeout.terminate_after) {
        budget = spec.slow_timeout.period * *spec.slow_timeout.terminate_after;
    }
    if (spec.terminate_deadline && (!budget || *spec.terminate_deadline < *budget)) {
        budget = spec.terminate_deadline;
    }
    return budget;
}

std::optional<Duration> batch_deadline(std::span<const BatchCaseSpec> cases) {
    Duration sum{0};
    for (const BatchCaseSpec& spec : cases) {
        const std::optional<Duration> budget = case_budget(spec);
        if (!budget) {
            return std::nullopt;
        }
        sum += *budget;
    }
    return sum;
}

std::vector<BatchCaseOutcome> judge_batch(const TestBinary& binary,
                                          std::span<const BatchCaseSpec> cases,
                                          const BatchFacts& facts,
                                          std::uint64_t case_capture_limit) {
    std::vector<BatchCaseOutcome> outcomes(cases.size());
    const std::string doubt = batch_doubt(facts);
    std::vector<BatchCaseResult> read;
    if (doubt.empty()) {
        std::vector<const TestCase*> tests;
        for (const BatchCaseSpec& spec : cases) {
            tests.push_back(spec.test);
        }
        const int code = facts.exit->signalled ? 128 + facts.exit->code : facts.exit->code;
        read = framework_adapter(binary).interpret_batch(
            tests, facts.report, code, facts.stdout_output.text, facts.stderr_output.text);
    }
    const Duration share =
        cases.empty() ? Duration{0} : facts.duration / static_cast<std::int64_t>(cases.size());
    Duration started_after{0};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BatchCaseOutcome& outcome = outcomes[i];
        if (!doubt.empty() || i >= read.size()) {
            outcome.reason = doubt.empty() ? "the batch's report does not account for it" : doubt;
        } else if (batch_verdict_is_final(read[i])) {
            outcome.reason = over_budget(cases[i], read[i], facts.duration);
            if (outcome.reason.empty()) {
                const Duration ran = read[i].duration.value_or(share);
                outcome.disposition = BatchDisposition::final;
                outcome.result = kept_result(cases[i], std::move(read[i]), facts, started_after,
                                             share, case_capture_limit);
                started_after += ran;
                continue;
            }
        } else {
            outcome.reason = not_kept(read[i]);
            outcome.ended_in = read[i].ended_in;
        }
        if (facts.timed_out) {
            outcome.reason =
                "the batch ran past its deadline and was terminated (" + outcome.reason + ")";
        }
        started_after += read.size() > i ? read[i].duration.value_or(Duration{0}) : Duration{0};
        if (facts.cancelled_by) {
            outcome.disposition = BatchDisposition::cancelled;
            outcome.result = cancelled_result(cases[i], facts);
            outcome.reason.clear();
        }
    }
    return outcomes;
}

} // namespace ptest::runner
