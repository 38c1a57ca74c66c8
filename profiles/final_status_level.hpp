// Which tests the end-of-run summary lists again (`final-status-level`). One table maps each
// enumerator to its spelling, so parsing, printing and error messages (which list every valid
// value) agree.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string_view>

namespace ptest::profiles {

/// Every `FinalStatusLevel` and its spelling, in documented order.
inline constexpr base::EnumTable<FinalStatusLevel, 7> k_final_status_levels{{
    {"none", FinalStatusLevel::none},
    {"fail", FinalStatusLevel::fail},
    {"flaky", FinalStatusLevel::flaky},
    {"slow", FinalStatusLevel::slow},
    {"skip", FinalStatusLevel::skip},
    {"pass", FinalStatusLevel::pass},
    {"all", FinalStatusLevel::all},
}};

/// Parse a command-line or environment value. Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown final status level `x` (valid values: …)``.
FinalStatusLevel parse_final_status_level(std::string_view text);

/// Parse a configuration value (a string from the table); errors point at the value.
FinalStatusLevel parse_final_status_level(const toml::node& node, ParseContext& context,
                                          std::string_view path);

/// The spelling of `value`.
std::string_view to_string(FinalStatusLevel value);

} // namespace ptest::profiles
