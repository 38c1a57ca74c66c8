// Tests of judging an attempt from Catch2's XML report (runner/frameworks/catch2_report.cpp) on
// reports captured from Catch2 2.13.10 and 3.7.1 (tests/data/reports, see each README for the
// command and exit code behind each file), and on small reports written here for what the
// captures do not show.
#include "runner/frameworks/catch2_report.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::runner {

namespace {

/// The bytes of `tests/data/reports/<folder>/<name>`.
std::string read_capture(const std::string& folder, const std::string& name) {
    std::string path = std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/" + folder + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TestCase named(std::string name) {
    TestCase test;
    test.name = std::move(name);
    return test;
}

FrameworkVerdict judge_v2(const std::string& name, const std::string& file, int exit_code) {
    return judge_catch2_report(named(name), read_capture("catch2-2.13.10", file), exit_code,
                               Catch2Major::v2);
}

FrameworkVerdict judge_v3(const std::string& name, const std::string& file, int exit_code) {
    return judge_catch2_report(named(name), read_capture("catch2-3.7.1", file), exit_code,
                               Catch2Major::v3);
}

/// A Catch2 v2 report of the given `TestCase` elements, complete.
std::string v2_report(const std::string& cases) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Catch name=\"t\"><Group name=\"t\">" +
           cases + "</Group></Catch>\n";
}

} // namespace

