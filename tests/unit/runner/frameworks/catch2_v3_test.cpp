// Tests of the Catch2 v3 adapter's listing and report parsers against captured Catch2 3.7.1 output
// (tests/data/reports/catch2-3.7.1, see its README for the command behind each file), and of the
// registry's choice of the v3 adapter.
#include "runner/frameworks/catch2.hpp"
#include "runner/frameworks/catch2_v3.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::runner {

namespace {

/// The bytes of `tests/data/reports/catch2-3.7.1/<name>`.
std::string read_capture(const std::string& name) {
    std::string path = std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/catch2-3.7.1/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

FrameworkVerdict judge(std::string_view name, const std::string& report_file, int exit_code) {
    return judge_catch2_v3_report(name, read_capture(report_file), exit_code);
}

TestBinary catch2_binary(int version) {
    TestBinary binary;
    binary.kind = detect_framework("--list-test-names-only"); // Catch2, however kinds are named.
    binary.framework_version = version;
    return binary;
}

} // namespace

TEST_SUITE("runner::catch2_v3") {
    TEST_CASE("the XML listing gives unwrapped names, tags as labels, file and line") {
        ListParseResult result = parse_catch2_v3_list(read_capture("list-xml.stdout.txt"), 0);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 18);
        CHECK(result.cases[0].name == "pass");
        CHECK(result.cases[0].labels == std::vector<std::string>{"basic"});
        CHECK(result.cases[0].file == "SRC/catch2_cases.cpp");
        CHECK(result.cases[0].line == 15);
        CHECK(result.cases[12].name == "a rather long test case name that goes on and on past the "
                                       "eighty columns of the console listing");
        CHECK(result.cases[13].name == "with, comma");
        CHECK(result.cases[17].name == "~tilde *star \"quote\"");
        for (const TestCase& test : result.cases) {
            CHECK_FALSE(test.ignored);
        }
    }

    TEST_CASE("a case tagged [.] is listed as ignored, with `.` among its labels") {
        ListParseResult result = parse_catch2_v3_list(
            "<MatchingTests><TestCase><Name>hidden</Name><Tags>[.][skip]</Tags>"
            "<SourceInfo><File>a.cpp</File><Line>7</Line></SourceInfo></TestCase></MatchingTests>",
            0);
        REQUIRE(result.cases.size() == 1);
        CHECK(result.cases[0].ignored);
        CHECK(result.cases[0].labels == std::vector<std::string>{".", "skip"});
        CHECK(result.cases[0].line == 7);
    }

    TEST_CASE("a non-zero exit or a console listing is not a Catch2 v3 listing") {
        ListParseResult failed = parse_catch2_v3_list(read_capture("list-xml.stdout.txt"), 1);
        REQUIRE(failed.error.has_value());
        CHECK(*failed.error == "Catch2 v3 listing (`--list-tests -r xml`) exited with code 1");
        ListParseResult console = parse_catch2_v3_list(read_capture("list.stdout.txt"), 0);
        REQUIRE(console.error.has_value());
        CHECK(console.error->ends_with("and printed no XML test list"));
    }

    TEST_CASE("a passing case with exit 0 passes") {
        FrameworkVerdict verdict = judge("pass", "pass.xml", 0);
        CHECK(verdict.from_report);
        CHECK(verdict.disagreement == "");
        CHECK_FALSE(verdict.failed);
        CHECK_FALSE(verdict.skipped);
        CHECK(verdict.cases_run == 1);
    }

