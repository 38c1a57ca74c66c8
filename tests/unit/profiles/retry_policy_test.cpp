// Tests of the `retries` setting in every accepted form and its errors.
#include "config_helpers.hpp"

#include "profiles/retry_policy.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::RetryPolicy") {
    TEST_CASE("an integer is a fixed policy without delay") {
        const RetryPolicy policy = resolve_default("retries = 3").retries;
        CHECK(policy.backoff == Backoff::fixed);
        CHECK(policy.count == 3);
        CHECK(policy.delay == 0s);
        CHECK_FALSE(policy.max_delay.has_value());
        CHECK_FALSE(policy.jitter);
    }

    TEST_CASE("a fixed table takes a delay and jitter") {
        const RetryPolicy policy =
            resolve_default(
                R"(retries = { backoff = "fixed", count = 2, delay = "1s", jitter = true })")
                .retries;
        CHECK(policy.backoff == Backoff::fixed);
        CHECK(policy.count == 2);
        CHECK(policy.delay == 1s);
        CHECK(policy.jitter);
    }

    TEST_CASE("an exponential table takes a delay and a max-delay") {
        const RetryPolicy policy =
            resolve_default(
                R"(retries = { backoff = "exponential", count = 4, delay = "1s", max-delay = "10s" })")
                .retries;
        CHECK(policy.backoff == Backoff::exponential);
        CHECK(policy.count == 4);
        CHECK(policy.delay == 1s);
        REQUIRE(policy.max_delay.has_value());
        CHECK(*policy.max_delay == 10s);
        CHECK_FALSE(policy.jitter);
    }

    TEST_CASE("bad retry values are errors at the value") {
        struct Case {
            std::string line;
            std::string message;
        };
        const std::vector<Case> cases{
            {R"(retries = "3")",
             "test.toml:2:11: `profile.default.retries`: expected an integer or a table, found a "
             "string\nretries = \"3\"\n          ^"},
            {"retries = -1",
             "test.toml:2:11: `profile.default.retries`: expected a non-negative integer, found "
             "-1\nretries = -1\n          ^"},
            {"retries = { count = 2 }",
             "test.toml:2:11: `profile.default.retries`: missing required key `backoff` (valid "
             "values: fixed, exponential)\nretries = { count = 2 }\n          ^"},
            {R"(retries = { backoff = "linear", count = 2 })",
             "test.toml:2:23: `profile.default.retries.backoff`: unknown backoff `linear` (valid "
             "values: fixed, exponential)\nretries = { backoff = \"linear\", count = 2 }\n"
             "                      ^"},
            {R"(retries = { backoff = "fixed" })",
             "test.toml:2:11: `profile.default.retries`: missing required key `count`\n"
             "retries = { backoff = \"fixed\" }\n          ^"},
            {R"(retries = { backoff = "exponential", count = 2 })",
             "test.toml:2:11: `profile.default.retries`: exponential backoff needs a non-zero "
             "`delay`\nretries = { backoff = \"exponential\", count = 2 }\n          ^"},
            {R"(retries = { backoff = "exponential", count = 2, delay = "5s", max-delay = "1s" })",
             "test.toml:2:75: `profile.default.retries.max-delay`: `max-delay` (1s) is less than "
             "`delay` (5s)"},
            {R"(retries = { backoff = "fixed", count = 2, max-delay = "1s" })",
             "test.toml:2:55: `profile.default.retries.max-delay`: `max-delay` is only valid with "
             "backoff = \"exponential\"\nretries = { backoff = \"fixed\", count = 2, max-delay = "
             "\"1s\" }\n                                                      ^"},
            {R"(retries = { backoff = "fixed", count = 2, delay = "1.5s" })",
             "test.toml:2:51: `profile.default.retries.delay`: invalid duration `1.5s`: fractions "
             "are not supported; combine units instead, such as `1s 500ms`\nretries = { backoff = "
             "\"fixed\", count = 2, delay = \"1.5s\" }\n                                          "
             "        ^"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            const std::string error = default_error(c.line);
            // The max-delay case checks only the first line: the caret line is long.
            CHECK(error.substr(0, c.message.size()) == c.message);
            if (c.message.find('\n') != std::string::npos) {
                CHECK(error == c.message);
            }
        }
    }

    TEST_CASE("an unknown key in the table is a warning") {
        const Config config = Config::parse(
            "[profile.default]\nretries = { backoff = \"fixed\", count = 1, tries = 3 }\n",
            "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] == "test.toml:2:43: warning: ignoring unknown configuration key "
                                      "`profile.default.retries.tries`");
        CHECK(config.resolve("default").retries.count == 1);
    }

    TEST_CASE("a retry count from the command line is a non-negative integer") {
        CHECK(parse_retry_count("0") == 0);
        CHECK(parse_retry_count("12") == 12);
        CHECK(error_of([] { (void)parse_retry_count("-1"); }) ==
              "invalid retry count `-1`: expected a non-negative integer");
        CHECK(error_of([] { (void)parse_retry_count("two"); }) ==
              "invalid retry count `two`: expected a non-negative integer");
        CHECK(error_of([] { (void)parse_retry_count(""); }) ==
              "invalid retry count ``: expected a non-negative integer");
    }

    TEST_CASE("a policy prints as the shortest TOML that reads it back") {
        CHECK(format_retry_policy(RetryPolicy{}) == "0");
        RetryPolicy exponential{Backoff::exponential, 3, 1s, 10s, true};
        CHECK(
            format_retry_policy(exponential) ==
            R"({ backoff = "exponential", count = 3, delay = "1s", max-delay = "10s", jitter = true })");
        RetryPolicy fixed{Backoff::fixed, 2, 500ms, std::nullopt, false};
        CHECK(format_retry_policy(fixed) ==
              R"({ backoff = "fixed", count = 2, delay = "500ms", jitter = false })");
    }
}
