// Tests of the Catch2 v2 adapter against captured Catch2 v2.13.10 output (tests/data/list): its
// listing, tags, refusals, run and report arguments, and the console report it reads when a
// binary's own arguments choose the reporter.
#include "list_data.hpp"

#include "runner/frameworks/catch2.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

using test_data::read_list_data;

namespace {

std::vector<TestCase> cases_named(const std::vector<std::string>& names) {
    std::vector<TestCase> cases;
    for (const std::string& name : names) {
        TestCase test;
        test.name = name;
        cases.push_back(test);
    }
    return cases;
}

} // namespace

TEST_SUITE("runner::catch2") {
    TEST_CASE("pass 0 lists the visible names exactly, unquoting a leading #") {
        ListParseResult result = parse_catch2_list(0, read_list_data("catch2_list_pass0.txt"), 24);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 24);
        CHECK(result.cases[0].name == "adds numbers");
        CHECK(result.cases[4].name == "Special [brackets] and \\backslash");
        CHECK(result.cases[12].name == " spaced ");
        CHECK(result.cases[17].name == "#hash start");
        CHECK(result.cases[22].name == "tab\there");
        for (const TestCase& test : result.cases) {
            CHECK_FALSE(test.ignored);
        }
    }

    TEST_CASE("pass 1 lists the hidden names as ignored") {
        ListParseResult result = parse_catch2_list(1, read_list_data("catch2_list_pass1.txt"), 3);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 3);
        CHECK(result.cases[0].name == "hidden one");
        CHECK(result.cases[1].name == "hidden tagged");
        CHECK(result.cases[2].name == "hidden bang");
        CHECK(result.cases[2].ignored);
    }

    TEST_CASE("the exit code is the count modulo 256, not an error") {
        CHECK_FALSE(parse_catch2_list(0, "", 0).error.has_value());
        std::string many;
        for (int i = 0; i < 257; ++i) {
            many += "test " + std::to_string(i) + "\n";
        }
        CHECK_FALSE(parse_catch2_list(0, many, 1).error.has_value());
    }

    TEST_CASE("Catch2 2.13's exit code of 255 for 255 names or more is not an error") {
        std::string many;
        for (int i = 0; i < 2000; ++i) {
            many += "test " + std::to_string(i) + "\n";
        }
        ListParseResult result = parse_catch2_list(0, many, 255);
        CHECK_FALSE(result.error.has_value());
        CHECK(result.cases.size() == 2000);
        CHECK(parse_catch2_list(0, many, 254).error.has_value());
    }

    TEST_CASE("an exit code that is neither the count nor 0 is an error") {
        ListParseResult result = parse_catch2_list(0, "Usage: tool [options]\n", 3);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "Catch2 listing printed 1 names but exited with code 3 (Catch2 v2 "
                               "exits with the number of names listed, or 0 from a main that "
                               "ignores it)");
    }

    TEST_CASE("a custom main that ignores the session's result lists with exit code 0") {
        ListParseResult result = parse_catch2_list(0, "ignored pass\nignored failure\n", 0);
        CHECK_FALSE(result.error.has_value());
        CHECK(result.cases.size() == 2);
    }

    TEST_CASE("merging marks hidden cases ignored and keeps listing order") {
        std::vector<ListParseResult> passes{
            parse_catch2_list(0, "b\na\n", 2),
            parse_catch2_list(0, "hidden\n", 1),
        };
        std::vector<TestCase> cases = catch2_adapter().merge_list_passes(passes, "");
        REQUIRE(cases.size() == 3);
        CHECK(cases[0].name == "b");
        CHECK(cases[1].name == "a");
        CHECK(cases[2].name == "hidden");
        CHECK_FALSE(cases[0].ignored);
        CHECK(cases[2].ignored);
    }

    TEST_CASE("merging refuses only cases whose trimmed names are equal, with the reason") {
        std::vector<ListParseResult> passes(2);
        for (const char* name : {"twin", " twin ", "Case Clash", "case clash", "*leading star",
                                 "decoy with leading star", "exclude:this"}) {
            TestCase test;
            test.name = name;
            passes[0].cases.push_back(test);
        }
        std::vector<TestCase> cases = catch2_adapter().merge_list_passes(passes, "bin");
        REQUIRE(cases.size() == 7);
        const std::string reason =
            "another test case has the same name once Catch2 trims it, and Catch2 v2 lists no "
            "file or line: neither a test spec nor Catch2's report tells them apart";
        CHECK(cases[0].unselectable == reason);
        CHECK(cases[1].unselectable == reason);
        for (std::size_t i = 2; i < cases.size(); ++i) {
            CAPTURE(cases[i].name);
            CHECK_FALSE(cases[i].unselectable.has_value()); // Run, then picked by exact name.
        }
    }

    TEST_CASE("the XML report goes to the attempt's file, unless the arguments choose one") {
        CHECK(catch2_adapter().report_arguments("/dev/fd/3") ==
              std::vector<std::string>{"-r", "xml", "-o", "/dev/fd/3"});
        const std::span<const std::string_view> own = catch2_adapter().own_report_options();
        CHECK(std::vector<std::string_view>(own.begin(), own.end()) ==
              std::vector<std::string_view>{"--reporter", "-r", "--out", "-o"});
    }

    TEST_CASE("the run arguments turn colour off and pass the spec as one argument") {
        TestCase test;
        test.name = "fails, loudly";
        CHECK(catch2_run_arguments(test) ==
              std::vector<std::string>{"--use-colour", "no", "fails\\, loudly"});
        test.ignored = true;
        test.labels = {"math"};
        CHECK(catch2_run_arguments(test) ==
              std::vector<std::string>{"--use-colour", "no", "fails\\, loudly"});
        test.name = "*leading star";
        CHECK(catch2_run_arguments(test) ==
              std::vector<std::string>{"--use-colour", "no", "*leading star[math]"});
    }

    TEST_CASE("a passing run reports one case from the all-passed line") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_pass.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
        CHECK(verdict.failure_message.empty());
    }

    TEST_CASE("a passing case without assertions reports from the totals line") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_hidden.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
    }

    TEST_CASE("a failing run gives its first block as a one-line message and every block as text") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_fail.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message ==
              "catch2_sample.cpp:12: CHECK( a == b ) with expansion: 1 == 2");
        CHECK(verdict.failure_description == "catch2_sample.cpp:12: FAILED:\n"
                                             "  CHECK( a == b )\n"
                                             "with expansion:\n"
                                             "  1 == 2\n"
                                             "\n"
                                             "catch2_sample.cpp:13: FAILED:\n"
                                             "  REQUIRE( a > b )\n"
                                             "with expansion:\n"
                                             "  1 > 2\n");
    }

    TEST_CASE("an unexpected exception puts its message in the one-line message") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_throw.stdout"));
        CHECK(verdict.failure_message ==
              "catch2_sample.cpp:15: due to unexpected exception with message: boom");
    }

    TEST_CASE("a crash Catch2 caught is reported and finished") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_crash.stdout"));
        CHECK(verdict.finished);
        CHECK(verdict.failure_message == "catch2_sample.cpp:18: due to a fatal error condition: "
                                         "SIGABRT - Abort (abnormal termination) signal");
    }

    TEST_CASE("an explicit FAIL in a section is read") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_section.stdout"));
        CHECK(verdict.failure_message ==
              "catch2_sample.cpp:38: explicitly with message: explicit fail");
    }

    TEST_CASE("a warning is not a failure") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_warn.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message.empty());
        CHECK(verdict.failure_description.empty());
    }

    TEST_CASE("a spec matching nothing reports zero cases run") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_no_match.stdout"));
        CHECK(verdict.cases_run == 0);
        CHECK(verdict.finished);
    }

    TEST_CASE("output cut off before the totals is unfinished") {
        std::string text = read_list_data("catch2_run_fail.stdout");
        text = text.substr(0, text.find("====="));
        FrameworkVerdict verdict = interpret_catch2_output(text);
        CHECK_FALSE(verdict.finished);
        CHECK_FALSE(verdict.cases_run.has_value());
        CHECK(verdict.failure_message ==
              "catch2_sample.cpp:12: CHECK( a == b ) with expansion: 1 == 2");
    }

    TEST_CASE("--list-tests gives one entry per name line, with the tags that follow it") {
        ListParseResult result =
            parse_catch2_tag_list(read_list_data("catch2_list_tags_pass2.txt"));
        CHECK_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 25);
        CHECK(result.cases[0].name == "adds numbers");
        CHECK(result.cases[0].labels == std::vector<std::string>{"fast", "math"});
        CHECK(result.cases[12].name == " spaced ");
        CHECK(result.cases[15].name ==
              "A very long test case name that goes on and on and on past the width of the");
        CHECK(result.cases[16].name == "  console for wrapping purposes yes");
        CHECK(result.cases[24].name == "plain");
    }

    TEST_CASE("the names pass and the tags pass line up, wrapped names included") {
        std::vector<TestCase> cases =
            parse_catch2_list(0, read_list_data("catch2_list_pass0.txt"), 24).cases;
        add_catch2_tags(cases,
                        parse_catch2_tag_list(read_list_data("catch2_list_tags_pass2.txt")).cases);
        REQUIRE(cases.size() == 24);
        CHECK(cases[0].labels == std::vector<std::string>{"fast", "math"});
        CHECK(cases[1].labels == std::vector<std::string>{"math"});
        CHECK(cases[2].labels.empty());
    }

    TEST_CASE("a name that starts with spaces is not taken for a wrapped line") {
        std::vector<TestCase> cases = cases_named({"a", "  two spaces", "b"});
        ListParseResult tagged = parse_catch2_tag_list(
            "All available test cases:\n  a\n      [x]\n    two spaces\n      [y]\n  b\n"
            "      [z]\n3 test cases\n");
        add_catch2_tags(cases, tagged.cases);
        CHECK(cases[0].labels == std::vector<std::string>{"x"});
        CHECK(cases[1].labels == std::vector<std::string>{"y"});
        CHECK(cases[2].labels == std::vector<std::string>{"z"});
    }

    TEST_CASE("tags are given only when the tag listing lines up with the names") {
        std::vector<TestCase> cases(2);
        cases[0].name = "a";
        cases[1].name = "b";
        ListParseResult tagged = parse_catch2_tag_list("All available test cases:\n  a\n      [x]\n"
                                                       "  b\n      [y][z]\n2 test cases\n");
        add_catch2_tags(cases, tagged.cases);
        CHECK(cases[1].labels == std::vector<std::string>{"y", "z"});
        std::vector<TestCase> other(2);
        other[0].name = "a";
        other[1].name = "c";
        add_catch2_tags(other, tagged.cases);
        CHECK(other[0].labels.empty());
        std::vector<TestCase> shorter(1);
        shorter[0].name = "a";
        add_catch2_tags(shorter, tagged.cases);
        CHECK(shorter[0].labels.empty());
    }
}

} // namespace ptest::runner
