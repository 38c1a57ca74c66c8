// What ptest knows about each test framework, as pure functions: how to detect it, how to ask a
// binary for its cases and parse the answer, how to build the argv that runs exactly one case, and
// how to read the framework's own report of a finished attempt. No process is started here; the
// runner starts processes and hands the bytes to these functions.
#pragma once

#include "runner/list/test_list.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Guess a binary's framework from its bytes (the executable file's contents). Returns
/// `auto_detect` when no framework's markers are found (not a test binary).
FrameworkKind detect_framework(std::string_view binary_bytes);

/// Arguments (after the binary path and the binary's configured `args`) that make the binary
/// print its test list. A framework may need more than one listing command (Catch2 lists hidden
/// tests separately); `pass` numbers them from 0.
std::vector<std::string> list_arguments(FrameworkKind kind, int pass);

/// How many listing commands `kind` needs (see `list_arguments`).
int list_pass_count(FrameworkKind kind);

/// The result of parsing one listing's output.
struct ListParseResult {
    std::vector<TestCase> cases;
    std::optional<std::string> error; ///< Set when the output is not a valid listing.
};

/// Parse the stdout of listing pass `pass`. `exit_code` is the listing's exit code (Catch2 v2
/// returns the number of tests listed, which is not an error). Lines outside the list grammar
/// (gtest_main's "Running main() from ..." banner) are ignored.
ListParseResult parse_list_output(FrameworkKind kind, int pass, std::string_view output,
                                  int exit_code);

/// Merge the results of every listing pass into one case list in listing order (for Catch2: mark
/// the hidden ones `ignored`), then mark cases the framework cannot select exactly as
/// `unselectable` with a reason.
std::vector<TestCase> merge_list_passes(FrameworkKind kind, std::vector<ListParseResult> passes);

/// The argv (after the binary path and its configured `args`) that runs exactly `test`, and
/// nothing else. For an `ignored` case it adds what the framework needs to run it anyway
/// (`--gtest_also_run_disabled_tests`, doctest `--no-skip`).
std::vector<std::string> run_arguments(FrameworkKind kind, const TestCase& test);

/// The arguments (after the binary path and its `args`) that run `test` of `binary`: nothing for
/// a preselected binary (its `args` select the case already) or a plain command, else
/// `run_arguments`.
std::vector<std::string> case_arguments(const TestBinary& binary, const TestCase& test);

/// What the framework itself said about one finished attempt.
struct FrameworkVerdict {
    /// How many test cases the framework reports as run (nullopt when it printed no report).
    std::optional<int> cases_run;
    bool finished = true; ///< False when the framework never reported the case finishing.
    bool skipped = false; ///< The case skipped itself (GTEST_SKIP, Catch2 v3 SKIP).
    std::string skip_message;
    std::string failure_message;     ///< First failure line made one line (see JUnit contract).
    std::string failure_description; ///< The failure block(s) the framework printed.
};

/// Read the captured stdout and stderr of an attempt of `test`.
/// `premature_exit_file_exists` is GoogleTest's TEST_PREMATURE_EXIT_FILE check: the file still
/// existing after exit means the process ended before GoogleTest finished.
FrameworkVerdict interpret_output(FrameworkKind kind, const TestCase& test,
                                  std::string_view stdout_text, std::string_view stderr_text,
                                  bool premature_exit_file_exists);

/// Spelling of a framework kind as in config (`gtest`, `catch2`, `doctest`, `command`, `auto`).
std::string_view to_string(FrameworkKind kind);

} // namespace ptest::runner
