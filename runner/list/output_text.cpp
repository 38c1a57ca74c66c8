// Text helpers for reading framework output; see output_text.hpp.
#include "runner/list/output_text.hpp"

#include <charconv>

namespace ptest::runner {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line =
            text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = next;
    }
    return lines;
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view k_space = " \t\r\n";
    std::size_t first = text.find_first_not_of(k_space);
    if (first == std::string_view::npos) {
        return {};
    }
    std::size_t last = text.find_last_not_of(k_space);
    return text.substr(first, last - first + 1);
}

std::string to_lower_ascii(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lower;
}

std::optional<int> leading_int(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end == text.data()) {
        return std::nullopt;
    }
    return value;
}

std::optional<SourceLocationPrefix> split_location(std::string_view line, std::string_view suffix) {
    // The file name may itself contain `: `, so look for the last `:<digits>: <suffix>`.
    std::size_t search_end = line.size();
    while (search_end > 0) {
        std::size_t colon = line.rfind(": ", search_end - 1);
        if (colon == std::string_view::npos) {
            return std::nullopt;
        }
        std::string_view rest = line.substr(colon + 2);
        std::size_t digits_end = colon;
        std::size_t digits_start = digits_end;
        while (digits_start > 0 && line[digits_start - 1] >= '0' && line[digits_start - 1] <= '9') {
            --digits_start;
        }
        if (digits_start < digits_end && digits_start > 1 && line[digits_start - 1] == ':' &&
            rest.substr(0, suffix.size()) == suffix) {
            return SourceLocationPrefix{line.substr(0, colon), rest};
        }
        search_end = colon;
    }
    return std::nullopt;
}

std::string one_line(std::string_view text) {
    std::string line(trim(text));
    for (char& c : line) {
        if (c == '\t' || c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return line;
}

std::string join_blocks(const std::vector<std::vector<std::string_view>>& blocks,
                        std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (i > 0) {
            text += separator;
        }
        for (std::string_view line : blocks[i]) {
            text += line;
            text += '\n';
        }
    }
    return text;
}

} // namespace ptest::runner
