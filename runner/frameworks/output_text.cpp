// Text helpers for reading framework output; see output_text.hpp.
#include "runner/frameworks/output_text.hpp"

namespace ptest::runner {

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
