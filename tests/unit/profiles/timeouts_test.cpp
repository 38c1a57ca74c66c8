// Tests of the `slow-timeout`, `leak-timeout` and `list-timeout` settings in every accepted form.
#include "config_helpers.hpp"

#include "profiles/leak_timeout.hpp"
#include "profiles/slow_timeout.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::SlowTimeout") {
    TEST_CASE("the built-in slow timeout is 60s with a 10s grace period and no termination") {
        const SlowTimeout timeout = Config::defaults_only().resolve("default").slow_timeout;
        CHECK(timeout.period == 60s);
        CHECK_FALSE(timeout.terminate_after.has_value());
        CHECK(timeout.grace_period == 10s);
    }

    TEST_CASE("a string is the period and keeps the default grace period") {
        const SlowTimeout timeout = resolve_default(R"(slow-timeout = "2m")").slow_timeout;
        CHECK(timeout.period == 120s);
        CHECK_FALSE(timeout.terminate_after.has_value());
        CHECK(timeout.grace_period == 10s);
    }

    TEST_CASE("a table sets the period, terminate-after and grace-period") {
        const SlowTimeout timeout =
            resolve_default(
                R"(slow-timeout = { period = "30s", terminate-after = 4, grace-period = "5s" })")
                .slow_timeout;
        CHECK(timeout.period == 30s);
        CHECK(timeout.terminate_after == 4U);
        CHECK(timeout.grace_period == 5s);
    }

    TEST_CASE("bad slow timeouts are errors at the value") {
        struct Case {
            std::string line;
            std::string message;
        };
        const std::vector<Case> cases{
            {"slow-timeout = 60",
             "test.toml:2:16: `profile.default.slow-timeout`: expected a duration string or a "
             "table, found an integer\nslow-timeout = 60\n               ^"},
            {R"(slow-timeout = "60")",
             "test.toml:2:16: `profile.default.slow-timeout`: invalid duration `60`: the number 60 "
             "needs a unit, such as `60s` or `60ms`\nslow-timeout = \"60\"\n               ^"},
            {"slow-timeout = { terminate-after = 2 }",
             "test.toml:2:16: `profile.default.slow-timeout`: missing required key `period`\n"
             "slow-timeout = { terminate-after = 2 }\n               ^"},
            {R"(slow-timeout = { period = "1s", terminate-after = 0 })",
             "test.toml:2:51: `profile.default.slow-timeout.terminate-after`: expected a positive "
             "integer, found 0\nslow-timeout = { period = \"1s\", terminate-after = 0 }\n"
             "                                                  ^"},
            {R"(slow-timeout = { period = 5 })",
             "test.toml:2:27: `profile.default.slow-timeout.period`: expected a duration string "
             "such as \"60s\", found an integer\nslow-timeout = { period = 5 }\n"
             "                          ^"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            CHECK(default_error(c.line) == c.message);
        }
    }

    TEST_CASE("a slow timeout prints as an inline table") {
        CHECK(format_slow_timeout(SlowTimeout{}) == R"({ period = "1m", grace-period = "10s" })");
        CHECK(format_slow_timeout(SlowTimeout{30s, 2U, 0s}) ==
              R"({ period = "30s", terminate-after = 2, grace-period = "0s" })");
    }
}

TEST_SUITE("profiles::LeakTimeout") {
    TEST_CASE("the built-in leak timeout is 100ms and passes") {
        const LeakTimeout timeout = Config::defaults_only().resolve("default").leak_timeout;
        CHECK(timeout.period == 100ms);
        CHECK(timeout.result == LeakResult::pass);
    }

    TEST_CASE("a string is the period and the result stays pass") {
        const LeakTimeout timeout = resolve_default(R"(leak-timeout = "500ms")").leak_timeout;
        CHECK(timeout.period == 500ms);
        CHECK(timeout.result == LeakResult::pass);
    }

    TEST_CASE("a table sets the period and the result") {
        const LeakTimeout timeout =
            resolve_default(R"(leak-timeout = { period = "1s", result = "fail" })").leak_timeout;
        CHECK(timeout.period == 1s);
        CHECK(timeout.result == LeakResult::fail);
    }

    TEST_CASE("an unknown leak result lists the valid ones") {
        CHECK(default_error(R"(leak-timeout = { period = "1s", result = "warn" })") ==
              "test.toml:2:42: `profile.default.leak-timeout.result`: unknown leak result `warn` "
              "(valid values: pass, fail)\nleak-timeout = { period = \"1s\", result = \"warn\" }\n"
              "                                         ^");
    }

    TEST_CASE("a leak timeout prints as an inline table") {
        CHECK(format_leak_timeout(LeakTimeout{500ms, LeakResult::fail}) ==
              R"({ period = "500ms", result = "fail" })");
    }
}

TEST_SUITE("profiles::ListTimeout") {
    TEST_CASE("list-timeout defaults to 20s and takes a duration") {
        CHECK(Config::defaults_only().resolve("default").list_timeout == 20s);
        CHECK(resolve_default(R"(list-timeout = "1m")").list_timeout == 60s);
    }

    TEST_CASE("output-capture-limit defaults to 4 MiB and takes a positive byte count") {
        CHECK(Config::defaults_only().resolve("default").output_capture_limit == 4194304U);
        CHECK(resolve_default("output-capture-limit = 1024").output_capture_limit == 1024U);
        CHECK(default_error("output-capture-limit = 0") ==
              "test.toml:2:24: `profile.default.output-capture-limit`: expected a positive number "
              "of bytes, found 0\noutput-capture-limit = 0\n                       ^");
    }
}
