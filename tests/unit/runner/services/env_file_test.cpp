// Tests of the setup scripts' env file parser: KEY=VALUE lines, values taken as written, and the
// lines it refuses with the message a user sees.
#include "runner/services/env_file.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

TEST_SUITE("runner::parse_env_file") {
    TEST_CASE("each KEY=VALUE line is a variable, in file order, blank lines skipped") {
        const EnvFile file = parse_env_file("DATABASE_URL=postgres://127.0.0.1:5432/t\n\nA_1=\r\n");
        REQUIRE(file.ok());
        REQUIRE(file.variables.size() == 2);
        CHECK(file.variables[0].first == "DATABASE_URL");
        CHECK(file.variables[0].second == "postgres://127.0.0.1:5432/t");
        CHECK(file.variables[1].first == "A_1");
        CHECK(file.variables[1].second.empty());
    }

    TEST_CASE("a value keeps its own equals signs, quotes and spaces") {
        const EnvFile file = parse_env_file("OPTS=a=b \"c\" ");
        REQUIRE(file.ok());
        CHECK(file.variables.at(0).second == "a=b \"c\" ");
    }

    TEST_CASE("an empty file has no variables and no error") {
        const EnvFile file = parse_env_file("");
        CHECK(file.ok());
        CHECK(file.variables.empty());
    }

    TEST_CASE("a line without an equals sign is refused with its line number") {
        const EnvFile file = parse_env_file("A=1\nexport B\n");
        CHECK(file.error == "line 2: \"export B\" is not KEY=VALUE");
    }

    TEST_CASE("a key that is not a variable name is refused") {
        CHECK(parse_env_file("1A=x").error == "line 1: \"1A\" is not a variable name");
        CHECK(parse_env_file("A B=x").error == "line 1: \"A B\" is not a variable name");
        CHECK(parse_env_file("=x").error == "line 1: \"\" is not a variable name");
    }

    TEST_CASE("keys starting with PTEST or NEXTEST are reserved for ptest") {
        CHECK(parse_env_file("PTEST_TEST_NAME=x").error ==
              "line 1: PTEST_TEST_NAME: variables starting with PTEST or NEXTEST are reserved "
              "for ptest");
        CHECK(parse_env_file("OK=1\nNEXTEST_RUN_ID=x").error ==
              "line 2: NEXTEST_RUN_ID: variables starting with PTEST or NEXTEST are reserved "
              "for ptest");
        CHECK(parse_env_file("MY_PTEST=1").ok());
    }
}

} // namespace ptest::runner
