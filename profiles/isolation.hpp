// How a test's process is shared (`isolation`): "process" runs every case in a process of its own;
// "batch" lets ptest run several cases of one binary in one process and judge each from the
// framework's report, re-running alone any case the batch cannot vouch for (issue 15). One table
// maps each enumerator to its spelling, so parsing, printing and error messages agree.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string_view>

namespace ptest::profiles {

/// Every `Isolation` and its spelling, in documented order.
inline constexpr base::EnumTable<Isolation, 2> k_isolations{{
    {"process", Isolation::process},
    {"batch", Isolation::batch},
}};

/// Parse a command-line or environment value. Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown isolation `x` (valid values: …)``.
Isolation parse_isolation(std::string_view text);

/// Parse a configuration value (a string from the table); errors point at the value.
Isolation parse_isolation(const toml::node& node, ParseContext& context, std::string_view path);

/// The spelling of `value`.
std::string_view to_string(Isolation value);

} // namespace ptest::profiles
