// Tests of the `[archive]` table.
#include "config_helpers.hpp"

#include "profiles/archive_config.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::ArchiveConfig") {
    TEST_CASE("include is a list of paths and globs, empty when absent") {
        CHECK(Config::parse("", "test.toml").archive().include.empty());
        const Config config =
            Config::parse("[archive]\ninclude = [\"tests/data\", \"*.json\"]\n", "test.toml");
        CHECK(config.archive().include == std::vector<std::string>{"tests/data", "*.json"});
        CHECK(config.warnings().empty());
    }

    TEST_CASE("an absolute path or a wrong type is an error at the value") {
        CHECK(parse_error("[archive]\ninclude = \"data\"\n") ==
              "test.toml:2:11: `archive.include`: expected an array of strings, found a string\n"
              "include = \"data\"\n          ^");
        CHECK(parse_error("[archive]\ninclude = [\"/etc\"]\n") ==
              "test.toml:2:12: `archive.include[0]`: expected a path relative to the workspace "
              "root, found `/etc`\n"
              "include = [\"/etc\"]\n           ^");
    }

    TEST_CASE("an unknown key in the table is a warning naming it") {
        const Config config = Config::parse("[archive]\nincludes = []\n", "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0].find("includes") != std::string::npos);
    }
}
