// Tests of the doctest adapter against captured doctest 2.4.9 and 2.4.6 output (tests/data/list),
// and table-driven tests of its filter escaping, skips and positions.
#include "list_data.hpp"

#include "runner/frameworks/doctest.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace ptest::runner {

using test_data::read_list_data;

namespace {

/// A case as the parser builds it: in a suite, `name` is `suite/case` and `case_name` the case.
TestCase make_case(std::string name, std::string suite = "") {
    TestCase test;
    test.name = suite.empty() ? name : suite + "/" + name;
    test.case_name = suite.empty() ? "" : name;
    test.suite = std::move(suite);
    return test;
}

} // namespace

TEST_SUITE("runner::doctest") {
    TEST_CASE("the XML listing gives name, suite, file, line and skip") {
        ListParseResult result = parse_doctest_list(read_list_data("doctest_list.xml"), 0);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 15);
        const TestCase& first = result.cases[0];
        CHECK(first.name == "adds numbers");
        CHECK(first.suite.empty());
        CHECK(first.labels.empty());
        CHECK(first.file == "doctest_sample.cpp");
        CHECK(first.line == 7);
        CHECK_FALSE(first.ignored);
        CHECK(result.cases[4].name == "skipped one");
        CHECK(result.cases[4].ignored);
        CHECK(result.cases[7].name == "Alpha/in suite");
        CHECK(result.cases[7].case_name == "in suite");
        CHECK(result.cases[7].suite == "Alpha");
        CHECK(result.cases[7].labels == std::vector<std::string>{"Alpha"});
        CHECK(result.cases[11].name == "with <xml> & \"quotes\"");
    }

    TEST_CASE("a non-zero exit code is an error") {
        ListParseResult result = parse_doctest_list("", 1);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "doctest listing exited with code 1");
    }

    TEST_CASE("text that is not XML is an error") {
        ListParseResult result = parse_doctest_list("[doctest] listing all test case names\n", 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error ==
              "doctest listing is not XML: No document element found at offset 38");
    }

    TEST_CASE("XML without a doctest element is an error") {
        ListParseResult result = parse_doctest_list("<catch/>", 0);
        REQUIRE(result.error.has_value());
        CHECK(*result.error == "doctest listing has no <doctest> element");
    }

    TEST_CASE("merging leaves wildcard names that match only themselves without a position") {
        ListParseResult listed = parse_doctest_list(read_list_data("doctest_list.xml"), 0);
        std::vector<TestCase> cases = doctest_adapter().merge_list_passes({listed}, "");
        REQUIRE(cases.size() == 15);
        for (const TestCase& test : cases) {
            CAPTURE(test.name);
            CHECK_FALSE(test.unselectable.has_value());
            CHECK(test.position == 0);
        }
        // In this listing `star*name` and `q?mark` match no other case, so they stay exact.
        CHECK(cases[5].name == "star*name");
    }

    TEST_CASE("doctest 2.4.6 marks no skipped case: the listing without --no-skip tells it") {
        ListParseResult all = parse_doctest_list(read_list_data("doctest246_list_no_skip.xml"), 0);
        ListParseResult unskipped = parse_doctest_list(read_list_data("doctest246_list.xml"), 0);
        REQUIRE(all.cases.size() == 15);
        REQUIRE(unskipped.cases.size() == 14);
        CHECK(std::none_of(all.cases.begin(), all.cases.end(),
                           [](const TestCase& test) { return test.ignored; }));
        std::vector<TestCase> cases = doctest_adapter().merge_list_passes({all, unskipped}, "");
        REQUIRE(cases.size() == 15);
        for (const TestCase& test : cases) {
            CAPTURE(test.name);
            CHECK(test.ignored == (test.name == "skipped"));
        }
        // The two `dup` cases are both unskipped, and keep their positions.
        CHECK(cases[10].name == "dup");
        CHECK(cases[10].position == 1);
        CHECK(cases[11].position == 2);
    }

    TEST_CASE("skips are matched as many times as the unskipped listing holds a case") {
        std::vector<TestCase> all{make_case("twin"), make_case("twin"), make_case("solo")};
        std::vector<TestCase> unskipped{make_case("twin")};
        mark_doctest_skips(all, unskipped);
        CHECK_FALSE(all[0].ignored);
        CHECK(all[1].ignored);
        CHECK(all[2].ignored);
    }

    TEST_CASE("positions among the cases a selector also matches, table-driven") {
        std::vector<TestCase> cases{make_case("a"),      make_case("a"),
                                    make_case("a", "S"), make_case("b", "S*"),
                                    make_case("c?"),     make_case(""),
                                    make_case("A"),      make_case("comma, name", "Beta"),
                                    make_case("cx"),     make_case("lone*", "Beta"),
                                    make_case("b", "S")};
        mark_doctest_positions(cases);
        std::vector<std::uint32_t> positions;
        for (const TestCase& test : cases) {
            positions.push_back(test.position);
        }
        // `a` twice outside suites; `S*` also matches suite S; `c?` also matches `cx`; the empty
        // name matches all seven cases outside suites; matching is case-sensitive.
        CHECK(positions == std::vector<std::uint32_t>{1, 2, 0, 1, 1, 4, 0, 0, 0, 0, 0});
    }

    TEST_CASE("a comma name matches, through its ?, a name that differs only there") {
        std::vector<TestCase> cases{make_case("a, b"), make_case("a; b"), make_case("c, d")};
        mark_doctest_positions(cases);
        CHECK(cases[0].position == 1);
        CHECK(cases[1].position == 0); // `a; b` selects only itself.
        CHECK(cases[2].position == 0);
        CHECK(doctest_run_arguments(cases[0])[0] == "--dt-test-case=a? b");
    }

    TEST_CASE("the same case name in two suites stays two distinct, exact tests") {
        std::vector<TestCase> cases{make_case("shared", "alpha"), make_case("shared", "beta")};
        mark_doctest_positions(cases);
        CHECK(cases[0].name == "alpha/shared");
        CHECK(cases[1].name == "beta/shared");
        CHECK(cases[0].position == 0);
        CHECK(cases[1].position == 0);
        CHECK(doctest_run_arguments(cases[1])[0] == "--dt-test-case=shared");
    }

    TEST_CASE("a positioned case is picked by its place in file order, skipped cases counted") {
        TestCase test = make_case("dup");
        test.position = 2;
        CHECK(doctest_run_arguments(test) ==
              std::vector<std::string>{"--dt-test-case=dup", "--dt-test-suite-exclude=?*",
                                       "--dt-case-sensitive=true", "--dt-no-colors=true",
                                       "--dt-no-version=true", "--dt-order-by=file", "--dt-first=2",
                                       "--dt-last=2", "--dt-no-skip=true"});
    }

    TEST_CASE("the listings ask for file order, whatever the binary's own arguments say") {
        REQUIRE(doctest_adapter().list_pass_count() == 2);
        CHECK(doctest_adapter().list_arguments(0) ==
              std::vector<std::string>{"--dt-list-test-cases", "--dt-reporters=xml",
                                       "--dt-no-skip=true", "--dt-order-by=file"});
        CHECK(doctest_adapter().list_arguments(1) ==
              std::vector<std::string>{"--dt-list-test-cases", "--dt-reporters=xml",
                                       "--dt-order-by=file"});
    }

    TEST_CASE("filter values turn comma and backslash, and nothing else, into ?") {
        CHECK(doctest_escape_filter("plain name") == "plain name");
        CHECK(doctest_escape_filter("comma, name") == "comma? name");
        CHECK(doctest_escape_filter("back\\slash") == "back?slash");
        CHECK(doctest_escape_filter("with <xml> & \"quotes\"") == "with <xml> & \"quotes\"");
    }

    TEST_CASE("a case outside any suite excludes every named suite") {
        CHECK(doctest_run_arguments(make_case("adds numbers")) ==
              std::vector<std::string>{"--dt-test-case=adds numbers", "--dt-test-suite-exclude=?*",
                                       "--dt-case-sensitive=true", "--dt-no-colors=true",
                                       "--dt-no-version=true"});
    }

    TEST_CASE("a case in a suite names its suite, and a skipped one adds no-skip") {
        TestCase test = make_case("comma, name", "Beta");
        test.ignored = true;
        CHECK(doctest_run_arguments(test) ==
              std::vector<std::string>{"--dt-test-case=comma? name", "--dt-test-suite=Beta",
                                       "--dt-case-sensitive=true", "--dt-no-colors=true",
                                       "--dt-no-version=true", "--dt-no-skip=true"});
    }

    TEST_CASE("the summary's counts may be padded to a common width") {
        FrameworkVerdict verdict = interpret_doctest_output(
            "[doctest] test cases:  1 |  1 passed | 0 failed | 161 skipped\n"
            "[doctest] assertions: 15 | 15 passed | 0 failed |\n"
            "[doctest] Status: SUCCESS!\n");
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
    }

    TEST_CASE("a passing run counts one case, not the filtered-out ones") {
        FrameworkVerdict verdict =
            interpret_doctest_output(read_list_data("doctest_run_pass.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
        CHECK(verdict.failure_message.empty());
    }

    TEST_CASE(
        "a failing run gives its first ERROR block as a one-line message, every block as text") {
        FrameworkVerdict verdict =
            interpret_doctest_output(read_list_data("doctest_run_fail.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message == "doctest_sample.cpp:12: ERROR: CHECK( a == b ) is NOT "
                                         "correct! values: CHECK( 1 == 2 )");
        CHECK(verdict.failure_description ==
              "doctest_sample.cpp:12: ERROR: CHECK( a == b ) is NOT correct!\n"
              "  values: CHECK( 1 == 2 )\n"
              "\n"
              "doctest_sample.cpp:13: FATAL ERROR: REQUIRE( a > b ) is NOT correct!\n"
              "  values: REQUIRE( 1 >  2 )\n");
    }

    TEST_CASE("an exception, a crash and an explicit FAIL are failures") {
        CHECK(
            interpret_doctest_output(read_list_data("doctest_run_throw.stdout")).failure_message ==
            "doctest_sample.cpp:15: ERROR: test case THREW exception: boom");
        CHECK(
            interpret_doctest_output(read_list_data("doctest_run_crash.stdout")).failure_message ==
            "doctest_sample.cpp:18: FATAL ERROR: test case CRASHED: SIGABRT - Abort (abnormal "
            "termination) signal");
        CHECK(interpret_doctest_output(read_list_data("doctest_run_subcase.stdout"))
                  .failure_message == "doctest_sample.cpp:42: FATAL ERROR: explicit");
    }

    TEST_CASE("warnings and messages are not failures") {
        FrameworkVerdict verdict =
            interpret_doctest_output(read_list_data("doctest_run_warn.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.failure_message.empty());
        CHECK(verdict.failure_description.empty());
    }

    TEST_CASE("a skip-decorated case run with no-skip is reported as run") {
        FrameworkVerdict verdict =
            interpret_doctest_output(read_list_data("doctest_run_skip_decorated.stdout"));
        CHECK(verdict.cases_run == 1);
        CHECK_FALSE(verdict.skipped);
        CHECK(verdict.failure_message == "doctest_sample.cpp:22: ERROR: CHECK( false ) is NOT "
                                         "correct! values: CHECK( false )");
    }

    TEST_CASE("a filter matching nothing reports zero cases run") {
        FrameworkVerdict verdict =
            interpret_doctest_output(read_list_data("doctest_run_no_match.stdout"));
        CHECK(verdict.cases_run == 0);
        CHECK(verdict.finished);
    }

    TEST_CASE("output cut off before the summary is unfinished") {
        std::string text = read_list_data("doctest_run_fail.stdout");
        text = text.substr(0, text.find("[doctest] test cases"));
        FrameworkVerdict verdict = interpret_doctest_output(text);
        CHECK_FALSE(verdict.finished);
        CHECK_FALSE(verdict.cases_run.has_value());
    }
}

} // namespace ptest::runner
