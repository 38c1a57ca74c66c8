// Parsing a setup script's env file (see env_file.hpp).
#include "runner/services/env_file.hpp"

#include <cctype>

namespace ptest::runner {

namespace {

bool is_variable_name(std::string_view name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
        return false;
    }
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
            return false;
        }
    }
    return true;
}

/// The line as shown in a message: at most 60 bytes of it.
std::string shown(std::string_view line) {
    constexpr std::size_t k_max = 60;
    return line.size() <= k_max ? std::string(line) : std::string(line.substr(0, k_max)) + "...";
}

} // namespace

EnvFile parse_env_file(std::string_view text) {
    EnvFile file;
    std::size_t number = 0;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            continue;
        }
        const std::string prefix = "line " + std::to_string(number) + ": ";
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            file.error = prefix + "\"" + shown(line) + "\" is not KEY=VALUE";
            return file;
        }
        const std::string_view key = line.substr(0, equals);
        if (!is_variable_name(key)) {
            file.error = prefix + "\"" + shown(key) + "\" is not a variable name";
            return file;
        }
        if (key.starts_with("PTEST") || key.starts_with("NEXTEST")) {
            file.error = prefix + std::string(key) +
                         ": variables starting with PTEST or NEXTEST are reserved for ptest";
            return file;
        }
        file.variables.emplace_back(std::string(key), std::string(line.substr(equals + 1)));
    }
    return file;
}

} // namespace ptest::runner
