// Settings given outside the configuration file: the `PTEST_*` environment variables and the
// command-line flags, both listed in `outside_settings()` (profile_keys.hpp). Reading either fills
// a `ProfileOverrides`; `apply` layers the values that are set onto a resolved profile, so that the
// command line beats the environment, which beats the chosen profile.
#pragma once

// The string parsers for flag values (`parse_retry_count`, `parse_test_threads`, `parse_max_fail`,
// `parse_status_level`, `parse_final_status_level`, `parse_test_output_display`) live with their
// elements; they are included here so that the command line needs only this header.
#include "profiles/fail_fast.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/profile.hpp"
#include "profiles/profile_keys.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Apply every set override to `profile`, recording `source` (`environment`, `command line`) as
/// the origin of each key it changes.
void apply(Profile& profile, const ProfileOverrides& overrides, const std::string& source);

/// Reads one environment variable; an empty optional when it is not set.
using GetEnv = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment, through `std::getenv`.
GetEnv system_getenv();

/// Read the variable of every `outside_settings()` entry that has one (`PTEST_RETRIES`,
/// `PTEST_TEST_THREADS`, `PTEST_FAIL_FAST`, `PTEST_NO_FAIL_FAST`, `PTEST_MAX_FAIL`,
/// `PTEST_STATUS_LEVEL`, `PTEST_FINAL_STATUS_LEVEL`, `PTEST_FAILURE_OUTPUT` and
/// `PTEST_SUCCESS_OUTPUT`) through `getenv`. Empty values count as unset. The two fail-fast
/// switches take `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`. Throws `ptest::Error`
/// (`ExitCode::usage`) with ``NAME: <parser message>`` on a bad value.
ProfileOverrides read_env_overrides(const GetEnv& getenv);

/// What the command line gave for one flag of `outside_settings()`: the value of a flag that takes
/// one, or whether a switch was given. The command line declares one per entry, in table order.
struct FlagValue {
    std::optional<std::string> text;
    bool given = false;
};

/// Parse `values` (one per `outside_settings()` entry, in its order; entries without a flag are
/// never given) with the settings' own parsers. Throws their `ptest::Error` (`ExitCode::usage`),
/// unprefixed, on a bad value.
ProfileOverrides read_flag_overrides(const std::vector<FlagValue>& values);

/// Parse a boolean environment value: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`.
/// Throws `ptest::Error` (`ExitCode::usage`) for anything else.
bool parse_env_bool(std::string_view text);

} // namespace ptest::profiles
