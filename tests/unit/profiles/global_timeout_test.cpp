// Tests of `global-timeout`: unset by default, a duration above zero, printed for show-config.
#include "config_helpers.hpp"

#include "profiles/global_timeout.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;
using namespace std::chrono_literals;

TEST_SUITE("profiles::GlobalTimeout") {
    TEST_CASE("the built-in profile has no global timeout") {
        CHECK_FALSE(Config::defaults_only().resolve("default").global_timeout.has_value());
    }

    TEST_CASE("global-timeout takes nextest's duration strings") {
        CHECK(resolve_default(R"(global-timeout = "2h")").global_timeout == Duration(2h));
        CHECK(resolve_default(R"(global-timeout = "1500ms")").global_timeout == Duration(1500ms));
    }

    TEST_CASE("a zero or mistyped global-timeout is an error at the value") {
        CHECK(default_error(R"(global-timeout = "0s")") ==
              "test.toml:2:18: `profile.default.global-timeout`: expected a duration above zero, "
              "such as \"2h\"\nglobal-timeout = \"0s\"\n                 ^");
        CHECK(default_error("global-timeout = 30").find("`profile.default.global-timeout`") !=
              std::string::npos);
    }

    TEST_CASE("show-config prints the duration, or (none) when unset") {
        CHECK(format_global_timeout(std::nullopt) == "(none)");
        CHECK(format_global_timeout(Duration(90s)) == "\"1m 30s\"");
    }
}