TEST_SUITE("runner::catch2_report") {
    TEST_CASE("a passing case with exit 0 passes, with its file and line") {
        for (const FrameworkVerdict& verdict :
             {judge_v2("pass", "pass.xml", 0), judge_v3("pass", "pass.xml", 0)}) {
            CHECK(verdict.from_report);
            CHECK(verdict.disagreement == "");
            CHECK_FALSE(verdict.failed);
            CHECK_FALSE(verdict.skipped);
            CHECK(verdict.cases_run == 1);
            CHECK(verdict.file == "SRC/catch2_cases.cpp");
            CHECK(verdict.line == 15);
        }
    }

    TEST_CASE("a failed assertion fails with its location and expression") {
        for (const FrameworkVerdict& verdict : {judge_v2("fail assert", "fail_assert.xml", 1),
                                                judge_v3("fail assert", "fail_assert.xml", 42)}) {
            CHECK(verdict.disagreement == "");
            CHECK(verdict.failed);
            CHECK(verdict.failure_message == "SRC/catch2_cases.cpp:17: CHECK( 1 == 2 )");
            CHECK(verdict.failure_description ==
                  "SRC/catch2_cases.cpp:17: FAILED:\n  CHECK( 1 == 2 )\n");
        }
    }

    TEST_CASE("an exception and a fatal signal say so in the failure message") {
        CHECK(judge_v3("throws", "throws.xml", 42).failure_message ==
              "SRC/catch2_cases.cpp:60: due to unexpected exception with message: boom");
        CHECK(judge_v2("throws", "throws.xml", 1).failure_description ==
              "SRC/catch2_cases.cpp:60: FAILED:\ndue to unexpected exception with message:\n"
              "  boom\n");
        // The process died by SIGABRT after Catch2 recorded it: 128 + 6.
        CHECK(judge_v2("aborts", "aborts.xml", 134).failure_message ==
              "SRC/catch2_cases.cpp:67: due to a fatal error condition: SIGABRT - Abort "
              "(abnormal termination) signal");
    }

    TEST_CASE("an explicit failure, its expansion and its messages read as on the console") {
        const std::string report = v2_report(
            R"(<TestCase name="c" tags="[t]" filename="f.cpp" line="3">
                 <Info>first note</Info><Info>second note</Info>
                 <Expression success="false" type="REQUIRE" filename="f.cpp" line="5">
                   <Original>x == 3</Original><Expanded>2 == 3</Expanded></Expression>
                 <Section name="s" filename="f.cpp" line="6">
                   <Failure filename="f.cpp" line="7">on purpose</Failure></Section>
                 <OverallResult success="false"/></TestCase>)");
        FrameworkVerdict verdict = judge_catch2_report(named("c"), report, 2, Catch2Major::v2);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failure_message == "f.cpp:5: REQUIRE( x == 3 ) with expansion: 2 == 3 with "
                                         "messages: first note second note");
        CHECK(verdict.failure_description ==
              "f.cpp:5: FAILED:\n  REQUIRE( x == 3 )\nwith expansion:\n  2 == 3\n"
              "with messages:\n  first note\n  second note\n\n"
              "f.cpp:7: FAILED:\nexplicitly with message:\n  on purpose\n");
    }

    TEST_CASE("v2 gives back the output and the failure blocks its report took off the console") {
        FrameworkVerdict passed = judge_v2("no newline", "no_newline.xml", 0);
        CHECK(passed.report_stdout == "cout: 42\n");
        CHECK(passed.report_stderr == "cerr: 7\n");
        FrameworkVerdict failed = judge_v2("fail assert", "fail_assert.xml", 1);
        CHECK(failed.report_stdout == "SRC/catch2_cases.cpp:17: FAILED:\n  CHECK( 1 == 2 )\n");
        CHECK(failed.report_stderr == "");
        // v3's console report, beside its XML report, shows both itself.
        CHECK(judge_v3("no newline", "no_newline.xml", 0).report_stdout == "");
    }

    TEST_CASE("SKIP() with exit 4 is a skip with its message") {
        FrameworkVerdict verdict = judge_v3("runtime skip", "runtime_skip.xml", 4);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.skipped);
        CHECK_FALSE(verdict.failed);
        CHECK(verdict.skip_message == "skipped at run time");
    }

    TEST_CASE("a report that stops inside the case is a death mid-test, whatever the console") {
        const std::string stopped = "the process exited before the test case finished (Catch2's "
                                    "report stops inside test case ";
        CHECK(judge_v3("exit zero mid-test", "exit_zero_mid_test.xml", 0).disagreement ==
              stopped + "`exit zero mid-test`)");
        CHECK(judge_v3("fake then exit", "fake_then_exit.xml", 0).disagreement ==
              stopped + "`fake then exit`)");
        CHECK(judge_v2("fake then exit", "fake_then_exit.xml", 0).disagreement ==
              stopped + "`fake then exit`)");
        // `\,` alone is an empty spec: Catch2 ran the default set into a `_Exit(0)`.
        CHECK(judge_v2(",", "escapes_only.xml", 0).disagreement == stopped + "`fake then exit`)");
    }

    TEST_CASE("a missing report or one without a test run is a disagreement") {
        CHECK(judge_catch2_report(named("pass"), std::nullopt, 0, Catch2Major::v2).disagreement ==
              "Catch2 wrote no XML report (the process exited with code 0)");
        CHECK(judge_v3(",", "escapes_only_plain_quoted.xml", 5).disagreement ==
              "Catch2's report holds no test run (the process exited with code 5)");
        // A v3 report is no v2 report.
        CHECK(judge_catch2_report(named("pass"), read_capture("catch2-3.7.1", "pass.xml"), 0,
                                  Catch2Major::v2)
                  .disagreement ==
              "Catch2's report holds no test run (the process exited with code 0)");
    }

    TEST_CASE("a report of no case or only of others is a disagreement") {
        CHECK(judge_v2("no such case", "no_such_case.xml", 0).disagreement ==
              "Catch2's report names no test case (the test spec matched nothing)");
        CHECK(judge_v3("no such case", "no_such_case.xml", 2).disagreement ==
              "Catch2's report names no test case (the test spec matched nothing)");
        CHECK(judge_v3("other", "pass.xml", 0).disagreement ==
              "Catch2's report names test case `pass`, not `other`");
        CHECK(judge_v2("other", "two-cases.xml", 1).disagreement ==
              "Catch2's report names 2 test cases, none of them `other`");
    }

    TEST_CASE("a case picked out of several its spec selects is judged alone") {
        // `same name` runs both v3 cases of that name; file and line pick one.
        TestCase second = named("same name");
        second.file = "SRC/catch2_cases.cpp";
        second.line = 51;
        FrameworkVerdict verdict = judge_catch2_report(
            second, read_capture("catch2-3.7.1", "same_name.xml"), 42, Catch2Major::v3);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failed);
        second.line = 50;
        verdict = judge_catch2_report(second, read_capture("catch2-3.7.1", "same_name.xml"), 42,
                                      Catch2Major::v3);
        CHECK(verdict.disagreement == ""); // The other one failed: exit 42 agrees.
        CHECK_FALSE(verdict.failed);
        CHECK(judge_v3("same name", "same_name.xml", 42).disagreement ==
              "Catch2's report names 2 test cases `same name` and nothing tells them apart");
        // `*star` selects both: each is judged on its own.
        const std::string report = v2_report(
            R"(<TestCase name="*star" filename="f.cpp" line="1"><OverallResult success="true"/>
               </TestCase><TestCase name="a star" filename="f.cpp" line="2">
               <Failure filename="f.cpp" line="2">no</Failure><OverallResult success="false"/>
               </TestCase>)");
        verdict = judge_catch2_report(named("*star"), report, 1, Catch2Major::v2);
        CHECK(verdict.disagreement == "");
        CHECK_FALSE(verdict.failed);
        CHECK(judge_catch2_report(named("*star"), report, 0, Catch2Major::v2).disagreement ==
              "Catch2's report says test case `a star` failed, but the process exited with code 0");
    }

    TEST_CASE("a case the spec does not select in the report is a disagreement") {
        CHECK(judge_v2("pass", "two-cases.xml", 1).disagreement ==
              "Catch2's report names test case `fail assert`, which the test spec does not "
              "select");
    }

    TEST_CASE("a verdict the exit code contradicts is a disagreement") {
        CHECK(judge_v3("fail assert", "fail_assert.xml", 0).disagreement ==
              "Catch2's report says the test case failed, but the process exited with code 0");
        CHECK(judge_v2("fail assert", "fail_assert.xml", 0).disagreement ==
              "Catch2's report says the test case failed, but the process exited with code 0");
        CHECK(judge_v3("pass", "pass.xml", 42).disagreement ==
              "Catch2's report says the test case passed, but the process exited with code 42");
        CHECK(judge_v2("pass", "pass.xml", 3).disagreement ==
              "Catch2's report says the test case passed, but the process exited with code 3");
        CHECK(judge_v3("runtime skip", "runtime_skip.xml", 42).disagreement ==
              "Catch2's report says the test case skipped, but the process exited with code 42");
        CHECK(judge_v3("runtime skip", "runtime_skip.xml", 0).disagreement == "");
        // v2 exits with the number of failed assertions, at most 255.
        CHECK(judge_v2("fail assert", "fail_assert.xml", 7).disagreement == "");
    }

    TEST_CASE("a [!shouldfail] case that passed fails, and says why") {
        const std::string report = v2_report(
            R"(<TestCase name="s" tags="[!shouldfail]" filename="f.cpp" line="1">
               <OverallResult success="false"/></TestCase>)");
        FrameworkVerdict verdict = judge_catch2_report(named("s"), report, 1, Catch2Major::v2);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failed);
        CHECK(verdict.failure_message == "the test case passed, but it is tagged [!shouldfail]");
        CHECK(verdict.report_stdout == "the test case passed, but it is tagged [!shouldfail]\n");
    }
}

} // namespace ptest::runner
