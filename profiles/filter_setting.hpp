// Filter expressions written in a configuration file (`default-filter`, an override's `filter`):
// parsed when the file is read, so a bad expression fails the load with the file, line and column
// of the error inside the TOML string.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "profiles/parse_context.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse the string `node` (key path `path`) as a filter expression for `kind`. On a bad
/// expression, throws a setup error at the error's own column when the string is written on one
/// line without escapes (else at the string), with the source line, a caret and the reason; the
/// expression and its own caret follow when the column could not be mapped.
Filterset parse_filter_setting(const toml::node& node, ParseContext& context, std::string_view path,
                               FiltersetKind kind);

/// The expression of `filter` as a TOML basic string for `show-config`, quotes and backslashes
/// escaped and line breaks shown as spaces.
std::string format_filter_setting(const Filterset& filter);

} // namespace ptest::profiles
