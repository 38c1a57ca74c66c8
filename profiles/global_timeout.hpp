// `global-timeout` (nextest 0.9.100): how long the whole run may take. When it has passed, ptest
// cancels the run as it does for a signal: running tests get SIGTERM, then SIGKILL after their
// grace period, no further test starts, teardown scripts still run, and the run fails (exit 100,
// as in nextest). Unset (the default) means no limit.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse `global-timeout` (the value `node` at `path`): a duration string above zero.
Duration parse_global_timeout(const toml::node& node, ParseContext& context, std::string_view path);

/// The setting as `show-config` prints it: the quoted duration, or `(none)` when unset.
std::string format_global_timeout(const std::optional<Duration>& timeout);

} // namespace ptest::profiles
