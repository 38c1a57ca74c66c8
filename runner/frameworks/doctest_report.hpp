// Judging one doctest attempt from the XML report doctest 2.4 and 2.5 write to a private file
// (`--dt-reporters=xml --dt-out=FILE --dt-no-skipped-summary=true`, so the report holds only the
// cases that ran), cross-checked with the exit code. Pure functions, tested on captured reports.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pugi {
class xml_node;
}

namespace ptest::runner {

/// Whether the finished `TestCase` element `test_case` of doctest's XML report failed: its
/// `test_case_success` (doctest 2.4.7 and later), else, for earlier versions (2.4.6 is still
/// bundled by real projects), a failed assertion or an `Exception` child (an escaping exception
/// or a crash, which leave `failures="0"`). Shared with the batch reader.
bool doctest_case_failed(const pugi::xml_node& test_case);

/// The arguments that make doctest write its XML report to `path` (used verbatim, never parsed)
/// and leave the cases it did not run out of it. They replace doctest's console reporter: doctest
/// sends every reporter to the one `--out` stream, so the console report cannot stay on stdout.
std::vector<std::string> doctest_report_arguments(std::string_view path);

/// The options by which a binary's own arguments already choose doctest's reporters or their
/// output (`--reporters=`, `-r=`, `--out=`, `-o=`, also `--dt-` and `-dt-` prefixed).
std::span<const std::string_view> doctest_own_report_options();

/// Judge one attempt of `test` from doctest's XML report `report` (the file's contents, nullopt
/// when doctest wrote none) and the exit code of a process that exited normally. The report
/// decides: among the `TestCase` elements of cases that ran, the one with `test`'s name (and,
/// for a listed case, its suite, file and line) and its `test_case_success`. Any disagreement
/// sets `disagreement` to one line naming it: no report, a report with no run or cut off (a
/// death mid-test), no case or another case, several cases nothing tells apart, a failure with
/// exit code 0, or a pass with a non-zero exit code when every case that ran passed. The failure
/// message and description are rendered from the report as doctest's console prints them; `file`
/// and `line` are the case's.
FrameworkVerdict judge_doctest_report(const TestCase& test,
                                      const std::optional<std::string>& report, int exit_code);

} // namespace ptest::runner
