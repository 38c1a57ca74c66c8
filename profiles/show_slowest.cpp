// Parsing `show-slowest` from the command line and the environment (see show_slowest.hpp); the
// file's value is a plain count, checked by ParseContext::expect_count.
#include "profiles/show_slowest.hpp"

#include "base/error.hpp"

#include <charconv>
#include <string>

namespace ptest::profiles {

std::uint32_t parse_show_slowest(std::string_view text) {
    std::uint32_t count = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, count);
    if (text.empty() || ec != std::errc() || ptr != end) {
        throw Error(ExitCode::usage, "invalid number of slowest tests `" + std::string(text) +
                                         "`: expected a non-negative integer");
    }
    return count;
}

} // namespace ptest::profiles
