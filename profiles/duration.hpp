// Durations as the configuration file writes them, in humantime's syntax: one or more
// `<integer><unit>` parts, optionally separated by spaces ("500ms", "60s", "1m 30s", "2h").
#pragma once

#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse a humantime duration. Units: `ns`/`nsec`, `us`/`usec`/`µs`, `ms`/`msec`,
/// `s`/`sec`/`secs`/`second`/`seconds`, `m`/`min`/`mins`/`minute`/`minutes`,
/// `h`/`hr`/`hrs`/`hour`/`hours`, `d`/`day`/`days`, `w`/`week`/`weeks`, `M`/`month`/`months`
/// (30.44 days), `y`/`year`/`years` (365.25 days). Throws `ptest::Error` (`ExitCode::usage`) with
/// ``invalid duration `TEXT`: REASON`` for anything else, including fractions and negative values.
Duration parse_duration(std::string_view text);

/// Format a duration so that `parse_duration` reads it back: its parts from days down to
/// nanoseconds, space-separated (`1m 30s`, `100ms`, `0s`).
std::string format_duration(Duration duration);

} // namespace ptest::profiles
