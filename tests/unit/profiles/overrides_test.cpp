// Tests of environment and command-line overrides and their precedence.
#include "config_helpers.hpp"

#include "profiles/overrides.hpp"
#include "profiles/show_config.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

GetEnv fake_env(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

const char* const k_toml = R"([profile.default]
retries = 1
status-level = "fail"
[profile.ci]
retries = 2
fail-fast = false
)";

} // namespace

TEST_SUITE("profiles::ProfileOverrides") {
    TEST_CASE("every PTEST variable is read") {
        const ProfileOverrides env = read_env_overrides(fake_env({
            {"PTEST_RETRIES", "3"},
            {"PTEST_TEST_THREADS", "-1"},
            {"PTEST_FAIL_FAST", "true"},
            {"PTEST_MAX_FAIL", "4:immediate"},
            {"PTEST_STATUS_LEVEL", "retry"},
            {"PTEST_FINAL_STATUS_LEVEL", "all"},
            {"PTEST_FAILURE_OUTPUT", "final"},
            {"PTEST_SUCCESS_OUTPUT", "immediate-final"},
        }));
        CHECK(env.retries == 3U);
        REQUIRE(env.test_threads.has_value());
        CHECK(env.test_threads->value == -1);
        CHECK(env.fail_fast == true);
        REQUIRE(env.max_fail.has_value());
        CHECK(env.max_fail->max_fail == 4U);
        CHECK(env.max_fail->terminate == FailFastTerminate::immediate);
        CHECK(env.status_level == StatusLevel::retry);
        CHECK(env.final_status_level == FinalStatusLevel::all);
        CHECK(env.failure_output == TestOutputDisplay::final);
        CHECK(env.success_output == TestOutputDisplay::immediate_final);
    }

    TEST_CASE("unset and empty variables override nothing") {
        const ProfileOverrides env = read_env_overrides(fake_env({{"PTEST_RETRIES", ""}}));
        CHECK_FALSE(env.retries.has_value());
        CHECK_FALSE(env.test_threads.has_value());
        CHECK_FALSE(env.fail_fast.has_value());
        CHECK_FALSE(env.status_level.has_value());
    }

    TEST_CASE("PTEST_NO_FAIL_FAST wins over PTEST_FAIL_FAST") {
        const ProfileOverrides env =
            read_env_overrides(fake_env({{"PTEST_FAIL_FAST", "1"}, {"PTEST_NO_FAIL_FAST", "yes"}}));
        CHECK(env.fail_fast == false);
        CHECK(read_env_overrides(fake_env({{"PTEST_NO_FAIL_FAST", "0"}})).fail_fast ==
              std::nullopt);
    }

    TEST_CASE("a bad variable is a usage error naming the variable") {
        try {
            (void)read_env_overrides(fake_env({{"PTEST_STATUS_LEVEL", "loud"}}));
            FAIL("no error");
        } catch (const ptest::Error& error) {
            CHECK(error.code() == ptest::ExitCode::usage);
            CHECK(std::string(error.what()) ==
                  "PTEST_STATUS_LEVEL: unknown status level `loud` (valid values: none, fail, "
                  "retry, slow, leak, pass, skip, all)");
        }
        CHECK(error_of([] {
                  (void)read_env_overrides(fake_env({{"PTEST_FAIL_FAST", "maybe"}}));
              }) ==
              "PTEST_FAIL_FAST: invalid boolean `maybe` (valid values: 1, true, yes, on, 0, false, "
              "no, off)");
        CHECK(error_of([] {
                  (void)read_env_overrides(fake_env({{"PTEST_RETRIES", "x"}}));
              }) == "PTEST_RETRIES: invalid retry count `x`: expected a non-negative integer");
    }

    TEST_CASE("the command line beats the environment, which beats the profile") {
        Profile profile = Config::parse(k_toml, "test.toml").resolve("ci");
        ProfileOverrides env;
        env.retries = 5;
        env.status_level = StatusLevel::slow;
        env.fail_fast = true;
        ProfileOverrides cli;
        cli.retries = 7;
        apply(profile, env, "environment");
        apply(profile, cli, "command line");
        CHECK(profile.retries.count == 7);
        CHECK(profile.sources.at("retries") == "command line");
        CHECK(profile.status_level == StatusLevel::slow);
        CHECK(profile.sources.at("status-level") == "environment");
        CHECK(profile.fail_fast.max_fail == 1U);
        CHECK(profile.sources.at("fail-fast") == "environment");
        CHECK(profile.final_status_level == FinalStatusLevel::flaky);
        CHECK(profile.sources.at("final-status-level") == "built-in");
    }

    TEST_CASE("a retries override replaces a backoff policy with a plain count") {
        Profile profile = resolve_default(
            R"(retries = { backoff = "exponential", count = 4, delay = "1s", jitter = true })");
        ProfileOverrides cli;
        cli.retries = 1;
        apply(profile, cli, "command line");
        CHECK(profile.retries.count == 1);
        CHECK(profile.retries.backoff == Backoff::fixed);
        CHECK(profile.retries.delay == Duration::zero());
        CHECK_FALSE(profile.retries.jitter);
    }

    TEST_CASE("max-fail wins over fail-fast and no-fail-fast disables fail-fast") {
        Profile profile = Config::defaults_only().resolve("default");
        ProfileOverrides cli;
        cli.fail_fast = false;
        apply(profile, cli, "command line");
        CHECK_FALSE(profile.fail_fast.max_fail.has_value());
        cli.max_fail = FailFast{3U, FailFastTerminate::wait};
        apply(profile, cli, "command line");
        CHECK(profile.fail_fast.max_fail == 3U);
    }
}
