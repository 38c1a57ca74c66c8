// The classification rules, in priority order: could not start, cancelled, timed out, killed by a
// signal, then the framework's structured report cross-checked with the exit status when it
// writes one, else a non-zero exit, then the framework's own console report for a zero exit.
#include "runner/schedule/outcome.hpp"

#include "base/signal_names.hpp"

#include <cstring>
#include <string>
#include <utility>

namespace ptest::runner {

using reporter::AttemptStatus;
using reporter::LeakStatus;

namespace {

std::string count_reason(int cases_run) {
    if (cases_run == 0) {
        return "no test case ran (the selector matched nothing)";
    }
    return std::to_string(cases_run) + " test cases ran (expected exactly one)";
}

/// A verdict read from the framework's structured report: the report decides, and a disagreement
/// with the exit status (or a missing or wrong report) is a failure that says so.
void classify_report(const FrameworkVerdict& verdict, reporter::AttemptResult& result) {
    if (!verdict.disagreement.empty()) {
        result.status = AttemptStatus::fail;
        result.reason = verdict.disagreement;
        return;
    }
    if (verdict.failed) {
        result.status = AttemptStatus::fail;
    } else {
        result.status = verdict.skipped ? AttemptStatus::skip : AttemptStatus::pass;
    }
}

void classify_zero_exit(const AttemptFacts& facts, reporter::AttemptResult& result) {
    const FrameworkVerdict& verdict = facts.verdict;
    if (verdict.from_report) {
        classify_report(verdict, result);
        return;
    }
    if (!facts.verify_single_case) {
        result.status = AttemptStatus::pass;
        return;
    }
    if (!verdict.finished) {
        result.status = AttemptStatus::fail;
        result.reason = "the process exited with code 0 before the test case finished";
        return;
    }
    if (!verdict.cases_run.has_value()) {
        result.status = AttemptStatus::fail;
        result.reason = "the test framework printed no report of the case it ran";
        return;
    }
    if (*verdict.cases_run != 1) {
        result.status = AttemptStatus::fail;
        result.reason = count_reason(*verdict.cases_run);
        return;
    }
    result.status = verdict.skipped ? AttemptStatus::skip : AttemptStatus::pass;
}

/// A normal exit of a test imported from CTest: ctest's own verdict first; a pass by exit code 0
/// is then checked against the framework's report as any other case is.
void classify_ctest_exit(const AttemptFacts& facts, reporter::AttemptResult& result) {
    std::string output = result.stdout_output.text + result.stderr_output.text;
    CTestVerdict verdict = judge_ctest_exit(*facts.ctest, facts.code, output);
    switch (verdict.judgement) {
    case CTestJudgement::skip:
        result.status = AttemptStatus::skip;
        if (result.skip_message.empty()) {
            result.skip_message = verdict.reason;
        }
        return;
    case CTestJudgement::fail:
        result.status = AttemptStatus::fail;
        result.reason = verdict.reason;
        return;
    case CTestJudgement::pass:
        break;
    }
    if (facts.code == 0 && !facts.ctest->will_fail) {
        classify_zero_exit(facts, result);
        return;
    }
    result.status = AttemptStatus::pass;
}

} // namespace

void classify_attempt(const AttemptFacts& facts, reporter::AttemptResult& result) {
    result.failure_message = facts.verdict.failure_message;
    result.failure_description = facts.verdict.failure_description;
    result.skip_message = facts.verdict.skip_message;
    if (facts.exec_error != 0) {
        result.status = AttemptStatus::exec_fail;
        result.reason = std::strerror(facts.exec_error);
        return;
    }
    if (facts.exited) {
        if (facts.signalled) {
            result.signal = facts.code;
        } else {
            result.exit_code = facts.code;
        }
    }
    if (facts.cancelled_by.has_value()) {
        result.status = AttemptStatus::cancelled;
        result.reason = "cancelled by " + base::signal_name(*facts.cancelled_by);
    } else if (facts.timed_out) {
        result.status = AttemptStatus::timeout;
    } else if (facts.signalled) {
        result.status = AttemptStatus::abort;
    } else if (facts.ctest != nullptr) {
        classify_ctest_exit(facts, result);
    } else if (facts.verdict.from_report) {
        classify_report(facts.verdict, result);
    } else if (facts.code != 0) {
        result.status = AttemptStatus::fail;
    } else {
        classify_zero_exit(facts, result);
    }
    if (facts.leaked) {
        result.leak = facts.leak_result == profiles::LeakResult::pass ? LeakStatus::leaked_pass
                                                                      : LeakStatus::leaked_fail;
    }
}

reporter::SourceLocation locate_case(FrameworkVerdict& verdict, const TestCase* test) {
    if (!verdict.file.empty()) {
        return {std::move(verdict.file), verdict.line};
    }
    if (test != nullptr && !test->file.empty()) {
        return {test->file, test->line};
    }
    return {};
}

} // namespace ptest::runner
