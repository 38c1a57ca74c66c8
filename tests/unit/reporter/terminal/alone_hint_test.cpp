// Tests of the note that suggests a fix for binaries whose cases passed only when run alone.
#include "reporter/terminal/alone_hint.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::reporter;

TEST_SUITE("reporter::alone_hint") {
    TEST_CASE("the suggested group is named after the binary, with only characters groups allow") {
        CHECK(serial_group_name("os-test") == "serial-os-test");
        CHECK(serial_group_name("io_test.v2 #2") == "serial-io_test-v2--2");
    }

    TEST_CASE("each binary gets a test group override for the run's profile, and run-whole") {
        const std::vector<std::string> lines = alone_hint_lines({{"os-test", 2}}, "ci", false);
        CHECK(lines ==
              std::vector<std::string>{
                  "note: 2 tests of `os-test` failed beside other tests and passed "
                  "alone: its cases share files or state.",
                  "      Run them one at a time with a test group (in .config/ptest.toml):",
                  "        [test-groups.serial-os-test]",
                  "        max-threads = 1",
                  "        [[profile.ci.overrides]]",
                  "        filter = \"binary_id(=os-test)\"",
                  "        test-group = \"serial-os-test\"",
                  "      or run the binary whole, as ctest does:",
                  "        [ctest]",
                  "        run-whole = [\"os-test\"]",
              });
    }

    TEST_CASE("quotes and odd profile names are written as valid TOML") {
        const std::vector<std::string> lines = alone_hint_lines({{"a\"b", 1}}, "my profile", false);
        REQUIRE(lines.size() == 10);
        CHECK(lines[0].starts_with("note: 1 test of `a\"b` failed"));
        CHECK(lines[4] == "        [[profile.\"my profile\".overrides]]");
        CHECK(lines[5] == "        filter = \"binary_id(=a\\\"b)\"");
        CHECK(lines[9] == "        run-whole = [\"a\\\"b\"]");
    }

    TEST_CASE("no binary, no note") {
        CHECK(alone_hint_lines({}, "default", false).empty());
    }
}
