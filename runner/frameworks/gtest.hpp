// The GoogleTest adapter: parse `--gtest_list_tests`, build the `--gtest_filter` selector for one
// case, and read a single-case run's report. The parsers are pure functions, tested directly;
// the adapter (`gtest_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

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
std::vector<std::string> gtest_run_arguments(const TestCase& test);

/// Read a single-case GoogleTest run (its default printer writes everything to stdout).
FrameworkVerdict interpret_gtest_output(std::string_view stdout_text,
                                        bool premature_exit_file_exists);

/// The GoogleTest adapter (kind `gtest`), a singleton that lives for the whole program.
const FrameworkAdapter& gtest_adapter();

} // namespace ptest::runner
