// Implementation of the text pipeline of the JUnit contract (§4 steps 1–5). Every function works
// on bytes and produces a new string; nothing here knows about XML nodes or files.
#include "base/text_sanitizer.hpp"

#include <algorithm>

namespace ptest::base {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr char k_esc = '\x1B';
constexpr char k_bel = '\x07';
// Room kept for the marker line, so that a bounded field never exceeds its cap.
constexpr std::size_t k_marker_reserve = 64;

[[nodiscard]] unsigned byte_at(std::string_view text, std::size_t index) {
    return static_cast<unsigned char>(text[index]);
}

[[nodiscard]] bool is_continuation(unsigned byte) {
    return (byte & 0xC0U) == 0x80U;
}

/// Length of the sequence a lead byte starts and the valid range of the second byte, per the
/// Unicode table of well-formed UTF-8 byte sequences. Length 0: not a valid lead byte.
struct LeadInfo {
    std::size_t length = 0;
    unsigned low = 0x80;
    unsigned high = 0xBF;
};

[[nodiscard]] LeadInfo lead_info(unsigned lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
        return {2, 0x80, 0xBF};
    }
    if (lead == 0xE0) {
        return {3, 0xA0, 0xBF}; // Excludes overlong forms.
    }
    if (lead == 0xED) {
        return {3, 0x80, 0x9F}; // Excludes encoded surrogates.
    }
    if (lead >= 0xE1 && lead <= 0xEF) {
        return {3, 0x80, 0xBF};
    }
    if (lead == 0xF0) {
        return {4, 0x90, 0xBF};
    }
    if (lead >= 0xF1 && lead <= 0xF3) {
        return {4, 0x80, 0xBF};
    }
    if (lead == 0xF4) {
        return {4, 0x80, 0x8F}; // Excludes code points above U+10FFFF.
    }
    return {};
}

/// Consumes an escape sequence starting at `text[pos] == ESC` and returns the index after it.
[[nodiscard]] std::size_t skip_escape(std::string_view text, std::size_t pos) {
    const std::size_t size = text.size();
    std::size_t i = pos + 1;
    if (i >= size) {
        return i;
    }
    const char kind = text[i];
    if (kind == '[') {
        ++i;
        while (i < size && byte_at(text, i) >= 0x30 && byte_at(text, i) <= 0x3F) {
            ++i;
        }
        while (i < size && byte_at(text, i) >= 0x20 && byte_at(text, i) <= 0x2F) {
            ++i;
        }
        if (i < size && byte_at(text, i) >= 0x40 && byte_at(text, i) <= 0x7E) {
            ++i;
        }
        return i;
    }
    if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
        // A control string: ends with ESC \ (or BEL, for OSC only).
        for (std::size_t j = i + 1; j < size; ++j) {
            if (kind == ']' && text[j] == k_bel) {
                return j + 1;
            }
            if (text[j] == k_esc && j + 1 < size && text[j + 1] == '\\') {
                return j + 2;
            }
        }
        return i + 1; // Unterminated: drop only the introducer.
    }
    const unsigned byte = byte_at(text, i);
    if (byte >= 0x20 && byte <= 0x2F) {
        // nF escape: intermediates, then one final byte (for example ESC ( B).
        while (i < size && byte_at(text, i) >= 0x20 && byte_at(text, i) <= 0x2F) {
            ++i;
        }
        if (i < size && byte_at(text, i) >= 0x30 && byte_at(text, i) <= 0x7E) {
            ++i;
        }
        return i;
    }
    if (byte >= 0x30 && byte <= 0x7E) {
        return i + 1; // Two-byte ESC x.
    }
    return i; // A lone ESC before a control or non-ASCII byte: drop the ESC only.
}

/// The largest index `<= index` that starts a character in valid UTF-8 `text`.
[[nodiscard]] std::size_t boundary_before(std::string_view text, std::size_t index) {
    index = std::min(index, text.size());
    while (index > 0 && index < text.size() && is_continuation(byte_at(text, index))) {
        --index;
    }
    return index;
}