    TEST_CASE("a failed assertion with exit 42 fails with its location and expression") {
        FrameworkVerdict verdict = judge("fail assert", "fail_assert.xml", 42);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.failed);
        CHECK(verdict.failure_message == "SRC/catch2_cases.cpp:17: CHECK( 1 == 2 )");
    }

    TEST_CASE("the verdict says where the report declares the case, passed or failed") {
        const FrameworkVerdict passed = judge("pass", "pass.xml", 0);
        CHECK(passed.file == "SRC/catch2_cases.cpp");
        CHECK(passed.line == 15);
        const FrameworkVerdict failed = judge("fail assert", "fail_assert.xml", 42);
        CHECK(failed.file == "SRC/catch2_cases.cpp");
        CHECK(failed.line == 17);
        CHECK(judge_catch2_v3_report("pass", std::nullopt, 0).file.empty());
    }

    TEST_CASE("an exception and a fatal signal say so in the failure message") {
        CHECK(judge("throws", "throws.xml", 42).failure_message ==
              "SRC/catch2_cases.cpp:60: due to unexpected exception with message: boom");
        CHECK(judge("aborts", "aborts.xml", 134).failure_message ==
              "SRC/catch2_cases.cpp:67: due to a fatal error condition: SIGABRT - Abort "
              "(abnormal termination) signal");
    }

    TEST_CASE("SKIP() with exit 4 is a skip with its message") {
        FrameworkVerdict verdict = judge("runtime skip", "runtime_skip.xml", 4);
        CHECK(verdict.disagreement == "");
        CHECK(verdict.skipped);
        CHECK_FALSE(verdict.failed);
        CHECK(verdict.skip_message == "skipped at run time");
    }

    TEST_CASE("a report that stops inside the case is a death mid-test, whatever the console") {
        CHECK(judge("exit zero mid-test", "exit_zero_mid_test.xml", 0).disagreement ==
              "the process exited before the test case finished (Catch2's report stops inside "
              "test case `exit zero mid-test`)");
        CHECK(judge("fake then exit", "fake_then_exit.xml", 0).disagreement ==
              "the process exited before the test case finished (Catch2's report stops inside "
              "test case `fake then exit`)");
    }

    TEST_CASE("a missing report or one without a test run is a disagreement") {
        CHECK(judge_catch2_v3_report("pass", std::nullopt, 0).disagreement ==
              "Catch2 wrote no XML report (the process exited with code 0)");
        CHECK(judge(",", "escapes_only_plain_quoted.xml", 5).disagreement ==
              "Catch2's report holds no test run (the process exited with code 5)");
    }

    TEST_CASE("a report of no case, of two cases or of another case is a disagreement") {
        CHECK(judge("no such case", "no_such_case.xml", 2).disagreement ==
              "Catch2's report names no test case (the test spec matched nothing)");
        CHECK(judge("pass", "two-cases.xml", 42).disagreement ==
              "Catch2's report names 2 test cases (expected exactly one)");
        CHECK(judge("same name", "same_name.xml", 42).disagreement ==
              "Catch2's report names 2 test cases (expected exactly one)");
        CHECK(judge("other", "pass.xml", 0).disagreement ==
              "Catch2's report names test case `pass`, not `other`");
    }

    TEST_CASE("a verdict the exit code contradicts is a disagreement") {
        CHECK(judge("fail assert", "fail_assert.xml", 0).disagreement ==
              "Catch2's report says the test case failed, but the process exited with code 0");
        CHECK(judge("pass", "pass.xml", 42).disagreement ==
              "Catch2's report says the test case passed, but the process exited with code 42");
        CHECK(judge("runtime skip", "runtime_skip.xml", 42).disagreement ==
              "Catch2's report says the test case skipped, but the process exited with code 42");
        CHECK(judge("runtime skip", "runtime_skip.xml", 0).disagreement == "");
    }

    TEST_CASE("the registry gives a Catch2 binary of version 3 the v3 adapter") {
        const FrameworkAdapter& v3 = framework_adapter(catch2_binary(3));
        const FrameworkAdapter& v2 = framework_adapter(catch2_binary(0));
        CHECK(&v3 == &catch2_v3_adapter());
        CHECK(&v2 == &catch2_adapter());
        CHECK(v3.config_name() == "catch2");
        CHECK(v3.list_arguments(0) ==
              std::vector<std::string>{"--list-tests", "--reporter", "xml", "*"});
        CHECK(v2.report_arguments("report").empty());
    }

    TEST_CASE("Catch2 v3's markers give version 3, only for Catch2") {
        const std::string v3_bytes = std::string("\x7f"
                                                 "ELF") +
                                     '\0' + "Catch2TestRun" + '\0';
        const TestBinary catch2 = catch2_binary(0);
        CHECK(framework_has_versions(catch2));
        CHECK(detect_framework_version(catch2, v3_bytes) == 3);
        CHECK(detect_framework_version(catch2, "N5Catch6Detail10unique_ptrE") == 3);
        CHECK(detect_framework_version(catch2, "--list-test-names-only") == 0);
        TestBinary gtest;
        gtest.kind = detect_framework("--gtest_list_tests");
        CHECK_FALSE(framework_has_versions(gtest));
        CHECK(detect_framework_version(gtest, v3_bytes) == 0);
    }

    TEST_CASE("the XML report goes to the attempt's file and the console stays on stdout") {
        CHECK(catch2_v3_adapter().report_arguments("/scratch/report-7") ==
              std::vector<std::string>{"--reporter", "xml::out=/scratch/report-7", "--reporter",
                                       "console::out=-"});
        const std::span<const std::string_view> own = catch2_v3_adapter().own_report_options();
        CHECK(std::find(own.begin(), own.end(), "--reporter") != own.end());
        TestCase test;
        test.name = "with, comma";
        CHECK(catch2_v3_adapter().run_arguments(test) ==
              std::vector<std::string>{"--colour-mode", "none", "with\\, comma"});
    }
}

} // namespace ptest::runner
