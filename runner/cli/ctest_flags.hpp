// The habits a ctest user brings to ptest's command line: `-R REGEX`, `-L LABEL`, `--timeout
// SECONDS` and `--output-on-failure` are accepted with their ctest meaning and translated into
// ptest's own terms (a filter expression, the profile's slow-timeout, failure output), and a ctest
// style `-E NAME`, which ptest reads as a filter expression, is answered with what to write
// instead. docs/ctest.md has the whole table.
#pragma once

#include "profiles/timeouts.hpp"
#include "runner/cli/session.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ptest::cli {

/// The ctest flags given on the command line.
struct CtestArgs {
    std::optional<std::string> regex;   ///< `-R REGEX`: tests whose name matches.
    std::optional<std::string> label;   ///< `-L REGEX`: tests with a label that matches.
    std::optional<std::string> timeout; ///< `--timeout SECONDS`: the default time limit.
    bool output_on_failure = false;     ///< `--output-on-failure`: nextest's default already.
};

/// Declare `-R` and `-L` on `command`, and with `for_run` also `--timeout` and
/// `--output-on-failure`, storing into `args`, which must outlive `command`.
void add_ctest_flags(CLI::App& command, CtestArgs& args, bool for_run);

/// The filter expression `-R` and `-L` stand for (both given: a test must match both, as in
/// ctest), or empty when neither was given. Throws `ptest::Error` (invalid_filter) for a regex
/// that does not compile.
std::string ctest_filter_expression(const CtestArgs& args);

/// Add `ctest_filter_expression` to `common`'s `-E` expressions when there is one. A ctest
/// selection is one more expression: a test that matches it or another `-E` runs.
void apply_ctest_selection(const CtestArgs& args, CommonArgs& common);

/// Throw `ptest::Error` (invalid_filter) when an `-E` value is a bare word (`-E Gcd`), which is
/// a test name in ctest's `-E` but no filter expression, with a message that says what to write.
void check_bare_filter_words(const CommonArgs& common);

/// With `--output-on-failure` and no `--failure-output`: `--failure-output immediate`, which is
/// the built-in default too, so that a profile that hides failure output does not hide it from a
/// ctest user who asked for it.
void apply_output_on_failure(const CtestArgs& args, ProfileArgs& profile);

/// The slow-timeout `--timeout SECONDS` means: terminated after one period of SECONDS (a number
/// of seconds as in ctest, or a duration such as `90s`), with the profile's grace period. Empty
/// without `--timeout`. Throws `ptest::Error` (usage) for a value that is neither.
std::optional<profiles::SlowTimeout> ctest_timeout(const CtestArgs& args,
                                                   const profiles::SlowTimeout& profile_value);

} // namespace ptest::cli