/// The smallest index `>= index` that starts a character in valid UTF-8 `text`.
[[nodiscard]] std::size_t boundary_after(std::string_view text, std::size_t index) {
    while (index < text.size() && is_continuation(byte_at(text, index))) {
        ++index;
    }
    return index;
}

/// Shortens `text` to end within `budget` bytes, after a line end if one is close to the cut.
/// Returns the number of bytes removed.
std::uint64_t cut_head(std::string& text, std::size_t budget) {
    if (text.size() <= budget) {
        return 0;
    }
    std::size_t end = boundary_before(text, budget);
    const std::size_t from = end > k_line_search ? end - k_line_search : 0;
    const std::size_t newline = std::string_view(text).substr(from, end - from).rfind('\n');
    if (newline != std::string_view::npos) {
        end = from + newline + 1;
    }
    const std::uint64_t removed = text.size() - end;
    text.resize(end);
    return removed;
}

/// Shortens `text` from the front to at most `budget` bytes, starting a line if one starts close
/// to the cut. Returns the number of bytes removed.
std::uint64_t cut_tail(std::string& text, std::size_t budget) {
    if (text.size() <= budget) {
        return 0;
    }
    std::size_t start = boundary_after(text, text.size() - budget);
    const std::size_t newline = std::string_view(text).substr(start, k_line_search).find('\n');
    if (newline != std::string_view::npos) {
        start = start + newline + 1;
    }
    text.erase(0, start);
    return start;
}

[[nodiscard]] BoundedText bound_parts(std::string head, std::uint64_t dropped, std::string tail,
                                      std::size_t cap) {
    if (dropped == 0 && head.size() + tail.size() <= cap) {
        return {head + tail, 0, {}};
    }
    const std::size_t available = cap > k_marker_reserve ? cap - k_marker_reserve : 0;
    std::size_t head_budget = available / 2;
    std::size_t tail_budget = available - head_budget;
    // A short side lends its unused budget to the other side.
    if (head.size() < head_budget) {
        tail_budget = available - head.size();
    } else if (tail.size() < tail_budget) {
        head_budget = available - tail.size();
    }
    dropped += cut_head(head, head_budget);
    dropped += cut_tail(tail, tail_budget);
    return {std::move(head), dropped, std::move(tail)};
}

} // namespace

std::string repair_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        const unsigned lead = byte_at(bytes, i);
        if (lead < 0x80) {
            out.push_back(bytes[i]);
            ++i;
            continue;
        }
        const LeadInfo info = lead_info(lead);
        if (info.length == 0) {
            out += k_replacement;
            ++i;
            continue;
        }
        // Count how many bytes form a valid prefix; a broken sequence is replaced as a whole
        // (its maximal subpart), and the byte that broke it is examined again.
        std::size_t valid = 1;
        while (valid < info.length && i + valid < bytes.size()) {
            const unsigned byte = byte_at(bytes, i + valid);
            const bool ok =
                valid == 1 ? (byte >= info.low && byte <= info.high) : is_continuation(byte);
            if (!ok) {
                break;
            }
            ++valid;
        }
        if (valid == info.length) {
            out.append(bytes.substr(i, valid));
        } else {
            out += k_replacement;
        }
        i += valid;
    }
    return out;
}

std::string strip_terminal_escapes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t esc = text.find(k_esc, i);
        if (esc == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, esc - i));
        i = skip_escape(text, esc);
    }
    return out;
}

std::string normalize_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            out.push_back(text[i]);
        } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
            out.push_back('\n'); // A lone CR; a CR before LF is dropped.
        }
    }
    return out;
}

std::string remove_forbidden_chars(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned byte = byte_at(text, i);
        if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) {
            ++i;
            continue;
        }
        if (byte == 0xC2 && i + 1 < text.size() && byte_at(text, i + 1) <= 0x9F) {
            i += 2; // U+0080–U+009F (C1 controls).
            continue;
        }
        if (byte == 0xEF && text.substr(i, 2) == "\xEF\xBF" && i + 2 < text.size() &&
            (byte_at(text, i + 2) == 0xBE || byte_at(text, i + 2) == 0xBF)) {
            i += 3; // U+FFFE, U+FFFF.
            continue;
        }
        out.push_back(text[i]);
        ++i;
    }
    return out;
}

