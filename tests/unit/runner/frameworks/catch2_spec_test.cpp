// Table-driven tests of Catch2 test specs (runner/frameworks/catch2_spec.cpp): the argument that
// selects a case, the name pattern Catch2 reads from it, and which cases nothing tells apart. The
// specs were each tried on Catch2 2.13.10 and 3.7.1 (the catch2_hostile fixtures).
#include "runner/frameworks/catch2_spec.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

TestCase case_of(std::string name, std::vector<std::string> labels = {}) {
    TestCase test;
    test.name = std::move(name);
    test.labels = std::move(labels);
    return test;
}

} // namespace

TEST_SUITE("runner::catch2_spec") {
    TEST_CASE("a name is escaped, and quoted when its first character would be lost") {
        struct Row {
            std::string name;
            std::string spec;
        };
        const std::vector<Row> rows{
            {"adds numbers", "adds numbers"},
            {"fails, loudly", "fails\\, loudly"},
            {"Special [brackets] and \\backslash", "Special \\[brackets\\] and \\\\backslash"},
            {"tilde ~ and comma, star*", "tilde \\~ and comma\\, star*"},
            {"quote \"inner\" q", "quote \\\"inner\\\" q"},
            {"mid-dash", "mid-dash"},
            {"#hash start", "#hash start"},
            {"mid*star", "mid*star"},
            // Escapes first: unquoted, `\,` alone is an empty spec and `\~ x` loses its space.
            {",", "\"\\,\""},
            {"\\[]~", "\"\\\\\\[\\]\\~\""},
            {"~ tilde then space", "\"\\~ tilde then space\""},
            {"\"quoted\" at the start", "\"\\\"quoted\\\" at the start\""},
            {"[not a tag]", "\"\\[not a tag\\]\""},
            {"-dash start", "\"-dash start\""},
            {"  padded  ", "\"  padded  \""},
            // No spelling escapes `exclude:`: the spec matches the name's tail instead.
            {"exclude:this, that", "*xclude:this\\, that"},
            {"Exclude:case", "Exclude:case"},
        };
        for (const Row& row : rows) {
            CAPTURE(row.name);
            CHECK(catch2_test_spec(case_of(row.name), Catch2Tags::when_wildcard).argument ==
                  row.spec);
        }
    }

    TEST_CASE("tags narrow a wildcard name, or every name when asked") {
        const TestCase star = case_of("*leading star", {"names", "a,b"});
        CHECK(catch2_test_spec(star, Catch2Tags::when_wildcard).argument ==
              "*leading star[names][a\\,b]");
        const TestCase exclude = case_of("exclude:x", {"t"});
        CHECK(catch2_test_spec(exclude, Catch2Tags::when_wildcard).argument == "*xclude:x[t]");
        const TestCase plain = case_of("same name", {"b", "."});
        CHECK(catch2_test_spec(plain, Catch2Tags::when_wildcard).argument == "same name");
        CHECK(catch2_test_spec(plain, Catch2Tags::always).argument == "same name[b][.]");
        CHECK(catch2_test_spec(case_of(",", {"x"}), Catch2Tags::always).argument == "\"\\,\"[x]");
    }

    TEST_CASE("the pattern is the name as Catch2 matches it: lower-case and trimmed") {
        CHECK(catch2_test_spec(case_of("  Mixed Case "), Catch2Tags::always).pattern ==
              "mixed case");
        CHECK(catch2_test_spec(case_of("exclude:Tail"), Catch2Tags::always).pattern ==
              "*xclude:tail");
        CHECK(catch2_normalise(" A b ") == "a b");
    }

    TEST_CASE("a `*` at either end of a pattern, and only there, is a wildcard") {
        CHECK(catch2_pattern_matches("*leading star", "decoy ending in leading star"));
        CHECK(catch2_pattern_matches("trailing star*", "trailing star decoy"));
        CHECK(catch2_pattern_matches("*mid*", "has mid inside"));
        CHECK(catch2_pattern_matches("mid*star", "mid*star"));
        CHECK_FALSE(catch2_pattern_matches("mid*star", "midxxstar"));
        CHECK_FALSE(catch2_pattern_matches("plain", "plain and more"));
    }

    TEST_CASE("v2 refuses cases whose trimmed names are equal, and nothing else") {
        std::vector<TestCase> cases{case_of("twin"),          case_of(" twin "),
                                    case_of("Case Clash"),    case_of("case clash"),
                                    case_of("*leading star"), case_of("decoy ending leading star")};
        mark_catch2_indistinguishable(cases, Catch2Tags::when_wildcard, false);
        CHECK(cases[0].unselectable.has_value());
        CHECK(cases[1].unselectable.has_value());
        for (std::size_t i = 2; i < cases.size(); ++i) {
            CAPTURE(cases[i].name);
            CHECK_FALSE(cases[i].unselectable.has_value());
        }
    }

    TEST_CASE("v3 tells one name apart by file and line, then by tags") {
        auto located = [](std::string name, std::vector<std::string> tags, std::uint32_t line) {
            TestCase test = case_of(std::move(name), std::move(tags));
            test.file = "t.cpp";
            test.line = line;
            return test;
        };
        std::vector<TestCase> cases{located("same", {"a"}, 1),     located("same", {"b"}, 2),
                                    located("macro", {"a"}, 9),    located("macro", {"a", "b"}, 9),
                                    located("macro twin", {}, 12), located("macro twin", {}, 12)};
        mark_catch2_indistinguishable(cases, Catch2Tags::always, true);
        CHECK_FALSE(cases[0].unselectable.has_value()); // Another line.
        CHECK_FALSE(cases[1].unselectable.has_value());
        CHECK(cases[2].unselectable == "another test case has the same name (Catch2 trims names), "
                                       "file and line, and every tag of this one: neither a test "
                                       "spec nor Catch2's report tells them apart");
        CHECK_FALSE(cases[3].unselectable.has_value()); // Its tag [b] selects it alone.
        CHECK(cases[4].unselectable.has_value());
        CHECK(cases[5].unselectable.has_value());
    }
}

} // namespace ptest::runner
