// Environment and command-line overrides of profile settings (see overrides.hpp).
#include "profiles/overrides.hpp"

#include "base/error.hpp"

#include "profiles/fail_fast.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"

#include <cstdlib>

namespace ptest::profiles {

void apply(Profile& profile, const ProfileOverrides& overrides, const std::string& source) {
    if (overrides.retries) {
        profile.retries = RetryPolicy{};
        profile.retries.count = *overrides.retries;
        profile.sources["retries"] = source;
    }
    if (overrides.test_threads) {
        profile.test_threads = *overrides.test_threads;
        profile.sources["test-threads"] = source;
    }
    if (overrides.max_fail) {
        profile.fail_fast = *overrides.max_fail;
        profile.sources["fail-fast"] = source;
    } else if (overrides.fail_fast) {
        profile.fail_fast = FailFast{};
        if (!*overrides.fail_fast) {
            profile.fail_fast.max_fail.reset();
        }
        profile.sources["fail-fast"] = source;
    }
    if (overrides.status_level) {
        profile.status_level = *overrides.status_level;
        profile.sources["status-level"] = source;
    }
    if (overrides.final_status_level) {
        profile.final_status_level = *overrides.final_status_level;
        profile.sources["final-status-level"] = source;
    }
    if (overrides.failure_output) {
        profile.failure_output = *overrides.failure_output;
        profile.sources["failure-output"] = source;
    }
    if (overrides.success_output) {
        profile.success_output = *overrides.success_output;
        profile.sources["success-output"] = source;
    }
}

GetEnv system_getenv() {
    return [](const std::string& name) -> std::optional<std::string> {
        // NOLINTNEXTLINE(concurrency-mt-unsafe): read once at start-up, before threads exist.
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

bool parse_env_bool(std::string_view text) {
    if (text == "1" || text == "true" || text == "yes" || text == "on") {
        return true;
    }
    if (text == "0" || text == "false" || text == "no" || text == "off") {
        return false;
    }
    throw Error(ExitCode::usage, "invalid boolean `" + std::string(text) +
                                     "` (valid values: 1, true, yes, on, 0, false, no, off)");
}

namespace {

// Read `name` and parse it with `parse`, prefixing any error with the variable's name.
template <class T, class F>
void read(const GetEnv& getenv, const std::string& name, std::optional<T>& out, F parse) {
    const std::optional<std::string> value = getenv(name);
    if (!value || value->empty()) {
        return;
    }
    try {
        out = parse(*value);
    } catch (const Error& error) {
        throw Error(error.code(), name + ": " + error.what());
    }
}

} // namespace

ProfileOverrides read_env_overrides(const GetEnv& getenv) {
    ProfileOverrides overrides;
    read(getenv, "PTEST_RETRIES", overrides.retries,
         [](const std::string& v) { return parse_retry_count(v); });
    read(getenv, "PTEST_TEST_THREADS", overrides.test_threads,
         [](const std::string& v) { return parse_test_threads(std::string_view(v)); });
    std::optional<bool> fail_fast;
    std::optional<bool> no_fail_fast;
    read(getenv, "PTEST_FAIL_FAST", fail_fast,
         [](const std::string& v) { return parse_env_bool(v); });
    read(getenv, "PTEST_NO_FAIL_FAST", no_fail_fast,
         [](const std::string& v) { return parse_env_bool(v); });
    // PTEST_NO_FAIL_FAST=1 wins over PTEST_FAIL_FAST, as `--no-fail-fast` does over a profile.
    if (no_fail_fast && *no_fail_fast) {
        overrides.fail_fast = false;
    } else if (fail_fast) {
        overrides.fail_fast = *fail_fast;
    }
    read(getenv, "PTEST_MAX_FAIL", overrides.max_fail,
         [](const std::string& v) { return parse_max_fail(v); });
    read(getenv, "PTEST_STATUS_LEVEL", overrides.status_level,
         [](const std::string& v) { return parse_status_level(std::string_view(v)); });
    read(getenv, "PTEST_FINAL_STATUS_LEVEL", overrides.final_status_level,
         [](const std::string& v) { return parse_final_status_level(std::string_view(v)); });
    read(getenv, "PTEST_FAILURE_OUTPUT", overrides.failure_output,
         [](const std::string& v) { return parse_test_output_display(std::string_view(v)); });
    read(getenv, "PTEST_SUCCESS_OUTPUT", overrides.success_output,
         [](const std::string& v) { return parse_test_output_display(std::string_view(v)); });
    return overrides;
}

} // namespace ptest::profiles
