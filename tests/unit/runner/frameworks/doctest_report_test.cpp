// Tests of judging doctest attempts from their XML reports, on reports captured from doctest 2.4.9
// and 2.5.2 (tests/data/reports/doctest-*, see each README for the command behind each file).
// Every rule is checked on both versions; the verdict without `test_case_success` on 2.4.6.
#include "runner/frameworks/doctest_report.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::runner {

namespace {

const std::vector<std::string> k_versions = {"doctest-2.4.9", "doctest-2.5.2"};

/// The bytes of `tests/data/reports/<version>/<name>`.
std::string read_report(const std::string& version, const std::string& name) {
    const std::string path =
        std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/" + version + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A case of tests/data/reports/sources/doctest_cases.cpp as the listing gives it.
TestCase listed(std::string name, std::uint32_t line, std::string suite = "") {
    TestCase test;
    test.name = suite.empty() ? name : suite + "/" + name;
    test.case_name = suite.empty() ? "" : name;
    test.suite = std::move(suite);
    test.file = "SRC/doctest_cases.cpp";
    test.line = line;
    return test;
}

} // namespace

TEST_SUITE("runner::doctest_report") {
    TEST_CASE("a passing case with exit code 0 passes, with the report's file and line") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge_doctest_report(listed("pass", 15), read_report(version, "pass.xml"), 0);
            CHECK(verdict.from_report);
            CHECK(verdict.disagreement == "");
            CHECK_FALSE(verdict.failed);
            CHECK(verdict.cases_run == 1);
            CHECK(verdict.file == "SRC/doctest_cases.cpp");
            CHECK(verdict.line == 15);
        }
    }

    TEST_CASE("a failed CHECK fails with doctest's console line as message") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict = judge_doctest_report(
                listed("fail assert", 17), read_report(version, "fail_assert.xml"), 1);
            CHECK(verdict.disagreement == "");
            CHECK(verdict.failed);
            CHECK(verdict.failure_message == "SRC/doctest_cases.cpp:17: ERROR: CHECK( 1 == 2 ) is "
                                             "NOT correct! values: CHECK( 1 == 2 )");
            CHECK(verdict.failure_description ==
                  "SRC/doctest_cases.cpp:17: ERROR: CHECK( 1 == 2 ) is NOT correct!\n"
                  "  values: CHECK( 1 == 2 )\n");
        }
    }

    TEST_CASE("an escaping exception is a failure at the test case's line") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge_doctest_report(listed("throws", 45), read_report(version, "throws.xml"), 1);
            CHECK(verdict.failed);
            CHECK(verdict.failure_message ==
                  "SRC/doctest_cases.cpp:45: ERROR: test case THREW exception: boom");
        }
    }

    TEST_CASE("failures inside subcases, messages and REQUIREs read as doctest prints them") {
        const std::string report =
            R"(<?xml version="1.0" encoding="UTF-8"?>
<doctest binary="t" version="2.5.2">
  <TestSuite>
    <TestCase name="sub" filename="t.cpp" line="5">
      <Expression success="false" type="WARN" filename="t.cpp" line="6">
        <Original>a</Original><Expanded>false</Expanded>
      </Expression>
      <SubCase name="inner" filename="t.cpp" line="7">
        <Expression success="false" type="REQUIRE" filename="t.cpp" line="8">
          <Original>x &lt; y</Original><Expanded>2 &lt; 1</Expanded>
        </Expression>
      </SubCase>
      <Message type="WARNING" filename="t.cpp" line="9"><Text>note</Text></Message>
      <Message type="FATAL ERROR" filename="t.cpp" line="10"><Text>explicit</Text></Message>
      <OverallResultsAsserts successes="0" failures="2" test_case_success="false"/>
    </TestCase>
  </TestSuite>
</doctest>
)";
        TestCase test;
        test.name = "sub";
        FrameworkVerdict verdict = judge_doctest_report(test, report, 1);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failure_message ==
              "t.cpp:8: FATAL ERROR: REQUIRE( x < y ) is NOT correct! values: REQUIRE( 2 < 1 )");
        CHECK(verdict.failure_description ==
              "t.cpp:8: FATAL ERROR: REQUIRE( x < y ) is NOT correct!\n  values: REQUIRE( 2 < 1 )\n"
              "\nt.cpp:10: FATAL ERROR: explicit\n");
    }

    TEST_CASE("a failure without a failed assertion says a decorator decided") {
        const std::string report =
            R"(<doctest><TestSuite><TestCase name="should" filename="t.cpp" line="3">)"
            R"(<OverallResultsAsserts successes="1" failures="0" test_case_success="false"/>)"
            R"(</TestCase></TestSuite></doctest>)";
        TestCase test;
        test.name = "should";
        FrameworkVerdict verdict = judge_doctest_report(test, report, 1);
        CHECK(verdict.failed);
        CHECK(verdict.failure_message == "doctest's report says the test case failed without a "
                                         "failed assertion (a should_fail, expected_failures or "
                                         "timeout decorator)");
    }

    TEST_CASE("a failure with exit code 0 and a pass with a non-zero exit code disagree") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict failed = judge_doctest_report(
                listed("fail assert", 17), read_report(version, "fail_assert.xml"), 0);
            CHECK(failed.disagreement == "doctest's report says the test case failed, but the "
                                         "process exited with code 0");
            FrameworkVerdict passed =
                judge_doctest_report(listed("pass", 15), read_report(version, "pass.xml"), 3);
            CHECK(passed.disagreement == "doctest's report says the test case passed, but the "
                                         "process exited with code 3");
        }
    }

    TEST_CASE("a report cut off inside the case names it: the process died mid-test") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            for (const std::string file : {"exit_zero_mid_test.xml", "exit_0.xml"}) {
                CAPTURE(file);
                const std::string name =
                    file == "exit_0.xml" ? "exit(0) mid-test" : "exit zero mid-test";
                FrameworkVerdict verdict = judge_doctest_report(
                    listed(name, file == "exit_0.xml" ? 47 : 40), read_report(version, file), 0);
                CHECK(verdict.disagreement ==
                      "the process exited before the test case finished (doctest's report stops "
                      "inside test case `" +
                          name + "`)");
            }
        }
    }

    TEST_CASE("no report, an empty one and one cut off before any case are failures") {
        const TestCase test = listed("pass", 15);
        CHECK(judge_doctest_report(test, std::nullopt, 0).disagreement ==
              "doctest wrote no XML report (the process exited with code 0)");
        CHECK(judge_doctest_report(test, std::string(), 0).disagreement ==
              "doctest's report holds no test run (the process exited with code 0)");
        const std::string head = read_report("doctest-2.5.2", "pass.xml").substr(0, 120);
        CHECK(judge_doctest_report(test, head, 0).disagreement ==
              "doctest's report is truncated: the process exited before doctest finished it");
    }

    TEST_CASE("a report of no case or of another case is a failure that names it") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            CHECK(judge_doctest_report(listed("no such case", 1),
                                       read_report(version, "no_such_case.xml"), 0)
                      .disagreement ==
                  "doctest's report names no test case (the filters matched nothing)");
            CHECK(
                judge_doctest_report(listed("fail assert", 17), read_report(version, "pass.xml"), 0)
                    .disagreement == "doctest's report names test case `pass`, not `fail assert`");
            CHECK(judge_doctest_report(listed("in suite, with comma", 64, "other"),
                                       read_report(version, "comma_escaped.xml"), 0)
                      .disagreement == "doctest's report names test case `suite/in suite, with "
                                       "comma`, not `other/in suite, with comma`");
        }
    }

    TEST_CASE("a case in a suite is found by suite and name, with XML escapes decoded") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            CHECK(judge_doctest_report(listed("in suite, with comma", 64, "suite"),
                                       read_report(version, "comma_escaped.xml"), 0)
                      .disagreement == "");
            CHECK(judge_doctest_report(listed("tmpl<int>", 61),
                                       read_report(version, "tmpl_int.xml"), 0)
                      .disagreement == "");
        }
    }

    TEST_CASE("duplicate names that ran together are told apart by line") {
        for (const std::string& version : k_versions) {
            CAPTURE(version);
            const std::string both = read_report(version, "dup.xml");
            FrameworkVerdict first = judge_doctest_report(listed("dup", 58), both, 1);
            CHECK(first.disagreement == ""); // The other case's failure explains exit code 1.
            CHECK_FALSE(first.failed);
            CHECK(first.line == 58);
            FrameworkVerdict second = judge_doctest_report(listed("dup", 59), both, 1);
            CHECK(second.failed);
            CHECK(second.line == 59);
            CHECK(judge_doctest_report(listed("dup", 58), both, 0).disagreement ==
                  "doctest's report says another test case that ran failed, but the process "
                  "exited with code 0");
            CHECK(judge_doctest_report(listed("dup", 58), read_report(version, "dup-second.xml"), 1)
                      .disagreement ==
                  "doctest's report names `dup` at another place than SRC/doctest_cases.cpp:58");
        }
    }

    TEST_CASE("two cases nothing tells apart are no verdict") {
        std::string report = read_report("doctest-2.5.2", "dup.xml");
        std::string::size_type at = 0;
        while ((at = report.find("line=\"59\"", at)) != std::string::npos) {
            report.replace(at, 9, "line=\"58\"");
        }
        CHECK(judge_doctest_report(listed("dup", 58), report, 1).disagreement ==
              "doctest's report names 2 test cases `dup` at SRC/doctest_cases.cpp:58 and nothing "
              "tells which one is this case");
    }

    TEST_CASE("doctest 2.4.6, without test_case_success, fails exactly on a failed assertion, an "
              "exception or a crash") {
        const std::string version = "doctest-2.4.6";
        FrameworkVerdict pass =
            judge_doctest_report(listed("pass", 15), read_report(version, "pass.xml"), 0);
        CHECK(pass.disagreement == "");
        CHECK_FALSE(pass.failed);
        CHECK(pass.cases_run == 1);

        FrameworkVerdict failed = judge_doctest_report(listed("fail assert", 17),
                                                       read_report(version, "fail_assert.xml"), 1);
        CHECK(failed.disagreement == "");
        CHECK(failed.failed);
        CHECK(failed.failure_message == "SRC/doctest_cases.cpp:17: ERROR: CHECK( 1 == 2 ) is NOT "
                                        "correct! values: CHECK( 1 == 2 )");

        FrameworkVerdict thrown =
            judge_doctest_report(listed("throws", 45), read_report(version, "throws.xml"), 1);
        CHECK(thrown.disagreement == "");
        CHECK(thrown.failed);
        CHECK(thrown.failure_message ==
              "SRC/doctest_cases.cpp:45: ERROR: test case THREW exception: boom");

        FrameworkVerdict crashed =
            judge_doctest_report(listed("aborts", 52), read_report(version, "aborts.xml"), 134);
        CHECK(crashed.failed);
    }

    TEST_CASE("doctest 2.4.6 runs the second of two same-named cases by position") {
        FrameworkVerdict verdict = judge_doctest_report(
            listed("dup", 59), read_report("doctest-2.4.6", "dup-second.xml"), 1);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failed);
        CHECK(verdict.line == 59);
    }

    TEST_CASE("a case without a listing (a CTest registration) is found by name alone") {
        TestCase test;
        test.name = "in suite, with comma";
        FrameworkVerdict verdict =
            judge_doctest_report(test, read_report("doctest-2.4.9", "comma_escaped.xml"), 0);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.line == 64);
    }

    TEST_CASE("the report goes to the given path verbatim, without the cases that did not run") {
        CHECK(doctest_report_arguments("/dev/fd/3") ==
              std::vector<std::string>{"--dt-reporters=xml", "--dt-out=/dev/fd/3",
                                       "--dt-no-skipped-summary=true"});
        auto options = doctest_own_report_options();
        for (const std::string_view option : {"--reporters=", "-r=", "--out=", "-o=",
                                              "--dt-reporters=", "-dt-r=", "--dt-out=", "-dt-o="}) {
            CAPTURE(option);
            CHECK(std::find(options.begin(), options.end(), option) != options.end());
        }
        // `-rs=` (rand-seed) and `-ob=` (order-by) are not report options.
        for (const std::string_view option : options) {
            CHECK_FALSE(std::string_view("-rs=1").starts_with(option));
            CHECK_FALSE(std::string_view("-ob=name").starts_with(option));
        }
    }
}

} // namespace ptest::runner
