// Tests of the compiler-style diagnostic format.
#include "profiles/config_error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;

TEST_SUITE("profiles::ConfigError") {
    TEST_CASE("a diagnostic shows the location, the message, the line and a caret") {
        CHECK(format_source_diagnostic("a.toml", "x = 1\ny = oops\n", 2, 5, "bad value") ==
              "a.toml:2:5: bad value\ny = oops\n    ^");
    }

    TEST_CASE("a diagnostic without a usable line shows only the location and message") {
        CHECK(format_source_diagnostic("a.toml", "x = 1\n", 7, 1, "past the end") ==
              "a.toml:7:1: past the end");
        CHECK(format_source_diagnostic("a.toml", "", 0, 0, "no position") == "a.toml: no position");
    }

    TEST_CASE("multi-byte characters count as one column and CRLF endings are dropped") {
        CHECK(format_source_diagnostic("a.toml", "k = \"\xc3\xa9\" x\r\n", 1, 8, "here") ==
              "a.toml:1:8: here\nk = \"\xc3\xa9\" x\n       ^");
    }

    TEST_CASE("config_error carries the setup-error exit code") {
        const ptest::Error error = config_error("a.toml", "x\n", 1, 1, "m");
        CHECK(error.code() == ptest::ExitCode::setup_error);
        CHECK(std::string(error.what()) == "a.toml:1:1: m\nx\n^");
    }

    TEST_CASE("source_line returns one line without its terminator") {
        CHECK(source_line("a\nbc\r\nd", 2) == "bc");
        CHECK(source_line("a\nbc\r\nd", 3) == "d");
        CHECK(source_line("a\n", 2).empty());
        CHECK(source_line("a", 0).empty());
    }
}
