// Compiler-style diagnostics for configuration files: `file:line:col: message`, then the offending
// source line and a caret under the column, so that a user sees where a bad value is without
// opening the file. Every configuration error and warning goes through these two functions.
#pragma once

#include "base/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ptest::profiles {

/// Format `file:line:col: message`, followed (when `line` names a line of `text`) by that line and
/// a caret under `column`. Tabs before the column are repeated in the caret line so it stays
/// aligned. Lines and columns are 1-based; a 0 line or column is left out of the location.
std::string format_source_diagnostic(std::string_view file, std::string_view text,
                                     std::uint32_t line, std::uint32_t column,
                                     std::string_view message);

/// The `ptest::Error` (`ExitCode::setup_error`) carrying `format_source_diagnostic(...)`.
Error config_error(std::string_view file, std::string_view text, std::uint32_t line,
                   std::uint32_t column, std::string_view message);

/// The 1-based `line` of `text` without its line terminator, or an empty view when there is none.
std::string_view source_line(std::string_view text, std::uint32_t line);

} // namespace ptest::profiles
