// JSON string escaping; invalid UTF-8 bytes become U+FFFD.
#include "runner/cli/json_writer.hpp"

#include <cstdio>

namespace ptest::cli {

namespace {

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char b = byte(i);
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (b < 0x80) {
        return 1;
    }
    if ((b & 0xE0U) == 0xC0U) {
        n = 2, min = 0x80, cp = b & 0x1FU;
    } else if ((b & 0xF0U) == 0xE0U) {
        n = 3, min = 0x800, cp = b & 0x0FU;
    } else if ((b & 0xF8U) == 0xF0U) {
        n = 4, min = 0x10000, cp = b & 0x07U;
    } else {
        return 0;
    }
    if (i + n > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0U) != 0x80U) {
            return 0;
        }
        cp = (cp << 6U) | (byte(i + k) & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

} // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                out += buffer;
            } else if (std::size_t n = utf8_length(text, i); n == 0) {
                out += "\xEF\xBF\xBD";
            } else {
                out.append(text.substr(i, n));
                i += n;
                continue;
            }
        }
        ++i;
    }
    out += '"';
    return out;
}

} // namespace ptest::cli
