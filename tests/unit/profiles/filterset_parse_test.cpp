// Tests of the filter-expression grammar: nextest's operator precedence and spellings, each
// predicate's default matcher, matcher prefixes, escapes and whitespace. `describe()` prints the
// parsed tree fully parenthesised, so each case states how an expression was grouped.
#include "profiles/filterset/filterset.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;

namespace {

std::string tree(const std::string& text) {
    return Filterset::parse(text, FiltersetKind::command_line).describe();
}

} // namespace

TEST_SUITE("profiles::Filterset parsing") {
    TEST_CASE("and binds tighter than or, on either side") {
        CHECK(tree("test(a) & test(b) | test(c)") == "((test(~a) and test(~b)) or test(~c))");
        CHECK(tree("test(a) | test(b) & test(c)") == "(test(~a) or (test(~b) and test(~c)))");
    }

    TEST_CASE("difference binds like and, left to right, and means and-not") {
        CHECK(tree("test(a) & test(b) - test(c)") == "((test(~a) and test(~b)) and not test(~c))");
        CHECK(tree("test(a) - test(b) - test(c)") ==
              "((test(~a) and not test(~b)) and not test(~c))");
        CHECK(tree("test(a) - test(b) | test(c)") == "((test(~a) and not test(~b)) or test(~c))");
    }

    TEST_CASE("not binds tightest, before and and or") {
        CHECK(tree("not test(a) | test(b)") == "(not test(~a) or test(~b))");
        CHECK(tree("!test(a) & test(b)") == "(not test(~a) and test(~b))");
        CHECK(tree("not not test(a)") == "not not test(~a)");
        CHECK(tree("!!test(a)") == "not not test(~a)");
    }

    TEST_CASE("parentheses group first") {
        CHECK(tree("test(a) & (test(b) | test(c))") == "(test(~a) and (test(~b) or test(~c)))");
        CHECK(tree("not (test(a) | test(b))") == "not (test(~a) or test(~b))");
        CHECK(tree("((all()))") == "all()");
    }

    TEST_CASE("every spelling of every operator") {
        CHECK(tree("all() and none()") == "(all() and none())");
        CHECK(tree("all() & none()") == "(all() and none())");
        CHECK(tree("all() or none()") == "(all() or none())");
        CHECK(tree("all() | none()") == "(all() or none())");
        CHECK(tree("all() + none()") == "(all() or none())");
        CHECK(tree("not all()") == "not all()");
        CHECK(tree("!all()") == "not all()");
        CHECK(tree("all()-none()") == "(all() and not none())");
        CHECK(tree("not(all())") == "not all()");
    }

    TEST_CASE("operators are left-associative within a level") {
        CHECK(tree("test(a) | test(b) | test(c)") == "((test(~a) or test(~b)) or test(~c))");
        CHECK(tree("test(a) and test(b) and test(c)") == "((test(~a) and test(~b)) and test(~c))");
    }

    TEST_CASE("each predicate has nextest's default matcher") {
        CHECK(tree("test(x)") == "test(~x)");
        CHECK(tree("binary(x)") == "binary(#x)");
        CHECK(tree("binary_id(x)") == "binary_id(#x)");
        CHECK(tree("kind(x)") == "kind(=x)");
        CHECK(tree("group(x)") == "group(#x)");
        CHECK(tree("label(x)") == "label(#x)");
        CHECK(tree("all() | none() | default()") == "((all() or none()) or default())");
    }

    TEST_CASE("a prefix chooses the matcher and only the first character is a prefix") {
        CHECK(tree("test(=x)") == "test(=x)");
        CHECK(tree("test(~x)") == "test(~x)");
        CHECK(tree("test(#x*)") == "test(#x*)");
        CHECK(tree("test(/x.*/)") == "test(/x.*/)");
        CHECK(tree("kind(~gte)") == "kind(~gte)");
        CHECK(tree("test(==x)") == "test(==x)");
        CHECK(tree("test(~=x)") == "test(~=x)");
        CHECK(tree("test(=~x)") == "test(=~x)");
        CHECK(tree("test(~/x/)") == "test(~\\/x\\/)");
    }

    TEST_CASE("escapes put `)`, `,`, `/` and control characters in matcher text") {
        const Filterset set = Filterset::parse(R"(test(=f(a\,b\)) | test(a\/b\\c\td\u{41}))",
                                               FiltersetKind::command_line);
        CHECK(set.describe() == R"((test(=f(a\,b\)) or test(~a\/b\\c\tdA)))");
    }

    TEST_CASE("a regex ends at an unescaped slash and keeps its own escapes") {
        CHECK(tree(R"(test(/a\/b/))") == R"(test(/a\/b/))");
        CHECK(tree(R"(test(/\d+\)/))") == R"(test(/\d+\)/))");
        CHECK(tree(R"(test(/a,b/))") == R"(test(/a,b/))"); // a comma needs no escape in a regex
    }

    TEST_CASE("whitespace, tabs and newlines may surround every token") {
        CHECK(tree("  test( a )\n\tand\r\n not\tkind( gtest )  ") ==
              "(test(~a) and not kind(=gtest))");
        CHECK(tree(" all ( ) ") == "all()");
    }

    TEST_CASE("an empty matcher is allowed: test() contains the empty string") {
        CHECK(tree("test()") == "test(~)");
        CHECK(tree("not test(=)") == "not test(=)");
    }

    TEST_CASE("keywords are whole words, so names beginning with them are predicates") {
        CHECK_THROWS_AS(tree("notable(x)"), FilterParseError);
        CHECK(tree("test(and) and test(or)") == "(test(~and) and test(~or))");
    }

    TEST_CASE("uses_group tells whether group() occurs") {
        CHECK_FALSE(Filterset::parse("test(a)", FiltersetKind::command_line).uses_group());
        CHECK(Filterset::parse("test(a) | not group(serial)", FiltersetKind::command_line)
                  .uses_group());
    }
}
