// Tests of the small text helpers every layer shares.
#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include <doctest/doctest.h>

namespace ptest::base {

TEST_SUITE("base::text") {
    TEST_CASE("lines split on LF, drop a CR, and keep a last line without LF") {
        CHECK(split_lines("a\r\nb\n\nc") == std::vector<std::string_view>{"a", "b", "", "c"});
        CHECK(split_lines("a\n") == std::vector<std::string_view>{"a"});
        CHECK(split_lines("").empty());
    }

    TEST_CASE("a duration is written as configured: whole seconds, or milliseconds without "
              "trailing zeros") {
        using std::chrono::milliseconds;
        CHECK(short_seconds(milliseconds(5000)) == "5s");
        CHECK(short_seconds(milliseconds(500)) == "0.5s");
        CHECK(short_seconds(milliseconds(1250)) == "1.25s");
        CHECK(short_seconds(milliseconds(2007)) == "2.007s");
        CHECK(short_seconds(Duration::zero()) == "0s");
    }

    TEST_CASE("trim removes spaces, tabs and line ends at both ends") {
        CHECK(trim(" \t a b \r\n") == "a b");
        CHECK(trim("   ").empty());
    }

    TEST_CASE("one_line turns tabs and line ends into spaces, collapses them and trims") {
        CHECK(one_line("  a\tb\nc  ") == "a b c");
    }

    TEST_CASE("leading_int reads the leading decimal number") {
        CHECK(leading_int("12 tests") == 12);
        CHECK_FALSE(leading_int("x1").has_value());
    }
}

} // namespace ptest::base
