// The GoogleTest adapter: parse `--gtest_list_tests`, build the `--gtest_filter` selector for one
// case or a batch, and read a single-case run's or a batch's report. The parsers are pure
// functions, tested directly; the adapter (`gtest_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <span>
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

/// Which listed cases batch (see `FrameworkAdapter::batchable_cases`): every selectable case
/// whose name holds none of the filter's characters `-` `:` `*` `?`.
std::vector<bool> gtest_batchable_cases(std::span<const TestCase> listed);

/// `--gtest_filter=A:B:...` naming as many leading cases of `batch` as fit in one argument,
/// `--gtest_color=no`, the XML report to `report_path`, and `--gtest_also_run_disabled_tests`
/// when one of them is disabled (the filter's exact names keep other disabled cases out).
BatchArguments gtest_batch_arguments(std::span<const TestCase* const> batch,
                                     std::string_view report_path);

/// Read a GoogleTest batch (see `FrameworkAdapter::interpret_batch`). No report, an unreadable
/// one, or an exit code that disagrees with it (1 exactly when a case failed, a failure
/// outside any test included) attributes nothing. A failing batch keeps its passes and skips
/// only when its console shows no failure outside any test case, which GoogleTest 1.12's report
/// leaves out. Each case gets its console slice from its `[ RUN      ]` line to its closing
/// line when every framework line of the console is exactly as the report implies; stderr is
/// given only when it is empty.
std::vector<BatchCaseResult> interpret_gtest_batch(std::span<const TestCase* const> batch,
                                                   const std::optional<std::string>& report,
                                                   int exit_code, std::string_view stdout_text,
                                                   std::string_view stderr_text);

/// The GoogleTest adapter (kind `gtest`), a singleton that lives for the whole program.
const FrameworkAdapter& gtest_adapter();

} // namespace ptest::runner
