// The end of the report, in cargo-nextest's grammar:
//
//   ------------
//        Summary [  15.750s] 8/10 tests run: 5 passed (1 slow, 1 flaky, 1 leaky), 2 failed, ...
//      FLAKY 2/3 [   0.030s] binary-id flaky_test
//           FAIL [   0.004s] binary-id failing_test
//   warning: 2/10 tests were not run due to test failure (run with --no-fail-fast ...)
//
// This file builds those lines and orders the closing list; the reporter decides which tests
// enter the list and prints them.
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/status_line.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// The counts part of the summary: `P passed[ (S slow, F flaky, L leaky)], [N failed[ (K due to
/// being leaky)], ][E exec failed, ][T timed out, ][C cancelled, ]S skipped`. As in nextest,
/// `passed` and `skipped` are always present and other zero counts are left out; `skipped`
/// counts the tests the run did not start (`reported skipped` those that skipped themselves), and
/// is followed by ` (K in other partitions)` when `--partition` left K of them to other shards.
std::string summary_counts(const RunStats& stats, bool color);

/// `     Summary [  15.750s] 8/10 tests run: <counts>`: `N tests run` when every selected test
/// finished, `N/M tests run` otherwise; the word "Summary" is green for a clean run, red when
/// anything failed and yellow when nothing ran.
std::string summary_line(const RunFinished& finished, bool color);

/// The warning printed after the closing list when selected tests never ran, e.g.
/// `warning: 3/10 tests were not run due to test failure (run with --no-fail-fast to run all
/// tests, or run with --max-fail)`; empty when every selected test ran.
std::optional<std::string> not_run_warning(const RunFinished& finished, CancelState cancel,
                                           bool color);

/// The note after the summary of a run that ran cases in batches, e.g. `note: 1998 tests ran in
/// batches, 3 of them re-run alone`; empty when no case ran in a batch.
std::optional<std::string> batch_note(const RunStats& stats, bool color);

/// The note after the summary of a run in process mode that batches would have made much
/// shorter (`RunFinished::batch_hint`), e.g. `note: 1980 tests of `unit` spent most of their time
/// starting a process each; with isolation = "batch" this run would likely take about 0.52s
/// instead of 4.31s`; empty without a hint.
std::optional<std::string> batch_hint_note(const RunFinished& finished, bool color);

/// One test in the closing list.
struct FinalEntry {
    TestId test;
    /// The finished test; empty for a test that was skipped without running.
    std::optional<TestFinished> finished;
    /// Whether its captured output is printed under its line (`final`, `immediate-final`).
    bool show_output = false;
    /// Why a test that was skipped without running was not run; empty for a finished test.
    std::optional<SkipReason> skip_reason = std::nullopt;

    /// The final status level the entry is listed at.
    [[nodiscard]] profiles::FinalStatusLevel level() const;
};

/// Order the closing list like nextest: by final status level from `pass` down to `fail` (so
/// failures are last, nearest the prompt), then by binary id and test name.
void sort_final_entries(std::vector<FinalEntry>& entries);

/// The closing-list line for `entry` (`FLAKY 2/3 [ ... ] ...`, `SKIP [         ] ...`).
std::string final_entry_line(const FinalEntry& entry, bool color);

} // namespace ptest::reporter
