// Tests of captured-output sanitising for the terminal.
#include "reporter/terminal/terminal_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::reporter;
using namespace std::string_literals;

TEST_SUITE("reporter::sanitize_for_terminal") {
    TEST_CASE("plain text, tabs and UTF-8 pass through unchanged") {
        CHECK(sanitize_for_terminal("a\tb\nc \xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80\n", false) ==
              "a\tb\nc \xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80\n");
    }

    TEST_CASE("escape sequences are stripped when colour is off") {
        CHECK(sanitize_for_terminal("\x1b[1;31mred\x1b[0m", false) == "red");
        CHECK(sanitize_for_terminal("a\x1b]0;title\x07"
                                    "b",
                                    false) == "ab");
        CHECK(sanitize_for_terminal("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", false) ==
              "alinkb");
        CHECK(sanitize_for_terminal("a\x1bPdata\x1b\\b", false) == "ab");
        CHECK(sanitize_for_terminal("a\x1b"
                                    "7b\x1b(Bc",
                                    false) == "abc");
    }

    TEST_CASE("with colour on only SGR sequences survive") {
        CHECK(sanitize_for_terminal("\x1b[32mok\x1b[0m\x1b[2J\x1b[H", true) == "\x1b[32mok\x1b[0m");
    }

    TEST_CASE("control bytes become visible control pictures") {
        CHECK(sanitize_for_terminal("a\0b"s, false) == "a\xe2\x90\x80"
                                                       "b");
        CHECK(sanitize_for_terminal("bell\x07", false) == "bell\xe2\x90\x87");
        CHECK(sanitize_for_terminal("del\x7f", false) == "del\xe2\x90\xa1");
        CHECK(sanitize_for_terminal("lone\x1b", false) == "lone");
    }

    TEST_CASE("carriage returns become line feeds") {
        CHECK(sanitize_for_terminal("a\r\nb\rc", false) == "a\nb\nc");
    }

    TEST_CASE("invalid UTF-8 is replaced per maximal subpart") {
        const std::string fffd = "\xef\xbf\xbd";
        CHECK(sanitize_for_terminal("a\xff"
                                    "b",
                                    false) == "a" + fffd + "b");
        // A truncated three-byte character is one replacement.
        CHECK(sanitize_for_terminal("a\xe2\x9c", false) == "a" + fffd);
        // Overlong encodings and surrogates are invalid byte by byte.
        CHECK(sanitize_for_terminal("\xc0\xaf", false) == fffd + fffd);
        CHECK(sanitize_for_terminal("\xed\xa0\x80", false) == fffd + fffd + fffd);
        CHECK(sanitize_for_terminal("\xf4\x90\x80\x80", false) == fffd + fffd + fffd + fffd);
        // C1 controls are replaced too.
        CHECK(sanitize_for_terminal("\xc2\x9b"
                                    "31m",
                                    false) == fffd + "31m");
    }
}
