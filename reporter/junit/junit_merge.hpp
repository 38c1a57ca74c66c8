// Merging JUnit reports (`ptest junit merge`): the reports of the shards of one suite, run on
// separate machines, become one report, as if one run had written it. Suites of the same name (the
// same test binary) become one suite; every testcase is copied whole, with its flaky and rerun
// elements and its output; suite properties are kept once each; the counts, timestamps and times
// of the suites and of the root are recomputed. Two inputs that report the same test are refused
// when they disagree about its verdict and kept once, with a warning, when they agree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ptest::reporter {

/// One report to merge: a name for messages (the file name as the user gave it) and its bytes.
struct JunitInput {
    std::string name;
    std::string content;
};

/// The merged report.
struct JunitMerged {
    std::string xml;                   ///< UTF-8, with an XML declaration, four-space indented.
    std::vector<std::string> warnings; ///< One line each (identical duplicates kept once).
    std::size_t tests = 0;             ///< `testcase` elements in the merged report.
    std::size_t failures = 0;          ///< Those counted failed or in error.
    std::size_t suites = 0;            ///< `testsuite` elements.
};

/// Merge `inputs` in their order: suites in the order they first appear, the testcases of a
/// suite in input order. The root takes the first input's `name`, the earliest input timestamp,
/// the span from it to the latest end as its time, and `uuid`. Throws
/// `ptest::Error(ExitCode::junit_merge_failed)` with one line naming the file when an input is
/// not well-formed XML or not a JUnit report (its root is not `testsuites`, a suite has no
/// name), and naming both files when two inputs report one test with different verdicts
/// (passed, failure, error, skipped).
[[nodiscard]] JunitMerged merge_junit_reports(const std::vector<JunitInput>& inputs,
                                              std::string_view uuid);

} // namespace ptest::reporter