std::string sanitize_text(std::string_view raw) {
    return remove_forbidden_chars(normalize_line_ends(strip_terminal_escapes(repair_utf8(raw))));
}

std::string BoundedText::str() const {
    if (dropped_bytes == 0) {
        return head + tail;
    }
    std::string out;
    out.reserve(size());
    out += head;
    if (!head.empty() && head.back() != '\n') {
        out.push_back('\n');
    }
    out += "[ptest: truncated " + std::to_string(dropped_bytes) + " bytes]\n";
    out += tail;
    return out;
}

std::size_t BoundedText::size() const {
    if (dropped_bytes == 0) {
        return head.size() + tail.size();
    }
    const std::size_t separator = !head.empty() && head.back() != '\n' ? 1 : 0;
    const std::size_t marker = std::string_view("[ptest: truncated  bytes]\n").size() +
                               std::to_string(dropped_bytes).size();
    return head.size() + separator + marker + tail.size();
}

BoundedText bound_text(std::string_view sanitized, std::size_t cap) {
    if (sanitized.size() <= cap) {
        return {std::string(sanitized), 0, {}};
    }
    const std::size_t middle = boundary_before(sanitized, sanitized.size() / 2);
    return bound_parts(std::string(sanitized.substr(0, middle)), 0,
                       std::string(sanitized.substr(middle)), cap);
}

BoundedText bound_text(const BoundedText& text, std::size_t cap) {
    if (text.dropped_bytes == 0) {
        return bound_text(text.head + text.tail, cap);
    }
    return bound_parts(text.head, text.dropped_bytes, text.tail, cap);
}

namespace {

/// `sanitize_output` with `clean` as the text's treatment (steps 1-4, or step 1 alone).
BoundedText bound_capture(const CapturedOutput& output, std::size_t cap,
                          std::string (*clean)(std::string_view)) {
    if (output.dropped_bytes == 0) {
        return bound_text(clean(output.text), cap);
    }
    const std::string_view text = output.text;
    const std::size_t cut = static_cast<std::size_t>(
        std::min<std::uint64_t>(output.head_bytes, static_cast<std::uint64_t>(text.size())));
    std::string_view head = text.substr(0, cut);
    std::string_view tail = text.substr(cut);
    std::uint64_t dropped = output.dropped_bytes;
    // A character split by the runner's cut is dropped on both sides rather than repaired.
    for (std::size_t back = 1; back <= 3 && back <= head.size(); ++back) {
        const unsigned byte = byte_at(head, head.size() - back);
        if (!is_continuation(byte)) {
            const std::size_t length = lead_info(byte).length;
            if (length > back) {
                dropped += back;
                head.remove_suffix(back);
            }
            break;
        }
    }
    while (!tail.empty() && is_continuation(byte_at(tail, 0))) {
        tail.remove_prefix(1);
        ++dropped;
    }
    return bound_parts(clean(head), dropped, clean(tail), cap);
}

} // namespace

BoundedText sanitize_output(const CapturedOutput& output, std::size_t cap) {
    return bound_capture(output, cap, sanitize_text);
}

BoundedText repair_output(const CapturedOutput& output, std::size_t cap) {
    return bound_capture(output, cap, repair_utf8);
}

std::string one_line(std::string_view raw, std::size_t cap) {
    const std::string text = sanitize_text(raw);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!space) {
            out.push_back(c);
        } else if (!out.empty() && out.back() != ' ') {
            out.push_back(' ');
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    if (out.size() <= cap) {
        return out;
    }
    constexpr std::string_view ellipsis = "\xE2\x80\xA6"; // U+2026
    std::size_t end = boundary_before(out, cap >= ellipsis.size() ? cap - ellipsis.size() : 0);
    while (end > 0 && out[end - 1] == ' ') {
        --end;
    }
    out.resize(end);
    out += ellipsis;
    return out;
}

} // namespace ptest::base
