// Judging one attempt from Catch2's XML report (v2's `-r xml -o FILE`, v3's `--reporter
// xml::out=FILE`), cross-checked with the exit status. The report may hold more cases than the
// attempt's own (a test spec cannot always select one case alone): the case is picked out by its
// trimmed name, then file and line when the listing gave them; every other case must be one its
// spec selects. The failure text is rebuilt from the report's elements as Catch2's console prints
// it, and Catch2 v2's report also gives back the test's std::cout and std::cerr output, which its
// XML reporter takes off the console. A pure function, tested directly on captured reports.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <string>

namespace ptest::runner {

/// The Catch2 major version whose report is judged: the root element, the exit codes and where
/// the test's own output goes differ.
enum class Catch2Major { v2, v3 };

/// Judge one attempt of `test` from Catch2's XML report `report` (the file's contents; nullopt
/// when Catch2 wrote none) and the exit code `exit_code` (128 + N after signal N). The verdict is
/// `from_report`, with `file` and `line` from the report: the case's `OverallResult` says failed,
/// skipped (v3 `<Skip>`) or passed. Any disagreement sets `disagreement` to one line: no report, a
/// truncated one, no case named as `test` or more than one, a case its spec does not select, or
/// an exit code the report contradicts (v2: non-zero exactly when a reported case failed; v3: 42
/// when one failed, else 0, or 4 when every case skipped).
FrameworkVerdict judge_catch2_report(const TestCase& test, const std::optional<std::string>& report,
                                     int exit_code, Catch2Major major);

} // namespace ptest::runner
