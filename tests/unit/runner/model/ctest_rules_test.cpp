// Tests of ctest's verdict rules.
#include "runner/model/ctest_rules.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

CTestRegex regex(const std::string& pattern) {
    std::string error;
    std::optional<CTestRegex> compiled = compile_ctest_regex(pattern, error);
    REQUIRE_MESSAGE(compiled.has_value(), error);
    return *compiled;
}

CTestJudgement judge(const CTestRules& rules, int code, std::string_view output) {
    return judge_ctest_exit(rules, code, output).judgement;
}

} // namespace

TEST_SUITE("runner::ctest_rules") {
    TEST_CASE("without properties the exit code decides") {
        CTestRules rules;
        CHECK_FALSE(rules.judges_output());
        CHECK(judge(rules, 0, "") == CTestJudgement::pass);
        CHECK(judge(rules, 1, "") == CTestJudgement::fail);
    }

    TEST_CASE("WILL_FAIL inverts the exit code") {
        CTestRules rules;
        rules.will_fail = true;
        CHECK(judge(rules, 3, "") == CTestJudgement::pass);
        CTestVerdict passed = judge_ctest_exit(rules, 0, "");
        CHECK(passed.judgement == CTestJudgement::fail);
        CHECK(passed.reason == "WILL_FAIL is set but the test passed");
    }

    TEST_CASE("a PASS regex replaces the exit code: any match passes, no match fails") {
        CTestRules rules;
        rules.pass_regex = {regex("hel+o"), regex("^ok$")};
        CHECK(judge(rules, 7, "say hello") == CTestJudgement::pass);
        CHECK(judge(rules, 0, "x\nok\ny") == CTestJudgement::fail); // ^ and $ are the whole text.
        CTestVerdict missing = judge_ctest_exit(rules, 0, "nothing");
        CHECK(missing.judgement == CTestJudgement::fail);
        CHECK(missing.reason == "no PASS_REGULAR_EXPRESSION matched the output");
    }

    TEST_CASE("a FAIL regex fails whatever the exit code and whatever PASS says") {
        CTestRules rules;
        rules.pass_regex = {regex("done")};
        rules.fail_regex = {regex("ERROR")};
        CHECK(judge(rules, 0, "done") == CTestJudgement::pass);
        CTestVerdict failed = judge_ctest_exit(rules, 0, "done ERROR");
        CHECK(failed.judgement == CTestJudgement::fail);
        CHECK(failed.reason == "FAIL_REGULAR_EXPRESSION `ERROR` matched the output");
        rules.will_fail = true; // ctest inverts a regex failure too.
        CHECK(judge(rules, 0, "done ERROR") == CTestJudgement::pass);
    }

    TEST_CASE("SKIP regex and SKIP_RETURN_CODE win over everything else") {
        CTestRules rules;
        rules.skip_return_code = 77;
        rules.skip_regex = {regex("\\[  SKIPPED \\]")};
        rules.fail_regex = {regex("boom")};
        rules.will_fail = true;
        CTestVerdict by_code = judge_ctest_exit(rules, 77, "boom");
        CHECK(by_code.judgement == CTestJudgement::skip);
        CHECK(by_code.reason == "exit code 77 is its SKIP_RETURN_CODE");
        CTestVerdict by_regex = judge_ctest_exit(rules, 1, "[  SKIPPED ] A.B");
        CHECK(by_regex.judgement == CTestJudgement::skip);
        CHECK(by_regex.reason == "SKIP_REGULAR_EXPRESSION `\\[  SKIPPED \\]` matched the output");
    }

    TEST_CASE("regexes match bytes, and a pathological pattern stays fast") {
        CTestRules rules;
        rules.pass_regex = {regex("(a*)*b")};
        std::string output(200000, 'a');
        CHECK(judge(rules, 0, output) == CTestJudgement::fail);
        rules.pass_regex = {regex("\xC3\xA9t\xC3\xA9")};
        CHECK(judge(rules, 0, "un \xC3\xA9t\xC3\xA9 chaud") == CTestJudgement::pass);
        std::string invalid_utf8 = "\xFF\xFE ok";
        rules.pass_regex = {regex("ok")};
        CHECK(judge(rules, 0, invalid_utf8) == CTestJudgement::pass);
    }

    TEST_CASE("an invalid pattern is reported") {
        std::string error;
        CHECK_FALSE(compile_ctest_regex("a(b", error).has_value());
        CHECK(error == "missing ): a(b");
    }
}

} // namespace ptest::runner
