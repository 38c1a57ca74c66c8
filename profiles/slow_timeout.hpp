// The `slow-timeout` setting: after how long a running test is reported slow, and optionally after
// how many such periods it is terminated (with a grace period between SIGTERM and SIGKILL).
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse `slow-timeout`: a duration string (`"60s"`), or
/// `{ period = "60s", terminate-after = N, grace-period = "10s" }` where `period` is required,
/// `terminate-after` is a positive integer and `grace-period` defaults to 10s. Unknown keys warn.
SlowTimeout parse_slow_timeout(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// The setting as a TOML inline table: `{ period = "60s", terminate-after = 2, grace-period = "10s"
/// }`.
std::string format_slow_timeout(const SlowTimeout& timeout);

} // namespace ptest::profiles
