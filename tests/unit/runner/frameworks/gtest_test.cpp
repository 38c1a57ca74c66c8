// Tests of the GoogleTest adapter against captured GoogleTest 1.12 output (tests/data/list).
#include "list_data.hpp"

#include "runner/frameworks/gtest.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

using test_data::read_list_data;

TEST_SUITE("runner::gtest") {
    TEST_CASE("a real listing yields every case with comments and the banner dropped") {
        ListParseResult result = parse_gtest_list(read_list_data("gtest_list.txt"), 0);
        REQUIRE_FALSE(result.error.has_value());
        std::vector<std::string> names;
        for (const TestCase& test : result.cases) {
            names.push_back(test.name);
        }
        std::vector<std::string> expected{"Math.Adds",
                                          "Math.Fails",
                                          "Math.Throws",
                                          "Math.Skips",
                                          "Math.Crash",
                                          "Math.DISABLED_Later",
                                          "DISABLED_Off.Case",
                                          "Typed/0.DefaultConstructs",
                                          "Typed/1.DefaultConstructs",
                                          "My/TP/0.Works",
                                          "My/TP/1.Works",
                                          "S.Bare",
                                          "S.FailMsg",
                                          "S.Add",
                                          "F.Pred",
                                          "Small/Param.NonNegative/0",
                                          "Small/Param.NonNegative/1",
                                          "Small/Param.NonNegative/2",
                                          "DISABLED_Big/Param.NonNegative/0",
                                          "I/P.Bad/0"};
        CHECK(names == expected);
    }

    TEST_CASE("a DISABLED_ case or suite is listed as ignored") {
        ListParseResult result = parse_gtest_list(read_list_data("gtest_list.txt"), 0);
        std::vector<std::string> ignored;
        for (const TestCase& test : result.cases) {
            if (test.ignored) {
                ignored.push_back(test.name);
            }
        }
        CHECK(ignored == std::vector<std::string>{"Math.DISABLED_Later", "DISABLED_Off.Case",
                                                  "DISABLED_Big/Param.NonNegative/0"});
    }

    TEST_CASE("DISABLED_ counts at the start or after an instantiation prefix only") {
        CHECK(gtest_name_is_disabled("DISABLED_Suite"));
        CHECK(gtest_name_is_disabled("Inst/DISABLED_Suite"));
        CHECK(gtest_name_is_disabled("DISABLED_Inst/Suite"));
        CHECK_FALSE(gtest_name_is_disabled("Suite_DISABLED_"));
        CHECK_FALSE(gtest_name_is_disabled("NotDISABLED_Case"));
        CHECK_FALSE(gtest_name_is_disabled("disabled_case"));
    }

    TEST_CASE("a listing with only the banner is an empty list") {
        ListParseResult result =
            parse_gtest_list("Running main() from ./googletest/src/gtest_main.cc\n", 0);
        CHECK_FALSE(result.error.has_value());
        CHECK(result.cases.empty());
    }

    TEST_CASE("a non-zero exit code is an error") {
        ListParseResult result = parse_gtest_list("Math.\n  Adds\n", 3);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "GoogleTest listing exited with code 3");
    }

    TEST_CASE("garbage is an error naming its first line") {
        ListParseResult result = parse_gtest_list("hello world\nthis is not gtest\n", 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error ==
              "not a GoogleTest listing (no test suite line; first line: `hello world`)");
    }

    TEST_CASE("the fixture's garbage listing is an error") {
        ListParseResult result = parse_gtest_list(read_list_data("gtest_list_garbage.txt"), 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "not a GoogleTest listing (no test suite line; first line: `this "
                               "is not a test list`)");
    }

    TEST_CASE("an indented line with more than a name and comment is not a case") {
        ListParseResult result =
            parse_gtest_list("Suite.\n  Case\n  not a case line\n  Param/0  # GetParam() = 1\n", 0);
        CHECK_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 2);
        CHECK(result.cases[0].name == "Suite.Case");
        CHECK(result.cases[1].name == "Suite.Param/0");
    }

    TEST_CASE("a case line before any suite is an error") {
        ListParseResult result = parse_gtest_list("  Orphan\nSuite.\n  Case\n", 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error ==
              "GoogleTest listing has a test case line before any test suite line: `  Orphan`");
    }

    TEST_CASE("CRLF line ends are accepted") {
        ListParseResult result = parse_gtest_list("Suite.\r\n  Case\r\n", 0);
        REQUIRE(result.cases.size() == 1);
        CHECK(result.cases[0].name == "Suite.Case");
    }

    TEST_CASE("the selector is an exact filter with colour off") {
        TestCase test;
        test.name = "Small/Param.NonNegative/0";
        CHECK(gtest_run_arguments(test) ==
              std::vector<std::string>{"--gtest_filter=Small/Param.NonNegative/0",
                                       "--gtest_color=no"});
        test.ignored = true;
        CHECK(gtest_run_arguments(test) ==
              std::vector<std::string>{"--gtest_filter=Small/Param.NonNegative/0",
                                       "--gtest_color=no", "--gtest_also_run_disabled_tests"});
    }

    TEST_CASE("a passing run reports one case run and finished") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_pass.stdout"), false);
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
        CHECK_FALSE(verdict.skipped);
        CHECK(verdict.failure_message.empty());
        CHECK(verdict.failure_description.empty());
    }

    TEST_CASE("a failing run gives the first failure as message and every block as text") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_fail.stdout"), false);
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
        CHECK(verdict.failure_message ==
              "gtest_sample.cpp:12: Expected equality of these values: a "
              "Which is: 1 b Which is: 2 custom note");
        CHECK(verdict.failure_description == "gtest_sample.cpp:12: Failure\n"
                                             "Expected equality of these values:\n"
                                             "  a\n"
                                             "    Which is: 1\n"
                                             "  b\n"
                                             "    Which is: 2\n"
                                             "custom note\n"
                                             "gtest_sample.cpp:13: Failure\n"
                                             "Value of: a > b\n"
                                             "  Actual: false\n"
                                             "Expected: true\n");
    }

    TEST_CASE("an exception in the test body gives the exception line as message") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_throw.stdout"), false);
        CHECK(verdict.failure_message ==
              "C++ exception with description \"boom\" thrown in the test body.");
        CHECK(verdict.failure_description ==
              "unknown file: Failure\n"
              "C++ exception with description \"boom\" thrown in the test body.\n");
    }

    TEST_CASE("test output before the failure stays out of the description") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_fail_with_output.stdout"), false);
        CHECK(verdict.failure_message == "gtest_sample.cpp:51: Failed explicit");
        CHECK(verdict.failure_description == "gtest_sample.cpp:51: Failure\nFailed\nexplicit\n");
    }

    TEST_CASE("a parameterised failure is read up to its FAILED line with GetParam") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_fail_param.stdout"), false);
        CHECK(verdict.finished);
        CHECK(verdict.failure_message == "gtest_sample.cpp:67: Expected equality of these values: "
                                         "GetParam() Which is: 0 1");
        CHECK(verdict.failure_description == "gtest_sample.cpp:67: Failure\n"
                                             "Expected equality of these values:\n"
                                             "  GetParam()\n"
                                             "    Which is: 0\n"
                                             "  1\n");
    }

    TEST_CASE("a predicate failure is read from stdout; the fixture's stderr is ignored") {
        FrameworkVerdict verdict = gtest_adapter().interpret_output(
            TestCase{}, read_list_data("gtest_run_fail_pred.stdout"),
            read_list_data("gtest_run_fail_pred.stderr"), false);
        CHECK(verdict.failure_message == "gtest_sample.cpp:63: [](int v) { return v > 5; }(x) "
                                         "evaluates to false, where x evaluates to 3");
        CHECK(verdict.failure_description ==
              "gtest_sample.cpp:63: Failure\n"
              "[](int v) { return v > 5; }(x) evaluates to false, where\n"
              "x evaluates to 3\n");
    }

    TEST_CASE("GTEST_SKIP is a runtime skip with its message") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_skip.stdout"), false);
        CHECK(verdict.skipped);
        CHECK(verdict.skip_message == "not today");
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
        CHECK(verdict.failure_message.empty());
    }

    TEST_CASE("a bare GTEST_SKIP has an empty skip message") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_skip_bare.stdout"), false);
        CHECK(verdict.skipped);
        CHECK(verdict.skip_message.empty());
    }

    TEST_CASE("a crash mid-case is not finished and counts the started case") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_crash.stdout"), true);
        CHECK_FALSE(verdict.finished);
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message.empty());
    }

    TEST_CASE("a RUN line without its end is unfinished even without the exit file") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_crash.stdout"), false);
        CHECK_FALSE(verdict.finished);
    }

    TEST_CASE("the premature-exit file alone makes a complete report unfinished") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_pass.stdout"), true);
        CHECK_FALSE(verdict.finished);
    }

    TEST_CASE("a filter matching nothing reports zero cases run") {
        FrameworkVerdict verdict =
            interpret_gtest_output(read_list_data("gtest_run_no_match.stdout"), false);
        CHECK(verdict.cases_run == 0);
    }

    TEST_CASE("empty output is no report") {
        FrameworkVerdict verdict = interpret_gtest_output("", false);
        CHECK_FALSE(verdict.cases_run.has_value());
        CHECK_FALSE(verdict.finished);
    }
}

} // namespace ptest::runner
