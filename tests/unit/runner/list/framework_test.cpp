// Tests of the framework dispatch: detection from binary bytes, the listing commands, and the
// routing of parsing, selection and report reading to each adapter.
#include "list_data.hpp"

#include "runner/list/framework.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

using test_data::read_list_data;

namespace {

/// Bytes that look like an ELF file holding `marker` among other strings.
std::string binary_with(std::string_view marker) {
    std::string bytes("\x7f"
                      "ELF\x02\x01\x01",
                      7);
    bytes += std::string(64, '\0');
    bytes += "GLIBC_2.34";
    bytes += '\0';
    bytes += marker;
    bytes += '\0';
    bytes += "main";
    return bytes;
}

} // namespace

TEST_SUITE("runner::framework") {
    TEST_CASE("each framework is recognised by the strings it compiles in") {
        CHECK(detect_framework(binary_with("      --gtest_list_tests")) == FrameworkKind::gtest);
        CHECK(detect_framework(binary_with("N7testing4TestE")) == FrameworkKind::gtest);
        CHECK(detect_framework(binary_with("    --list-test-names-only")) == FrameworkKind::catch2);
        CHECK(detect_framework(binary_with("_ZN5Catch7Session3runEv")) == FrameworkKind::catch2);
        CHECK(detect_framework(binary_with("dt-list-test-cases")) == FrameworkKind::doctest);
        CHECK(detect_framework(binary_with("_ZN7doctest7ContextC1EiPKPKc")) ==
              FrameworkKind::doctest);
    }

    TEST_CASE("doctest's own --list-reporters option is not mistaken for Catch2") {
        CHECK(detect_framework(binary_with("--list-reporters") + '\0' + "list-test-cases") ==
              FrameworkKind::doctest);
    }

    TEST_CASE("a plain program is not a test binary") {
        CHECK(detect_framework(binary_with("Usage: tool [--list] [--test]")) ==
              FrameworkKind::auto_detect);
        CHECK(detect_framework("") == FrameworkKind::auto_detect);
    }

    TEST_CASE("runner strings beat another framework's symbols") {
        CHECK(detect_framework(binary_with("_ZN7testing4TestC2Ev") + '\0' +
                               "--list-test-names-only") == FrameworkKind::catch2);
        CHECK(detect_framework(binary_with("_ZN5Catch3foo") + '\0' + "dt-list-test-cases") ==
              FrameworkKind::doctest);
    }

    TEST_CASE("with several runners, GoogleTest wins over Catch2 and Catch2 over doctest") {
        CHECK(detect_framework(binary_with("list-test-cases") + '\0' + "--list-test-names-only" +
                               '\0' + "--gtest_list_tests") == FrameworkKind::gtest);
        CHECK(detect_framework(binary_with("list-test-cases") + '\0' + "--list-test-names-only") ==
              FrameworkKind::catch2);
    }

    TEST_CASE("listing commands per framework") {
        CHECK(list_pass_count(FrameworkKind::gtest) == 1);
        CHECK(list_pass_count(FrameworkKind::catch2) == 4);
        CHECK(list_pass_count(FrameworkKind::doctest) == 1);
        CHECK(list_pass_count(FrameworkKind::auto_detect) == 0);
        CHECK(list_arguments(FrameworkKind::gtest, 0) ==
              std::vector<std::string>{"--gtest_list_tests"});
        CHECK(list_arguments(FrameworkKind::catch2, 0) ==
              std::vector<std::string>{"--list-test-names-only"});
        CHECK(list_arguments(FrameworkKind::catch2, 1) ==
              std::vector<std::string>{"--list-test-names-only", "[.]"});
        CHECK(list_arguments(FrameworkKind::catch2, 2) == std::vector<std::string>{"--list-tests"});
        CHECK(list_arguments(FrameworkKind::catch2, 3) ==
              std::vector<std::string>{"--list-tests", "[.]"});
        CHECK(list_arguments(FrameworkKind::doctest, 0) ==
              std::vector<std::string>{"--dt-list-test-cases", "--dt-reporters=xml",
                                       "--dt-no-skip=true"});
    }

    TEST_CASE("parsing dispatches on the kind and refuses auto") {
        ListParseResult gtest =
            parse_list_output(FrameworkKind::gtest, 0, read_list_data("gtest_list.txt"), 0);
        CHECK(gtest.cases.size() == 20);
        ListParseResult hidden =
            parse_list_output(FrameworkKind::catch2, 1, read_list_data("catch2_list_pass1.txt"), 3);
        CHECK(hidden.cases.size() == 3);
        ListParseResult doctest =
            parse_list_output(FrameworkKind::doctest, 0, read_list_data("doctest_list.xml"), 0);
        CHECK(doctest.cases.size() == 15);
        ListParseResult unknown = parse_list_output(FrameworkKind::auto_detect, 0, "x\n", 0);
        REQUIRE(unknown.error.has_value());
        CHECK(*unknown.error == "cannot parse a listing before the framework is known");
    }

    TEST_CASE("the real Catch2 listing marks exactly the unselectable names") {
        std::vector<ListParseResult> passes{
            parse_list_output(FrameworkKind::catch2, 0, read_list_data("catch2_list_pass0.txt"),
                              24),
            parse_list_output(FrameworkKind::catch2, 1, read_list_data("catch2_list_pass1.txt"),
                              3)};
        std::vector<TestCase> cases = merge_list_passes(FrameworkKind::catch2, passes);
        REQUIRE(cases.size() == 27);
        std::vector<std::string> unselectable;
        for (const TestCase& test : cases) {
            if (test.unselectable) {
                unselectable.push_back(test.name);
            }
        }
        // The wildcard-edged names here match no other case, so only these stay unselectable.
        CHECK(unselectable == std::vector<std::string>{"exclude:this", "Case Clash", "case clash"});
        CHECK(cases[24].name == "hidden one");
        CHECK(cases[24].ignored);
    }

    TEST_CASE("the real Catch2 tag listings give each case its tags as labels") {
        std::vector<ListParseResult> passes{
            parse_list_output(FrameworkKind::catch2, 0, read_list_data("catch2_list_pass0.txt"),
                              24),
            parse_list_output(FrameworkKind::catch2, 1, read_list_data("catch2_list_pass1.txt"), 3),
            parse_list_output(FrameworkKind::catch2, 2,
                              read_list_data("catch2_list_tags_pass2.txt"), 24),
            parse_list_output(FrameworkKind::catch2, 3,
                              read_list_data("catch2_list_tags_pass3.txt"), 3)};
        std::vector<TestCase> cases = merge_list_passes(FrameworkKind::catch2, passes);
        REQUIRE(cases.size() == 27);
        CHECK(cases[0].name == "adds numbers");
        CHECK(cases[0].labels == std::vector<std::string>{"fast", "math"});
        CHECK(cases[1].labels == std::vector<std::string>{"math"});
        CHECK(cases[2].labels.empty());
        CHECK(cases[15].name.starts_with("A very long test case name")); // wrapped when listed
        CHECK(cases[26].name == "hidden bang");
        CHECK(cases[25].labels == std::vector<std::string>{"!hide", ".", "slow"});
        CHECK(cases[25].ignored);
    }

    TEST_CASE("GoogleTest merging keeps the single pass as it is") {
        ListParseResult listed = parse_list_output(FrameworkKind::gtest, 0, "S.\n  A\n  B\n", 0);
        std::vector<TestCase> cases = merge_list_passes(FrameworkKind::gtest, {listed});
        REQUIRE(cases.size() == 2);
        CHECK(cases[1].name == "S.B");
        CHECK_FALSE(cases[1].unselectable.has_value());
    }

    TEST_CASE("selection and report reading dispatch on the kind") {
        TestCase test;
        test.name = "S.A";
        CHECK(run_arguments(FrameworkKind::gtest, test).front() == "--gtest_filter=S.A");
        CHECK(run_arguments(FrameworkKind::catch2, test).back() == "S.A");
        CHECK(run_arguments(FrameworkKind::doctest, test).front() == "--dt-test-case=S.A");
        CHECK(run_arguments(FrameworkKind::auto_detect, test).empty());
        FrameworkVerdict verdict = interpret_output(
            FrameworkKind::gtest, test, read_list_data("gtest_run_fail.stdout"), "", false);
        CHECK(verdict.failure_message == "gtest_sample.cpp:12: Expected equality of these values:");
        CHECK(interpret_output(FrameworkKind::catch2, test,
                               read_list_data("catch2_run_pass.stdout"), "", false)
                  .cases_run == 1);
        CHECK(interpret_output(FrameworkKind::doctest, test,
                               read_list_data("doctest_run_no_match.stdout"), "", false)
                  .cases_run == 0);
    }

    TEST_CASE("kinds are spelled as in the config") {
        CHECK(to_string(FrameworkKind::gtest) == "gtest");
        CHECK(to_string(FrameworkKind::catch2) == "catch2");
        CHECK(to_string(FrameworkKind::doctest) == "doctest");
        CHECK(to_string(FrameworkKind::auto_detect) == "auto");
    }
}

} // namespace ptest::runner
