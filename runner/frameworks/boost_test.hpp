// The Boost.Test adapter: list with `--list_content=DOT` (the test tree with each unit's file,
// line, labels, expected failures and whether it runs by default), select one case with
// `--run_test=suite/case`, and judge an attempt from the XML log Boost.Test writes to a private
// file beside its human-readable log on stdout, cross-checked with the exit status. Works with
// Boost.Test 1.74 both header-only and linked against the shared library (whose runner lives in
// libboost_unit_test_framework.so, not in the executable). The parsers are pure functions, tested
// directly on captured output.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Parse a `--list_content=DOT` listing (printed on stdout through `--report_sink=stdout`). Each
/// test case (Boost.Test numbers cases from 65536, suites below) becomes one case named by its
/// path below the master suite (`outer/inner/case`), with its file, line, labels (without `@`)
/// and expected failures; a case that does not run by default (`disabled()`, or inside a
/// disabled suite: drawn yellow) is `ignored`. Lines outside the DOT grammar are ignored. An exit
/// code other than 0, or output without the `digraph` of a test tree, is an error.
ListParseResult parse_boost_list(std::string_view output, int exit_code);

/// Mark the cases `--run_test` cannot select exactly: an empty name component, or one holding a
/// character `--run_test` gives a meaning to (`: * @ + ! ,`, or a leading or trailing space).
/// Boost.Test 1.74 rewrites these to `_` at registration, so only another version's listing can
/// show them.
void mark_boost_unselectable(std::vector<TestCase>& cases);

/// Judge one attempt of `test` from Boost.Test's XML log `log` (the file's contents; nullopt when
/// Boost.Test wrote none) and the exit code `exit_code` of a process that exited normally. The log
/// decides: the last `TestCase` that ran must be `test` (its path of `TestSuite` names below the
/// master suite, then its name), and any that ran before it are the cases it depends on, which
/// `--run_test` runs first. The case failed when it holds an `Exception`, or more `Error`s and
/// `FatalError`s than `test.expected_failures`; it skipped when the log marks it (or a suite on its
/// path) skipped for a reason other than not being selected (a failed precondition or
/// dependency). Any disagreement (no log, an empty or truncated log, the case not run, another case
/// or one after it, a failure of the case or a dependency with exit code 0, a pass or skip with a
/// non-zero exit code no failed dependency explains) sets `disagreement` to one line naming it.
FrameworkVerdict judge_boost_log(const TestCase& test, const std::optional<std::string>& log,
                                 int exit_code);

/// Map a CTest command running a Boost.Test binary with arguments `args`: none → `expand`; exactly
/// one `--run_test=a/b` (or `-t a/b`) naming one case without wildcards, labels, lists or
/// exclusions → that case; anything else → `command`, with the reason.
CommandMapping map_boost_command(const std::vector<std::string>& args);

/// Which listed cases batch: every selectable case that expects no failures (expected failures
/// count in every enclosing suite, which muddles a batch's exit code).
std::vector<bool> boost_batchable_cases(std::span<const TestCase> listed);

/// `--run_test=` naming as many leading cases of `batch` as fit in one argument, separated by
/// `:`, and the XML log at level `test_suite` to `report_path` with no report and no
/// human-readable log, so the console holds only what the tests print.
BatchArguments boost_batch_arguments(std::span<const TestCase* const> batch,
                                     std::string_view report_path);

/// Read a Boost.Test batch (see `FrameworkAdapter::interpret_batch`). No log, an empty or
/// truncated one (the process died: Boost.Test writes its log at the end), or an exit code that
/// disagrees with it (201 exactly when a case that ran failed, else 0) attributes nothing. A case
/// is attributed when the log shows it ran (judged as for one case, with its `TestingTime`) or was
/// skipped for a failed precondition or dependency; output is given only when the batch printed
/// nothing.
std::vector<BatchCaseResult> interpret_boost_batch(std::span<const TestCase* const> batch,
                                                   const std::optional<std::string>& log,
                                                   int exit_code, std::string_view stdout_text,
                                                   std::string_view stderr_text);

/// The Boost.Test adapter (config name `boost`), a singleton that lives for the whole program.
const FrameworkAdapter& boost_test_adapter();

} // namespace ptest::runner
