// Tests of the Catch2 v2 adapter against captured Catch2 v2.13.10 output (tests/data/list), and
// table-driven tests of its test-spec escaping and unselectable marking.
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

    TEST_CASE("an exit code that is not the count is an error") {
        ListParseResult result = parse_catch2_list(0, "Usage: tool [options]\n", 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "Catch2 listing printed 1 names but exited with code 0 (Catch2 v2 "
                               "exits with the number of names listed)");
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

    TEST_CASE("names a test spec cannot select exactly are marked with the reason") {
        struct Row {
            std::string name;
            std::optional<std::string> reason;
        };
        const std::string wildcard = "Catch2 treats a leading or trailing `*` as a wildcard, even "
                                     "escaped, and here it also matches another test case";
        const std::string exclude = "Catch2 reads a leading `exclude:` as an exclusion, so this "
                                    "name cannot be selected exactly";
        const std::string clash = "Catch2 matches names ignoring case and surrounding spaces, and "
                                  "another test case has the same name that way";
        std::vector<Row> rows{
            {"*leading star", wildcard},
            {"decoy with leading star", std::nullopt},
            {"trailing star*", wildcard},
            {"trailing star decoy", std::nullopt},
            {" spaced * ", wildcard},
            {"spaced and more", std::nullopt},
            {"mid*star", std::nullopt},
            {"exclude:this", exclude},
            {"Exclude:that", exclude},
            {"not exclude:x", std::nullopt},
            {"Case Clash", clash},
            {"case clash", clash},
            {"padded", clash},
            {"  padded ", clash},
            {"", "Catch2 cannot select a test case with an empty name"},
            {"Special [brackets] and \\backslash", std::nullopt},
        };
        std::vector<std::string> names;
        for (const Row& row : rows) {
            names.push_back(row.name);
        }
        std::vector<TestCase> cases = cases_named(names);
        mark_catch2_unselectable(cases);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CAPTURE(rows[i].name);
            CHECK(cases[i].unselectable == rows[i].reason);
        }
    }

    TEST_CASE("a wildcard name that matches only itself is still selected exactly") {
        std::vector<TestCase> cases = cases_named({"*only star", "Trailing only*", "plain"});
        mark_catch2_unselectable(cases);
        CHECK_FALSE(cases[0].unselectable.has_value());
        CHECK_FALSE(cases[1].unselectable.has_value());
        CHECK_FALSE(cases[2].unselectable.has_value());
    }

    TEST_CASE("the test spec escapes exactly what Catch2 v2 needs escaped") {
        struct Row {
            std::string name;
            std::string spec;
        };
        std::vector<Row> rows{
            {"adds numbers", "adds numbers"},
            {"fails, loudly", "fails\\, loudly"},
            {"Special [brackets] and \\backslash", "Special \\[brackets\\] and \\\\backslash"},
            {"tilde ~ and comma, star*", "tilde \\~ and comma\\, star*"},
            {"~tilde start", "\\~tilde start"},
            {"quote \"inner\" q", "quote \\\"inner\\\" q"},
            {"-dash start", "\\-dash start"},
            {"mid-dash", "mid-dash"},
            {"#hash start", "#hash start"},
            {"mid*star", "mid*star"},
        };
        for (const Row& row : rows) {
            CAPTURE(row.name);
            CHECK(catch2_escape_name(row.name) == row.spec);
        }
    }

    TEST_CASE("the run arguments turn colour off and pass the spec as one argument") {
        TestCase test;
        test.name = "fails, loudly";
        CHECK(catch2_run_arguments(test) ==
              std::vector<std::string>{"--use-colour", "no", "fails\\, loudly"});
        test.ignored = true;
        CHECK(catch2_run_arguments(test) ==
              std::vector<std::string>{"--use-colour", "no", "fails\\, loudly"});
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

    TEST_CASE("a failing run gives header and expression as message and every block as text") {
        FrameworkVerdict verdict =
            interpret_catch2_output(read_list_data("catch2_run_fail.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message == "catch2_sample.cpp:12: CHECK( a == b )");
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
        CHECK(verdict.failure_message == "catch2_sample.cpp:12: CHECK( a == b )");
    }

    TEST_CASE("--list-tests gives one entry per case with its tags, wrapped names joined") {
        ListParseResult result =
            parse_catch2_tag_list(read_list_data("catch2_list_tags_pass2.txt"));
        CHECK_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 24);
        CHECK(result.cases[0].name == "adds numbers");
        CHECK(result.cases[0].labels == std::vector<std::string>{"fast", "math"});
        CHECK(result.cases[12].name == " spaced ");
        CHECK(result.cases[15].name ==
              "A very long test case name that goes on and on and on past the width of the");
        CHECK(result.cases[23].name == "plain");
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
