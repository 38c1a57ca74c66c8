// Tests of `flaky-result`: nextest's spelling, its default, and errors at the value.
#include "config_helpers.hpp"

#include "profiles/flaky_result.hpp"

#include <doctest/doctest.h>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::FlakyResult") {
    TEST_CASE("a flaky test passes unless the profile says flaky-result = fail") {
        CHECK(Config::defaults_only().resolve("default").flaky_result == FlakyResult::pass);
        CHECK(resolve_default(R"(flaky-result = "fail")").flaky_result == FlakyResult::fail);
        CHECK(resolve_default(R"(flaky-result = "pass")").flaky_result == FlakyResult::pass);
    }

    TEST_CASE("a profile inherits flaky-result from default") {
        const Profile ci = resolve_toml("[profile.default]\nflaky-result = \"fail\"\n"
                                        "[profile.ci]\nretries = 2\n",
                                        "ci");
        CHECK(ci.flaky_result == FlakyResult::fail);
        CHECK(ci.retries.count == 2);
    }

    TEST_CASE("an unknown flaky-result is an error at the value that lists the valid ones") {
        CHECK(default_error(R"(flaky-result = "warn")") ==
              "test.toml:2:16: `profile.default.flaky-result`: unknown flaky result `warn` (valid "
              "values: pass, fail)\nflaky-result = \"warn\"\n               ^");
    }

    TEST_CASE("flaky-result prints with its spelling") {
        CHECK(to_string(FlakyResult::fail) == "fail");
        CHECK(to_string(FlakyResult::pass) == "pass");
    }
}
