// Tests of filter-expression errors: the exact message with the expression and a caret under the
// offending part, the exit code, and the predicates each place refuses.
#include "profiles/filterset/filterset.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;

namespace {

/// The message of parsing `text` (for `kind`), or "parsed" when it parses.
std::string error_of(const std::string& text, FiltersetKind kind = FiltersetKind::command_line) {
    try {
        (void)Filterset::parse(text, kind);
    } catch (const FilterParseError& error) {
        return error.what();
    }
    return "parsed";
}

std::string message(const std::string& line, const std::string& caret) {
    return "invalid filter expression\n  " + line + "\n  " + caret;
}

} // namespace

TEST_SUITE("profiles::Filterset errors") {
    TEST_CASE("a misspelt operator is underlined with what was expected") {
        CHECK(error_of("test(foo) andd bar") ==
              message("test(foo) andd bar",
                      "          ^^^^ expected an operator or end of expression"));
    }

    TEST_CASE("the error carries exit code 94 and its position") {
        try {
            (void)Filterset::parse("all() )", FiltersetKind::command_line);
            FAIL("expected an error");
        } catch (const FilterParseError& error) {
            CHECK(error.code() == ptest::ExitCode::invalid_filter);
            CHECK(static_cast<int>(error.code()) == 94);
            CHECK(error.offset() == 6);
            CHECK(error.length() == 1);
            CHECK(error.reason() == "unmatched `)`");
            CHECK(error.expression() == "all() )");
        }
    }

    TEST_CASE("an unknown predicate suggests the closest one") {
        CHECK(error_of("tset(a)") ==
              message("tset(a)", "^^^^ unknown predicate `tset`; did you mean `test`?"));
        CHECK(error_of("frobnicate(a)") ==
              message("frobnicate(a)",
                      "^^^^^^^^^^ unknown predicate `frobnicate` (expected one of all, binary, "
                      "binary_id, default, group, kind, label, none, test)"));
    }

    TEST_CASE("cargo-only predicates say why they do not exist here") {
        CHECK(error_of("package(core)") ==
              message("package(core)", "^^^^^^^ `package()` selects cargo packages, which ptest "
                                       "does not have; use `binary()` or `binary_id()`"));
        CHECK(error_of("platform(host)") ==
              message("platform(host)",
                      "^^^^^^^^ `platform()` is not supported: ptest runs tests on the host only"));
    }

    TEST_CASE("missing parentheses and arguments") {
        CHECK(error_of("test") == message("test", "    ^ expected `(` after `test`"));
        CHECK(error_of("test(a") == message("test(a", "      ^ expected `)` closing `test(`"));
        CHECK(error_of("all(x)") ==
              message("all(x)", "    ^ expected `)`: `all()` takes no argument"));
        CHECK(error_of("(test(a) | test(b)") ==
              message("(test(a) | test(b)",
                      "                  ^ expected an operator or `)` closing the `(` at column "
                      "1"));
        CHECK(error_of("(test(a) test(b))") ==
              message("(test(a) test(b))", "         ^^^^ expected an operator or `)` closing "
                                           "the `(` at column 1"));
    }

    TEST_CASE("a missing operand is reported where it should be") {
        CHECK(error_of("") == message("", "^ expected an expression"));
        CHECK(error_of("test(a) &") == message("test(a) &", "         ^ expected an expression"));
        CHECK(error_of("test(a) or or test(b)") ==
              message("test(a) or or test(b)",
                      "           ^^ expected an expression, found the operator `or`"));
        CHECK(error_of("| test(a)") ==
              message("| test(a)", "^ expected an expression such as `test(name)`, `not …` or "
                                   "`( … )`, found `|`"));
    }

    TEST_CASE("a comma must be escaped inside a matcher") {
        CHECK(error_of("test(a,b)") ==
              message("test(a,b)", "      ^ unexpected `,`: `test()` takes one matcher (write "
                                   "`\\,` for a comma in a name)"));
    }

    TEST_CASE("invalid escapes and unicode escapes") {
        CHECK(error_of(R"(test(a\qb))") ==
              message(R"(test(a\qb))", "      ^^^ invalid escape (valid: \\n \\r \\t \\b \\f "
                                       "\\\\ \\/ \\) \\, \\u{HEX})"));
        CHECK(error_of(R"(test(\u{D800}))") ==
              message(R"(test(\u{D800}))",
                      "     ^^^^^^^^ invalid escape: expected `\\u{HEX}` with 1 to 6 hex "
                      "digits naming a Unicode character"));
    }

    TEST_CASE("a regex must be closed and must compile") {
        CHECK(error_of("test(/abc)") ==
              message("test(/abc)", "     ^^^^^ expected a closing `/` ending the regex"));
        CHECK(error_of("test(/a(b/)") ==
              message("test(/a(b/)", "     ^^^^^ invalid regex: missing ): a(b"));
    }

    TEST_CASE("a bad glob is underlined") {
        CHECK(error_of("binary(a[b)") ==
              message("binary(a[b)", "       ^^^ invalid glob: unclosed `[` at offset 1"));
    }

    TEST_CASE("group() is for the command line only; default() not in default-filter") {
        CHECK(error_of("group(x)", FiltersetKind::command_line) == "parsed");
        CHECK(error_of("test(a) | group(x)", FiltersetKind::override_filter) ==
              message("test(a) | group(x)",
                      "          ^^^^^ `group()` cannot be used in an override's filter "
                      "(overrides decide the groups), only on the command line"));
        CHECK(error_of("group(x)", FiltersetKind::default_filter) ==
              message("group(x)", "^^^^^ `group()` cannot be used in `default-filter`, only on "
                                  "the command line"));
        CHECK(error_of("not default()", FiltersetKind::default_filter) ==
              message("not default()",
                      "    ^^^^^^^ `default()` cannot be used in `default-filter`, which defines "
                      "it"));
        CHECK(error_of("default()", FiltersetKind::override_filter) == "parsed");
    }

    TEST_CASE("the caret counts characters, not bytes, and keeps tabs") {
        CHECK(error_of("test(é) andd") ==
              message("test(é) andd", "        ^^^^ expected an operator or end of expression"));
        CHECK(error_of("\ttest(a) x") ==
              message("\ttest(a) x", "\t        ^ expected an operator or end of expression"));
    }

    TEST_CASE("only the line holding the error of a multi-line expression is shown") {
        CHECK(error_of("test(a)\n  | tset(b)") ==
              message("  | tset(b)", "    ^^^^ unknown predicate `tset`; did you mean `test`?"));
    }

    TEST_CASE("deep nesting is refused instead of exhausting the stack") {
        const std::string deep(10000, '(');
        CHECK(error_of(deep).find("expression nested too deeply") != std::string::npos);
        const std::string nots(10000, '!');
        CHECK(error_of(nots + "all()").find("expression nested too deeply") != std::string::npos);
    }
}
