// Tests of the Catch2 v3 adapter's listing parser against captured Catch2 3.7.1 output
// (tests/data/reports/catch2-3.7.1, see its README for the command behind each file), of its
// arguments, and of the registry's choice of the v3 adapter. Its reports are judged as v2's are
// (catch2_report_test.cpp).
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

    TEST_CASE("the registry gives a Catch2 binary of version 3 the v3 adapter") {
        const FrameworkAdapter& v3 = framework_adapter(catch2_binary(3));
        const FrameworkAdapter& v2 = framework_adapter(catch2_binary(0));
        CHECK(&v3 == &catch2_v3_adapter());
        CHECK(&v2 == &catch2_adapter());
        CHECK(v3.config_name() == "catch2");
        CHECK(v3.list_arguments(0) ==
              std::vector<std::string>{"--list-tests", "--reporter", "xml", "*"});
        CHECK(v2.report_arguments("report") ==
              std::vector<std::string>{"-r", "xml", "-o", "report"});
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
        // v3 accepts one name twice with different tags: the tags select one.
        test.name = "same name";
        test.labels = {"b"};
        CHECK(catch2_v3_adapter().run_arguments(test) ==
              std::vector<std::string>{"--colour-mode", "none", "same name[b]"});
    }
}

} // namespace ptest::runner
