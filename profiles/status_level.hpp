// Which results are printed live (`status-level`), each level including the ones before it. One
// table maps each enumerator to its spelling, so parsing, printing and error messages (which list
// every valid value) agree.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string_view>

namespace ptest::profiles {

/// Every `StatusLevel` and its spelling, in documented order.
inline constexpr base::EnumTable<StatusLevel, 8> k_status_levels{{
    {"none", StatusLevel::none},
    {"fail", StatusLevel::fail},
    {"retry", StatusLevel::retry},
    {"slow", StatusLevel::slow},
    {"leak", StatusLevel::leak},
    {"pass", StatusLevel::pass},
    {"skip", StatusLevel::skip},
    {"all", StatusLevel::all},
}};

/// Parse a command-line or environment value. Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown status level `x` (valid values: …)``.
StatusLevel parse_status_level(std::string_view text);

/// Parse a configuration value (a string from the table); errors point at the value.
StatusLevel parse_status_level(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// The spelling of `value`.
std::string_view to_string(StatusLevel value);

} // namespace ptest::profiles
