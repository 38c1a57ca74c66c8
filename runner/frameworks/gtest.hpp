// The GoogleTest adapter: parse `--gtest_list_tests`, build the `--gtest_filter` selector for one
// case, and read a single-case run's report. The parsers are pure functions, tested directly;
// the adapter (`gtest_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// True when GoogleTest treats the suite or case name as disabled: it starts with `DISABLED_`,
/// or has `/DISABLED_` after an instantiation prefix (`Inst/DISABLED_Suite`).
bool gtest_name_is_disabled(std::string_view suite_or_case);

/// Parse `--gtest_list_tests` output (see `parse_list_output`). Suite lines end with `.`, case
/// lines are indented by two spaces, `  # GetParam() = ...` / `  # TypeParam = ...` comments are
/// dropped, and every other line (the gtest_main banner) is ignored.
ListParseResult parse_gtest_list(std::string_view output, int exit_code);

/// `--gtest_filter=NAME --gtest_color=no`, plus `--gtest_also_run_disabled_tests` when ignored.
/// GoogleTest does not check the names a type-name generator gives, so a name may hold the
/// filter's own characters (`-`, `:`, `*`, `?`), which no escape can select: each becomes `?`,
/// which matches it, and the report tells the case from any sibling the filter also matches.
std::vector<std::string> gtest_run_arguments(const TestCase& test);

/// Read a single-case GoogleTest run (its default printer writes everything to stdout).
FrameworkVerdict interpret_gtest_output(std::string_view stdout_text,
                                        bool premature_exit_file_exists);

/// Judge a run of `test` from its `--gtest_output=xml` report (`report`, nullopt when GoogleTest
/// wrote none) and its exit code. The case is found by its full name among the cases that ran
/// (a filter with `?` may run siblings too); it failed iff it has `failure` elements or GoogleTest
/// recorded a failure outside any test, and skipped when its result is `skipped`. A missing report
/// with exit code 0, an absent case, or an exit code that contradicts the report is a
/// `disagreement`; a missing report with a non-zero exit is a plain failure. `file` and `line`
/// come from the case's element; the failure description is the failures' texts.
FrameworkVerdict judge_gtest_report(const TestCase& test, const std::optional<std::string>& report,
                                    int exit_code);

/// The GoogleTest adapter (kind `gtest`), a singleton that lives for the whole program.
const FrameworkAdapter& gtest_adapter();

} // namespace ptest::runner
