// Outcome classification: from what happened to an attempt's process (exit status, signals ptest
// sent, leaked pipes) and what the framework reported, decide the attempt's status and where its
// case is declared. Pure, so every rule is unit-tested.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/events.hpp"
#include "runner/frameworks/adapter.hpp"
#include "runner/model/ctest_rules.hpp"

#include <optional>

namespace ptest::runner {

/// Everything observed about one finished attempt.
struct AttemptFacts {
    int exec_error = 0;              ///< errno when the process could not start.
    bool exited = false;             ///< The process was reaped.
    bool signalled = false;          ///< Killed by a signal (see `code`).
    int code = 0;                    ///< Exit code, or signal number.
    bool timed_out = false;          ///< ptest terminated it for slow-timeout terminate-after.
    std::optional<int> cancelled_by; ///< The signal ptest forwarded when the run was cancelled.
    bool leaked = false;             ///< Its stdout/stderr stayed open past leak-timeout.
    profiles::LeakResult leak_result = profiles::LeakResult::pass;
    bool verify_single_case = true; ///< False for plain commands judged by exit code alone.
    FrameworkVerdict verdict;
    /// CTest's rules for a test imported from a build tree (WILL_FAIL, SKIP_RETURN_CODE, the
    /// PASS/FAIL/SKIP regexes, judged on the captured stdout then stderr); null otherwise.
    const CTestRules* ctest = nullptr;
};

/// Fill `result.status`, `leak`, `exit_code`, `signal`, `reason`, failure and skip texts.
void classify_attempt(const AttemptFacts& facts, reporter::AttemptResult& result);

/// Where the attempt's case is declared: the location the framework's report gave (moved out of
/// `verdict`, which keeps an empty file) when it names a file, else the listing's location of
/// `test` (null: none), else unknown. The report is preferred because it is what the framework
/// says about the case it ran; the listing fills in for frameworks judged from the console.
reporter::SourceLocation locate_case(FrameworkVerdict& verdict, const TestCase* test);

} // namespace ptest::runner
