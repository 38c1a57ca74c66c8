// The text form the history files share: one record a line, fields separated by tabs, and in the
// fields backslash, tab, newline and carriage return escaped as `\\`, `\t`, `\n` and `\r`, so that
// any binary id or test name fits on one line and the file can be read in a diff.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace ptest::runner {

/// Appends `text` to `out` with the four special characters escaped.
void append_escaped(std::string& out, std::string_view text);

/// Undoes `append_escaped` into `out`; false on an unknown or dangling escape.
bool unescape(std::string_view text, std::string& out);

/// Splits `line` at tabs into exactly `N` fields; false if the count differs.
template <std::size_t N>
bool split_fields(std::string_view line, std::string_view (&fields)[N]) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const std::size_t tab = line.find('\t', start);
        if ((tab == std::string_view::npos) != (i + 1 == N)) {
            return false;
        }
        fields[i] = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
        start = tab + 1;
    }
    return true;
}

/// Reads the whole of `file` into `content`; false with the OS error in `error` when it cannot.
bool read_whole_file(const std::filesystem::path& file, std::string& content, std::string& error);

} // namespace ptest::runner
