// Tests of GoogleTest's XML report judged for one attempt, against reports captured from
// GoogleTest 1.12 (Debian) and 1.18.0 (tests/data/reports/gtest-*, see each README for the
// command and exit code behind each file), and of the filter that selects a case whose
// generated name holds the filter's own characters.
#include "runner/frameworks/gtest.hpp"

#include <doctest/doctest.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::runner {

namespace {

constexpr std::array<const char*, 2> k_versions{"gtest-1.12", "gtest-1.18.0"};

/// The bytes of `tests/data/reports/<version>/<name>`.
std::string read_capture(const std::string& version, const std::string& name) {
    std::string path =
        std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/" + version + "/" + name;
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

FrameworkVerdict judge(const std::string& version, const std::string& name,
                       const std::string& report_file, int exit_code) {
    return judge_gtest_report(named(name), read_capture(version, report_file), exit_code);
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_SUITE("runner::gtest report") {
    TEST_CASE("a passing case passes, with where it is declared") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict = judge(version, "Basic.Pass", "Basic.Pass.xml", 0);
            CHECK(verdict.from_report);
            CHECK_FALSE(verdict.failed);
            CHECK_FALSE(verdict.skipped);
            CHECK(verdict.disagreement.empty());
            CHECK(verdict.cases_run == 1);
            CHECK(verdict.file == "SRC/gtest_cases.cpp");
            CHECK(verdict.line > 0);
        }
    }

    TEST_CASE("output without a trailing newline does not touch the verdict") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge(version, "Output.NoNewline", "Output.NoNewline.xml", 0);
            CHECK_FALSE(verdict.failed);
            CHECK(verdict.disagreement.empty());
        }
    }

    TEST_CASE("a failing assertion fails with its location and message") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge(version, "Basic.FailAssert", "Basic.FailAssert.xml", 1);
            CHECK(verdict.failed);
            CHECK(verdict.disagreement.empty());
            // The whole failure, values included, made one line.
            CHECK(verdict.failure_message == "SRC/gtest_cases.cpp:13: Expected equality of these "
                                             "values: 1 2 one is not two");
            CHECK(contains(verdict.failure_description, "one is not two"));
        }
    }

    TEST_CASE("an exception thrown in the test body fails with GoogleTest's description") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict = judge(version, "Errors.Throws", "Errors.Throws.xml", 1);
            CHECK(verdict.failed);
            CHECK(verdict.failure_message ==
                  "C++ exception with description \"boom\" thrown in the test body.");
        }
    }

    TEST_CASE("fake framework lines on the console cannot hide the report's failure") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge(version, "Output.FakeLines", "Output.FakeLines.xml", 1);
            CHECK(verdict.failed);
            CHECK(verdict.disagreement.empty());
        }
    }

    TEST_CASE("a failure with exit code 0 (a main that ignores the result) is a disagreement") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge(version, "Basic.FailAssert", "Basic.FailAssert.xml", 0);
            CHECK(verdict.failed);
            CHECK(verdict.disagreement ==
                  "GoogleTest's report says the test case failed, but the process exited with "
                  "code 0");
        }
    }

    TEST_CASE("a pass with a non-zero exit code is a disagreement") {
        FrameworkVerdict verdict = judge("gtest-1.18.0", "Basic.Pass", "Basic.Pass.xml", 3);
        CHECK(verdict.disagreement ==
              "GoogleTest's report says the test case passed, but the process exited with code 3");
    }

    TEST_CASE("a runtime skip is a skip with its message, in both versions") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict = judge(version, "Skip.Runtime", "Skip.Runtime.xml", 0);
            CHECK(verdict.skipped);
            CHECK_FALSE(verdict.failed);
            CHECK(verdict.skip_message == "skipped at run time");
        }
    }

    TEST_CASE("no report with exit code 0 is a case that never finished") {
        FrameworkVerdict verdict = judge_gtest_report(named("Exit.ExitZero"), std::nullopt, 0);
        CHECK_FALSE(verdict.finished);
        CHECK(verdict.disagreement ==
              "the process exited with code 0 before the test case finished");
        FrameworkVerdict crashed = judge_gtest_report(named("Exit.ExitOne"), std::nullopt, 1);
        CHECK(crashed.failed);
        CHECK(crashed.disagreement.empty());
    }

    TEST_CASE("a report of another case, of no case, or unreadable is a disagreement") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            CHECK(judge(version, "Basic.Other", "Basic.Pass.xml", 0).disagreement ==
                  "GoogleTest's report names test case `Basic.Pass`, not `Basic.Other`");
            CHECK(judge(version, "No.SuchCase", "No.SuchCase.xml", 0).disagreement ==
                  "no test case ran (GoogleTest's filter matched nothing)");
            // A disabled case selected without --gtest_also_run_disabled_tests is not run.
            CHECK(judge(version, "Skip.DISABLED_Disabled", "Skip.DISABLED_Disabled.xml", 0)
                      .cases_run == 0);
        }
        std::string truncated = read_capture("gtest-1.18.0", "Basic.Pass.xml");
        truncated.resize(truncated.size() / 2);
        CHECK(contains(judge_gtest_report(named("Basic.Pass"), truncated, 0).disagreement,
                       "unreadable"));
    }

    TEST_CASE("a generated name with filter characters is selected with ? and found by name") {
        TestCase typed = named("Typed/c:d.Works");
        const std::vector<std::string> args = gtest_run_arguments(typed);
        REQUIRE_FALSE(args.empty());
        CHECK(args.front() == "--gtest_filter=Typed/c?d.Works");
        CHECK(gtest_run_arguments(named("Typed/a-b.Works")).front() ==
              "--gtest_filter=Typed/a?b.Works");
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict verdict =
                judge(version, "Typed/c:d.Works", "Typed_c_Q_d.Works.xml", 0);
            CHECK_FALSE(verdict.failed);
            CHECK(verdict.disagreement.empty());
        }
    }

    TEST_CASE("a case is told apart from siblings the same filter ran, whose failure explains "
              "the exit code") {
        for (const char* version : k_versions) {
            CAPTURE(version);
            FrameworkVerdict passed = judge(version, "Basic.Pass", "all.xml", 1);
            CHECK_FALSE(passed.failed);
            CHECK(passed.disagreement.empty());
            CHECK(passed.cases_run > 1);
            FrameworkVerdict failed = judge(version, "Basic.FailAssert", "all.xml", 1);
            CHECK(failed.failed);
            CHECK(failed.disagreement.empty());
        }
    }

    TEST_CASE("a failure outside any test fails the case") {
        const std::string report =
            R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="1" failures="1" name="AllTests">
  <testsuite name="Env" tests="1" failures="0">
    <testcase name="Works" file="env.cpp" line="4" status="run" result="completed" classname="Env" />
  </testsuite>
  <testsuite name="NonTestSuiteFailure" tests="1" failures="1">
    <testcase name="" status="run" result="completed" classname="">
      <failure message="env.cpp:9&#x0A;Failed&#x0A;set-up broke" type=""/>
    </testcase>
  </testsuite>
</testsuites>)";
        FrameworkVerdict verdict = judge_gtest_report(named("Env.Works"), report, 1);
        CHECK(verdict.failed);
        CHECK(verdict.failure_message == "env.cpp:9: Failed set-up broke");
        CHECK(verdict.disagreement.empty());
    }
}

} // namespace ptest::runner
