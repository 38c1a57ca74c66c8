// The pieces of one status line, in cargo-nextest's shape:
//
//         PASS [   0.012s] binary-id test-name
//   TRY 2 PASS [   0.030s] binary-id test-name
//      SIGSEGV [   0.004s] binary-id test-name
//         SLOW [> 60.000s] binary-id test-name
//
// The status word is right-aligned in 12 columns and the duration in brackets is 8 wide with
// three decimals. This file decides which word a result gets (live and in the closing list),
// which status level a result needs to be shown, and formats the fixed-width parts. Pure
// functions: they return strings and never print.
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/line_printer.hpp"

#include <string>
#include <string_view>

namespace ptest::reporter {

/// Why the run is cancelling, as the reporter sees it, ordered like nextest's cancel reasons
/// (later reasons are stronger and change what is shown).
enum class CancelState {
    none,
    test_failure,
    setup_failure,
    global_timeout,
    signal,
    interrupt,
    second_signal
};

/// The state a `RunCancelling` event puts the run in: SIGINT is an interrupt, other signals
/// (SIGTERM, SIGHUP) are a signal.
CancelState cancel_state_of(const RunCancelling& event);

/// "test failure", "setup script failure", "global timeout", "signal", "interrupt", "second signal"
/// (empty for `none`).
std::string_view cancel_reason_text(CancelState state);

/// True for a flaky test: more than one attempt, and the last one passed (a leak whose result
/// is `fail` does not count as passing).
bool passed_on_retry(const TestFinished& finished);

/// A status word and the style it is painted in.
struct StatusWord {
    std::string text;
    Style style = Style::pass;
};

/// The long word for one attempt's result: PASS, LEAK, LEAK-FAIL, FAIL, FAIL + LEAK, SIGSEGV
/// (or ABORT SIG n for an unnamed signal), TIMEOUT, XFAIL (could not execute), SKIP, CANCEL.
std::string status_word(const AttemptResult& result);

/// The short word used after `TRY n `: PASS, LEAK, LKFAIL, FAIL, FL+LK, SEGV, TMT, XFAIL, SKIP,
/// CANCEL (at most 6 characters for named signals).
std::string short_status_word(const AttemptResult& result);

/// The word of a live line for a finished test: PASS/LEAK/SKIP for a success, `TRY n PASS` for a
/// flaky test, the long word for a failure on its first attempt and `TRY n <short>` after
/// retries.
StatusWord live_status_word(const TestFinished& finished);

/// The word in the closing list: as live, except SLOW / SLOW + LEAK for slow successes and
/// `FLAKY n/m` for flaky tests.
StatusWord final_status_word(const TestFinished& finished);

/// `TRY n <short>` in the retry style, for an attempt that failed and will be retried.
StatusWord retry_status_word(const AttemptResult& result);

/// The least `status-level` that shows this finished test's live line.
profiles::StatusLevel status_level_of(const TestFinished& finished);

/// The least `final-status-level` that lists this test at the end.
profiles::FinalStatusLevel final_status_level_of(const TestFinished& finished);

/// `word` right-aligned in 12 columns, painted.
std::string aligned_word(const StatusWord& word, bool color);

/// `[   1.234s]`: seconds, 8 wide, 3 decimals.
std::string bracketed_duration(Duration duration);

/// `[> 60.000s]`: the elapsed time of a slow test, 7 wide after the `>`.
std::string slow_duration(Duration duration);

/// `[         ]`: as wide as a bracketed duration, for lines without one.
std::string empty_duration();

/// `binary-id test-name`, each part painted.
std::string test_instance(const TestId& test, bool color);

/// `<word, 12 columns> <bracket> <binary-id> <test-name>`.
std::string status_line(const StatusWord& word, std::string_view bracket, const TestId& test,
                        bool color);

/// The text of the `           - ...` detail line under a status line: the attempt's reason
/// (why a pass by exit code is not a pass, an exec error, a cancel) or a skip message; empty
/// when there is nothing to add.
std::string detail_text(const AttemptResult& result);

/// Why a test the run did not start was skipped, as the detail under its SKIP line: what kept
/// it out and how to run it.
std::string skip_reason_text(SkipReason reason);

/// How a failed attempt's process ended, for the first detail line under its status word:
/// `exited with code 1` (FAIL, LEAK-FAIL), `terminated with SIGTERM` or `exited with code 3 when
/// terminated` (TIMEOUT). Empty for a success, an abort (its status word names the signal), a
/// cancel, an exec failure and whenever the process's end is unknown.
std::string exit_status_text(const AttemptResult& result);

/// `file:line` of `location` (`file` alone when the line is unknown); empty when unknown.
std::string location_text(const SourceLocation& location);

/// The text of the detail line that says where a failed attempt's case is declared: `at
/// file:line`, a form terminals turn into links and editors jump to. Empty for a success (a
/// pass or a skip) and when the location is unknown.
std::string location_detail(const AttemptResult& result);

/// `detail` indented under the status word (`           - detail`).
std::string detail_line(std::string_view detail);

} // namespace ptest::reporter
