// Tests of the `fail-fast` setting and the `--max-fail` parser.
#include "config_helpers.hpp"

#include "profiles/fail_fast.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::FailFast") {
    TEST_CASE("every accepted form resolves to a max-fail and a terminate mode") {
        struct Case {
            std::string line;
            std::optional<std::uint32_t> max_fail;
            FailFastTerminate terminate;
        };
        const std::vector<Case> cases{
            {"fail-fast = true", 1U, FailFastTerminate::wait},
            {"fail-fast = false", std::nullopt, FailFastTerminate::wait},
            {"fail-fast = { max-fail = 3 }", 3U, FailFastTerminate::wait},
            {R"(fail-fast = { max-fail = 2, terminate = "immediate" })", 2U,
             FailFastTerminate::immediate},
            {R"(fail-fast = { max-fail = "all" })", std::nullopt, FailFastTerminate::wait},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            const FailFast fail_fast = resolve_default(c.line).fail_fast;
            CHECK(fail_fast.max_fail == c.max_fail);
            CHECK(fail_fast.terminate == c.terminate);
        }
    }

    TEST_CASE("bad fail-fast values are errors at the value") {
        struct Case {
            std::string line;
            std::string message;
        };
        const std::vector<Case> cases{
            {R"(fail-fast = "yes")",
             "test.toml:2:13: `profile.default.fail-fast`: expected a boolean or a table, found a "
             "string\nfail-fast = \"yes\"\n            ^"},
            {"fail-fast = { max-fail = 0 }",
             "test.toml:2:26: `profile.default.fail-fast.max-fail`: expected a positive integer or "
             "\"all\", found 0\nfail-fast = { max-fail = 0 }\n                         ^"},
            {R"(fail-fast = { max-fail = "some" })",
             "test.toml:2:26: `profile.default.fail-fast.max-fail`: expected a positive integer or "
             "\"all\", found \"some\"\nfail-fast = { max-fail = \"some\" }\n"
             "                         ^"},
            {R"(fail-fast = { terminate = "wait" })",
             "test.toml:2:13: `profile.default.fail-fast`: missing required key `max-fail`\n"
             "fail-fast = { terminate = \"wait\" }\n            ^"},
            {R"(fail-fast = { max-fail = 1, terminate = "now" })",
             "test.toml:2:41: `profile.default.fail-fast.terminate`: unknown terminate mode `now` "
             "(valid values: wait, immediate)\nfail-fast = { max-fail = 1, terminate = \"now\" }\n"
             "                                        ^"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            CHECK(default_error(c.line) == c.message);
        }
    }

    TEST_CASE("max-fail from the command line takes a count, all, and a terminate mode") {
        CHECK(parse_max_fail("3").max_fail == 3U);
        CHECK(parse_max_fail("3").terminate == FailFastTerminate::wait);
        CHECK_FALSE(parse_max_fail("all").max_fail.has_value());
        CHECK(parse_max_fail("2:immediate").max_fail == 2U);
        CHECK(parse_max_fail("2:immediate").terminate == FailFastTerminate::immediate);
        CHECK(parse_max_fail("all:wait").terminate == FailFastTerminate::wait);
        CHECK(error_of([] { (void)parse_max_fail("0"); }) ==
              "invalid max-fail `0`: expected a positive integer or `all`, optionally followed by "
              "`:wait` or `:immediate`");
        CHECK(error_of([] { (void)parse_max_fail("2:later"); }) ==
              "invalid max-fail `2:later`: unknown terminate mode `later` (valid values: wait, "
              "immediate)");
    }

    TEST_CASE("fail-fast prints as a boolean when it can") {
        CHECK(format_fail_fast(FailFast{}) == "true");
        CHECK(format_fail_fast(FailFast{std::nullopt, FailFastTerminate::wait}) == "false");
        CHECK(format_fail_fast(FailFast{5U, FailFastTerminate::immediate}) ==
              R"({ max-fail = 5, terminate = "immediate" })");
        CHECK(format_fail_fast(FailFast{std::nullopt, FailFastTerminate::immediate}) ==
              R"({ max-fail = "all", terminate = "immediate" })");
    }
}
