// doctest batches: the cases of one test suite whose name filter selects them alone (no
// `position` in the listing) run in one process through one `--dt-test-case=` list, and the XML
// report is read case by case. doctest sends every reporter to its one `--out` file, so the
// console holds only what the tests print, with no marks saying whose: each case gets output of
// its own only when the batch printed nothing. Pure functions, tested on captured batch reports;
// kept apart from doctest.cpp and doctest_report.cpp, whose one-case rules they reuse.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Which listed cases batch: every selectable case without a `position` (its name and suite
/// filters match it alone among the listed cases, so a list of such names in one suite selects
/// exactly those cases).
std::vector<bool> doctest_batchable_cases(std::span<const TestCase> listed);

/// `--dt-test-case=` with the escaped names of as many leading cases of `batch` as share the
/// first one's suite and fit in one argument, the suite filter (or the exclusion of every named
/// suite), the options of a one-case run, `--dt-no-skip=true` when one of them is skip-decorated,
/// and the XML report with durations to `report_path`. doctest matches every case against every
/// name, so when `listed` (the binary's listing, or empty: see
/// `FrameworkAdapter::batch_arguments`) shows that `batch` is every case an unfiltered run
/// selects, there is neither name nor suite filter.
BatchArguments doctest_batch_arguments(std::span<const TestCase> listed,
                                       std::span<const TestCase* const> batch,
                                       std::string_view report_path);

/// Read a doctest batch (see `FrameworkAdapter::interpret_batch`). A complete report whose exit
/// code disagrees with it (1, or 128 + N after a crash it reports, exactly when a case failed;
/// else 0) attributes nothing; a truncated one attributes the finished cases before the last it
/// names. A case is found by its name and
/// suite, then its file and line; a case the report names twice is not attributed. A failed
/// case's messages are rendered as for a run of its own.
std::vector<BatchCaseResult> interpret_doctest_batch(std::span<const TestCase* const> batch,
                                                     const std::optional<std::string>& report,
                                                     int exit_code, std::string_view stdout_text,
                                                     std::string_view stderr_text);

} // namespace ptest::runner
