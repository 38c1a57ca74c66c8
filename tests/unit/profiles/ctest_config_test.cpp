// Tests of the `[ctest]` table.
#include "config_helpers.hpp"

#include "profiles/ctest_config.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::CTestConfig") {
    TEST_CASE("run-whole is a list of globs, empty when absent") {
        CHECK(Config::parse("", "test.toml").ctest().run_whole.empty());
        const Config config =
            Config::parse("[ctest]\nrun-whole = [\"gtest-*\", \"legacy\"]\n", "test.toml");
        CHECK(config.ctest().run_whole == std::vector<std::string>{"gtest-*", "legacy"});
        CHECK(config.warnings().empty());
    }

    TEST_CASE("rerun-alone is on unless the table turns it off") {
        CHECK(Config::parse("", "test.toml").ctest().rerun_alone);
        CHECK(Config::parse("[ctest]\nrun-whole = []\n", "test.toml").ctest().rerun_alone);
        const Config config = Config::parse("[ctest]\nrerun-alone = false\n", "test.toml");
        CHECK_FALSE(config.ctest().rerun_alone);
        CHECK(config.warnings().empty());
    }

    TEST_CASE("wrong types are errors at the value, unknown keys warnings") {
        CHECK(parse_error("[ctest]\nrerun-alone = \"no\"\n") ==
              "test.toml:2:15: `ctest.rerun-alone`: expected a boolean, found a string\n"
              "rerun-alone = \"no\"\n              ^");
        CHECK(parse_error("[ctest]\nrun-whole = \"x\"\n") ==
              "test.toml:2:13: `ctest.run-whole`: expected an array of strings, found a string\n"
              "run-whole = \"x\"\n            ^");
        CHECK(parse_error("[ctest]\nrun-whole = [1]\n") ==
              "test.toml:2:14: `ctest.run-whole[0]`: expected a string, found an integer\n"
              "run-whole = [1]\n             ^");
        CHECK(parse_error("ctest = 3\n") ==
              "test.toml:1:9: `ctest`: expected a table, found an integer\nctest = 3\n        ^");
        const Config config = Config::parse("[ctest]\nexpand = false\n", "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] ==
              "test.toml:2:1: warning: ignoring unknown configuration key `ctest.expand`");
    }
}
