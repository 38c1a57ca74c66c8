// The `show-slowest` setting (a ptest extension): how many of the run's slowest tests are listed
// after the summary. A count; 0 (the default) lists none.
#pragma once

#include <cstdint>
#include <string_view>

namespace ptest::profiles {

/// Parse `--show-slowest N` or `PTEST_SHOW_SLOWEST`: a non-negative integer. Throws
/// `ptest::Error` (`ExitCode::usage`) naming the text otherwise.
std::uint32_t parse_show_slowest(std::string_view text);

} // namespace ptest::profiles
