// Tests of filter-expression evaluation: every matcher against names, every predicate against the
// field it reads, globs translated for RE2, and a hostile regex that a backtracking engine would
// take exponential time on.
#include "profiles/filterset/filterset.hpp"
#include "profiles/filterset/name_matcher.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ptest::profiles;

namespace {

const std::vector<std::string> k_labels = {"slow", "network"};

FilterQuery sample() {
    FilterQuery query;
    query.binary_id = "unit-tests";
    query.binary_name = "unit_tests";
    query.kind = "gtest";
    query.test_name = "Parser.Handles(Parens)";
    query.labels = k_labels;
    query.group = "serial";
    query.is_default = false;
    return query;
}

bool matches(const std::string& text, const FilterQuery& query = sample()) {
    return Filterset::parse(text, FiltersetKind::command_line).matches(query);
}

bool glob(const std::string& pattern, const std::string& name) {
    return NameMatcher(MatcherKind::glob, pattern).matches(name);
}

} // namespace

TEST_SUITE("profiles::Filterset matching") {
    TEST_CASE("equal matches the whole name only") {
        NameMatcher m(MatcherKind::equal, "Math.Adds");
        CHECK(m.matches("Math.Adds"));
        CHECK_FALSE(m.matches("Math.AddsMore"));
        CHECK_FALSE(m.matches("Math"));
    }

    TEST_CASE("contains matches any substring") {
        NameMatcher m(MatcherKind::contains, "Add");
        CHECK(m.matches("Math.Adds"));
        CHECK(m.matches("Add"));
        CHECK_FALSE(m.matches("Math.add"));
        CHECK(NameMatcher(MatcherKind::contains, "").matches("anything"));
    }

    TEST_CASE("a regex matches any part of the name unless anchored") {
        CHECK(NameMatcher(MatcherKind::regex, "d+s").matches("Math.Adds"));
        CHECK_FALSE(NameMatcher(MatcherKind::regex, "^Adds").matches("Math.Adds"));
        CHECK(NameMatcher(MatcherKind::regex, "^Math\\.").matches("Math.Adds"));
        CHECK(NameMatcher(MatcherKind::regex, "\\bAdds$").matches("Math.Adds"));
    }

    TEST_CASE("a glob matches the whole name") {
        CHECK(glob("Math.*", "Math.Adds"));
        CHECK_FALSE(glob("Math", "Math.Adds"));
        CHECK(glob("*Adds", "Math.Adds"));
        CHECK(glob("M?th.Adds", "Math.Adds"));
        CHECK_FALSE(glob("M?th.Adds", "Mth.Adds"));
        CHECK(glob("*/*", "Typed/Container/0.Copies")); // `*` crosses `/`: names are not paths
        CHECK(glob("**", "a/b"));
    }

    TEST_CASE("glob classes, negated classes, alternatives and literal metacharacters") {
        CHECK(glob("Case[0-9]", "Case7"));
        CHECK_FALSE(glob("Case[0-9]", "CaseX"));
        CHECK(glob("Case[!0-9]", "CaseX"));
        CHECK(glob("Case[^0-9]", "CaseX"));
        CHECK_FALSE(glob("Case[!0-9]", "Case1"));
        CHECK(glob("a[]]b", "a]b"));
        CHECK(glob("a[*]", "a*"));
        CHECK_FALSE(glob("a[*]", "ab"));
        CHECK(glob("a[-]b", "a-b"));
        CHECK(glob("{Math,Net}.*", "Net.Connects"));
        CHECK(glob("foo{.exe,}", "foo"));
        CHECK(glob("{a,{b,c}}d", "cd"));
        CHECK(glob("a.b(c)+", "a.b(c)+")); // regex metacharacters are literal in a glob
        CHECK_FALSE(glob("a.b", "axb"));
        CHECK(glob("a\\b", "a\\b")); // a backslash is an ordinary character
        CHECK(glob("a,b}", "a,b}")); // outside braces, `,` and `}` are literal
    }

    TEST_CASE("malformed globs and regexes are rejected with a reason") {
        CHECK_THROWS_WITH_AS(NameMatcher(MatcherKind::glob, "a[bc"),
                             "invalid glob: unclosed `[` at offset 1", std::invalid_argument);
        CHECK_THROWS_WITH_AS(NameMatcher(MatcherKind::glob, "{a,b"),
                             "invalid glob: unclosed `{` at offset 0", std::invalid_argument);
        CHECK_THROWS_WITH_AS(NameMatcher(MatcherKind::regex, "a(b"),
                             "invalid regex: missing ): a(b", std::invalid_argument);
    }

    TEST_CASE("each predicate reads its own field") {
        CHECK(matches("test(Handles)"));
        CHECK(matches("test(=Parser.Handles(Parens\\))"));
        CHECK(matches("binary_id(unit-*)"));
        CHECK_FALSE(matches("binary_id(unit_*)"));
        CHECK(matches("binary(unit_*)"));
        CHECK_FALSE(matches("binary(unit-*)"));
        CHECK(matches("kind(gtest)"));
        CHECK_FALSE(matches("kind(gtes)"));
        CHECK(matches("kind(~gte)"));
        CHECK(matches("label(slow)"));
        CHECK(matches("label(net*)"));
        CHECK_FALSE(matches("label(net)"));
        CHECK(matches("group(serial)"));
        CHECK_FALSE(matches("group(@global)"));
        CHECK(matches("all()"));
        CHECK_FALSE(matches("none()"));
        CHECK_FALSE(matches("default()"));
    }

    TEST_CASE("a test without labels matches no label() and is in @global by default") {
        FilterQuery query;
        query.test_name = "t";
        CHECK_FALSE(matches("label(*)", query));
        CHECK(matches("group(@global)", query));
        CHECK(matches("default()", query));
    }

    TEST_CASE("operators combine predicates as sets") {
        CHECK(matches("kind(gtest) & test(Parser)"));
        CHECK_FALSE(matches("kind(gtest) & test(Lexer)"));
        CHECK(matches("kind(catch2) | test(Parser)"));
        CHECK_FALSE(matches("kind(gtest) - label(slow)"));
        CHECK(matches("not default()"));
        CHECK(matches("!(kind(catch2) | kind(doctest))"));
    }

    TEST_CASE("a hostile regex on a long name finishes in linear time") {
        const std::string name(100000, 'a');
        FilterQuery query;
        query.test_name = name;
        const auto start = std::chrono::steady_clock::now();
        CHECK_FALSE(matches("test(/(a*)*b/)", query));
        CHECK_FALSE(matches("test(/(a|aa)+$b/)", query));
        CHECK_FALSE(matches("test(#*a*a*a*a*a*a*a*a*b)", query));
        const auto elapsed = std::chrono::steady_clock::now() - start;
        // Linear matching takes a few milliseconds here; a backtracking engine would not finish
        // in any lifetime. 2 s only tells the two apart, with a 100x margin for a loaded machine.
        CHECK(elapsed < std::chrono::seconds(2));
    }
}
