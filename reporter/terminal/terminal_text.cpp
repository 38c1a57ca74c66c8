// Captured-output sanitising for the terminal (see terminal_text.hpp).
#include "reporter/terminal/terminal_text.hpp"

#include "base/text_sanitizer.hpp"

#include <cstddef>

namespace ptest::reporter {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

/// The length of the SGR sequence (`ESC [` digits, `;` or `:`, then `m`) at `pos`, or 0.
std::size_t sgr_length(std::string_view text, std::size_t pos) {
    if (pos + 2 >= text.size() || text[pos] != '\x1b' || text[pos + 1] != '[') {
        return 0;
    }
    for (std::size_t i = pos + 2; i < text.size(); ++i) {
        const char c = text[i];
        if (c == 'm') {
            return i + 1 - pos;
        }
        if ((c < '0' || c > '9') && c != ';' && c != ':') {
            return 0;
        }
    }
    return 0;
}

/// Strip every escape sequence except SGR ones, which are copied through.
std::string strip_all_but_sgr(std::string_view text) {
    std::string out;
    std::size_t start = 0;
    std::size_t pos = text.find('\x1b');
    while (pos != std::string_view::npos) {
        const std::size_t length = sgr_length(text, pos);
        if (length == 0) {
            pos = text.find('\x1b', pos + 1);
            continue;
        }
        out += base::strip_terminal_escapes(text.substr(start, pos - start));
        out.append(text.substr(pos, length));
        start = pos + length;
        pos = text.find('\x1b', start);
    }
    out += base::strip_terminal_escapes(text.substr(start));
    return out;
}

void append_control_picture(std::string& out, unsigned char byte) {
    // U+2400 + byte for C0 controls, U+2421 for DEL.
    const unsigned char last = byte == 0x7f ? 0xa1 : static_cast<unsigned char>(0x80 + byte);
    out += '\xe2';
    out += '\x90';
    out += static_cast<char>(last);
}

} // namespace

std::string sanitize_for_terminal(std::string_view text, bool keep_colors) {
    const std::string utf8 = base::repair_utf8(text);
    const std::string clean = base::normalize_line_ends(
        keep_colors ? strip_all_but_sgr(utf8) : base::strip_terminal_escapes(utf8));
    std::string out;
    out.reserve(clean.size());
    for (std::size_t pos = 0; pos < clean.size(); ++pos) {
        const auto byte = static_cast<unsigned char>(clean[pos]);
        const bool kept_sgr = byte == 0x1b && keep_colors;
        if ((byte < 0x20 && byte != '\n' && byte != '\t' && !kept_sgr) || byte == 0x7f) {
            append_control_picture(out, byte);
        } else if (byte == 0xc2 && pos + 1 < clean.size() &&
                   static_cast<unsigned char>(clean[pos + 1]) < 0xa0) {
            // C1 controls (U+0080-U+009F) can act as CSI on some terminals.
            out += k_replacement;
            ++pos;
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

} // namespace ptest::reporter
