// What CTest's test properties say about one test, kept on the `TestBinary` it became: how an
// attempt's exit code and output decide pass, fail or skip (WILL_FAIL, SKIP_RETURN_CODE and the
// PASS, FAIL and SKIP regular expressions), and what the scheduler must honour (TIMEOUT,
// RUN_SERIAL, RESOURCE_LOCK, PROCESSORS; applied by runner/schedule/ctest_settings.hpp), and the
// order it must keep (FIXTURES_SETUP, FIXTURES_CLEANUP, FIXTURES_REQUIRED and DEPENDS; applied by
// runner/schedule/prerequisites.hpp).
#pragma once

#include "profiles/profile.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
} // namespace re2

namespace ptest::runner {

/// One regular expression of a CTest property, compiled once (RE2: linear time, so a hostile
/// pattern cannot hang a run).
struct CTestRegex {
    std::string pattern;
    std::shared_ptr<const re2::RE2> compiled; ///< Never null once built by `compile_ctest_regex`.
};

/// Compile `pattern`; on failure return nullopt and set `error` to RE2's reason.
std::optional<CTestRegex> compile_ctest_regex(const std::string& pattern, std::string& error);

/// The rules of one CTest test. Default-constructed rules judge by exit code alone.
struct CTestRules {
    std::string test_name; ///< The CTest test's name.
    bool will_fail = false;
    std::optional<int> skip_return_code;
    std::vector<CTestRegex> pass_regex;
    std::vector<CTestRegex> fail_regex;
    std::vector<CTestRegex> skip_regex;
    /// TIMEOUT: the absolute limit of one attempt. nullopt when unset or 0 (no limit).
    std::optional<profiles::Duration> timeout;
    bool run_serial = false;
    std::vector<std::string> resource_locks;
    int processors = 0; ///< PROCESSORS; 0 when unset.
    /// FIXTURES_SETUP: the fixtures this test sets up; it runs before every test requiring one.
    std::vector<std::string> fixtures_setup;
    /// FIXTURES_CLEANUP: the fixtures this test cleans up; it runs after every test using one.
    std::vector<std::string> fixtures_cleanup;
    /// FIXTURES_REQUIRED: the fixtures this test needs; it is not run when a setup test of one
    /// fails.
    std::vector<std::string> fixtures_required;
    /// DEPENDS: the CTest test names this test starts after, whatever their verdict.
    std::vector<std::string> depends;

    /// True when a regular expression reads the output (PASS, FAIL or SKIP_REGULAR_EXPRESSION).
    [[nodiscard]] bool matches_output() const {
        return !pass_regex.empty() || !fail_regex.empty() || !skip_regex.empty();
    }

    /// True when exit code and output are judged by more than "exit 0 passes".
    [[nodiscard]] bool judges_output() const {
        return will_fail || skip_return_code || !pass_regex.empty() || !fail_regex.empty() ||
               !skip_regex.empty();
    }
};

/// How ctest would judge an attempt that exited normally.
enum class CTestJudgement { pass, fail, skip };

/// The judgement with a reason for anything but a plain pass or fail by exit code.
struct CTestVerdict {
    CTestJudgement judgement = CTestJudgement::pass;
    std::string reason;
};

/// Judge a normal exit with `exit_code` and `output` (stdout then stderr) exactly as ctest does:
/// a matching SKIP regex or SKIP_RETURN_CODE skips; otherwise the test succeeds when no FAIL regex
/// matches and (a PASS regex is set and one matches, or none is set and the exit code is 0); and
/// WILL_FAIL inverts success. Deaths by signal and timeouts are failures whatever the rules say,
/// and are not judged here.
CTestVerdict judge_ctest_exit(const CTestRules& rules, int exit_code, std::string_view output);

} // namespace ptest::runner
