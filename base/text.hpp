// Small text helpers every layer shares: splitting into lines, trimming, ASCII lower case and
// reading a leading number. Pure functions over string views; nothing here knows a framework or
// a reporter. (Making raw bytes safe for XML and terminals is text_sanitizer.hpp's.)
#pragma once

#include "base/clock.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::base {

/// Split `text` into lines on LF, dropping one trailing CR from each line. A final line without
/// LF is kept; a trailing LF does not produce an empty last line. The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

/// `duration` as a configured duration is written, to the millisecond and without trailing
/// zeros: `5s`, `0.5s`, `1.25s`.
std::string short_seconds(Duration duration);

/// `text` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view text);

/// `text` in ASCII lower case.
std::string to_lower_ascii(std::string_view text);

/// Parse the leading decimal number of `text` (no sign); nullopt when it does not start with a
/// digit or the number does not fit an int.
std::optional<int> leading_int(std::string_view text);

} // namespace ptest::base
