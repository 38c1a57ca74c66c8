// Tests of classify_attempt for tests imported from CTest: ctest's verdict on a normal exit, then
// the one-case check on a pass by exit code 0; signals and timeouts fail whatever the rules say.
#include "runner/model/ctest_rules.hpp"
#include "runner/schedule/outcome.hpp"

#include <doctest/doctest.h>

#include <csignal>

namespace ptest::runner {

using reporter::AttemptStatus;

namespace {

CTestRegex regex(const std::string& pattern) {
    std::string error;
    return *compile_ctest_regex(pattern, error);
}

/// Classify a normal exit with `code` and `stdout_text` under `rules`; `cases_run` is what the
/// framework reported.
reporter::AttemptResult classify(const CTestRules& rules, int code, const std::string& stdout_text,
                                 std::optional<int> cases_run = 1) {
    AttemptFacts facts;
    facts.exited = true;
    facts.code = code;
    facts.verdict.cases_run = cases_run;
    facts.ctest = &rules;
    reporter::AttemptResult result;
    result.stdout_output.text = stdout_text;
    classify_attempt(facts, result);
    return result;
}

} // namespace

TEST_SUITE("runner::ctest_outcome") {
    TEST_CASE("a zero exit still needs exactly one case in the framework's report") {
        CTestRules rules;
        CHECK(classify(rules, 0, "").status == AttemptStatus::pass);
        reporter::AttemptResult none = classify(rules, 0, "", 0);
        CHECK(none.status == AttemptStatus::fail);
        CHECK(none.reason == "no test case ran (the selector matched nothing)");
        reporter::AttemptResult failing = classify(rules, 1, "");
        CHECK(failing.status == AttemptStatus::fail);
        CHECK(failing.exit_code == 1);
    }

    TEST_CASE("WILL_FAIL passes a failing exit and fails a passing one, with the reason") {
        CTestRules rules;
        rules.will_fail = true;
        CHECK(classify(rules, 2, "", std::nullopt).status == AttemptStatus::pass);
        reporter::AttemptResult passed = classify(rules, 0, "");
        CHECK(passed.status == AttemptStatus::fail);
        CHECK(passed.reason == "WILL_FAIL is set but the test passed");
    }

    TEST_CASE("a SKIP regex or the SKIP_RETURN_CODE skips, with the reason as skip message") {
        CTestRules rules;
        rules.skip_regex = {regex("\\[  SKIPPED \\]")};
        rules.skip_return_code = 77;
        reporter::AttemptResult by_regex = classify(rules, 0, "[  SKIPPED ] A.B (0 ms)\n");
        CHECK(by_regex.status == AttemptStatus::skip);
        CHECK(by_regex.skip_message ==
              "SKIP_REGULAR_EXPRESSION `\\[  SKIPPED \\]` matched the output");
        CHECK(classify(rules, 77, "").status == AttemptStatus::skip);
    }

    TEST_CASE("the regexes see stderr after stdout") {
        CTestRules rules;
        rules.fail_regex = {regex("out-err")};
        AttemptFacts facts;
        facts.exited = true;
        facts.ctest = &rules;
        facts.verdict.cases_run = 1;
        reporter::AttemptResult result;
        result.stdout_output.text = "x-out";
        result.stderr_output.text = "-err";
        classify_attempt(facts, result);
        CHECK(result.status == AttemptStatus::fail);
        CHECK(result.reason == "FAIL_REGULAR_EXPRESSION `out-err` matched the output");
    }

    TEST_CASE("a death by signal or a timeout fails whatever the rules say") {
        CTestRules rules;
        rules.will_fail = true;
        rules.pass_regex = {regex(".*")};
        AttemptFacts killed;
        killed.exited = true;
        killed.signalled = true;
        killed.code = SIGSEGV;
        killed.ctest = &rules;
        reporter::AttemptResult result;
        classify_attempt(killed, result);
        CHECK(result.status == AttemptStatus::abort);
        AttemptFacts timed_out;
        timed_out.exited = true;
        timed_out.signalled = true;
        timed_out.code = SIGTERM;
        timed_out.timed_out = true;
        timed_out.ctest = &rules;
        reporter::AttemptResult timeout;
        classify_attempt(timed_out, timeout);
        CHECK(timeout.status == AttemptStatus::timeout);
    }
}

} // namespace ptest::runner
