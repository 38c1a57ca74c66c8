// The CTest command-line helpers (see ctest_args.hpp).
#include "runner/frameworks/ctest_args.hpp"

namespace ptest::runner {

CommandMapping run_whole(std::string reason) {
    return {CTestMapping::command, "", std::move(reason)};
}

CommandMapping run_one_case(std::string name) {
    return {CTestMapping::one_case, std::move(name), ""};
}

CommandMapping expand_cases() {
    return {CTestMapping::expand, "", ""};
}

std::optional<std::string_view> option_value(std::string_view arg, std::string_view prefix) {
    if (arg.starts_with(prefix)) {
        return arg.substr(prefix.size());
    }
    return std::nullopt;
}

std::string remove_backslash_escapes(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
        }
        out += text[i];
    }
    return out;
}

bool has_unescaped(std::string_view text, char c) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == c) {
            return true;
        }
    }
    return false;
}

} // namespace ptest::runner
