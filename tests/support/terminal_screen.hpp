// A small terminal emulator for tests: what a screen shows once some bytes were written to it.
// It knows what ptest's report writes: text, `\r`, `\n`, erase to the end of the line
// (`ESC[K`), cursor up (`ESC[nA`) and erase below (`ESC[J`); colour (`ESC[...m`) and any other
// control sequence are dropped. The screen never scrolls away and is as wide as its lines, so
// what was overwritten is gone and what was printed stays, as a user reading the terminal sees.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::testing {

/// The screen after `raw` was written to it: its lines joined by `\n` (a last empty line, where
/// the cursor waits after a newline, gives a trailing `\n`).
inline std::string screen_text(std::string_view raw) {
    std::vector<std::string> lines(1);
    std::size_t row = 0;
    std::size_t col = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r') {
            col = 0;
        } else if (c == '\n') {
            ++row;
            col = 0;
            if (row == lines.size()) {
                lines.emplace_back();
            }
        } else if (c == '\x1b' && i + 1 < raw.size() && raw[i + 1] == '[') {
            std::size_t end = i + 2;
            while (end < raw.size() && (raw[end] < '@' || raw[end] > '~')) {
                ++end;
            }
            if (end == raw.size()) {
                break;
            }
            const std::string_view params = raw.substr(i + 2, end - i - 2);
            const std::size_t n = params.empty() ? 1 : std::stoul(std::string(params));
            switch (raw[end]) {
            case 'K':
                lines[row].resize(std::min(col, lines[row].size()));
                break;
            case 'J':
                lines[row].resize(std::min(col, lines[row].size()));
                lines.resize(row + 1);
                break;
            case 'A':
                row -= std::min(row, n);
                break;
            default:
                break; // Colour and anything else leave the text alone.
            }
            i = end;
        } else {
            std::string& line = lines[row];
            if (col >= line.size()) {
                line.resize(col, ' ');
                line += c;
            } else {
                line[col] = c;
            }
            ++col;
        }
    }
    std::string out;
    for (std::size_t r = 0; r < lines.size(); ++r) {
        out += lines[r];
        if (r + 1 < lines.size()) {
            out += '\n';
        }
    }
    return out;
}

} // namespace ptest::testing
