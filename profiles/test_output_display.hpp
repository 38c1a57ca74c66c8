// When captured test output is shown (`failure-output`, `success-output`). One table maps each
// enumerator to its spelling, so parsing, printing and error messages (which list every valid
// value) agree.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string_view>

namespace ptest::profiles {

/// Every `TestOutputDisplay` and its spelling, in documented order.
inline constexpr base::EnumTable<TestOutputDisplay, 4> k_test_output_displays{{
    {"immediate", TestOutputDisplay::immediate},
    {"immediate-final", TestOutputDisplay::immediate_final},
    {"final", TestOutputDisplay::final},
    {"never", TestOutputDisplay::never},
}};

/// Parse a command-line or environment value. Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown output display `x` (valid values: …)``.
TestOutputDisplay parse_test_output_display(std::string_view text);

/// Parse a configuration value (a string from the table); errors point at the value.
TestOutputDisplay parse_test_output_display(const toml::node& node, ParseContext& context,
                                            std::string_view path);

/// The spelling of `value`.
std::string_view to_string(TestOutputDisplay value);

} // namespace ptest::profiles
