// Compiler-style diagnostics for configuration files (see config_error.hpp).
#include "profiles/config_error.hpp"

#include "profiles/config.hpp"

namespace ptest::profiles {

std::string_view source_line(std::string_view text, std::uint32_t line) {
    if (line == 0) {
        return {};
    }
    std::size_t start = 0;
    for (std::uint32_t current = 1; current < line; ++current) {
        const std::size_t newline = text.find('\n', start);
        if (newline == std::string_view::npos) {
            return {};
        }
        start = newline + 1;
    }
    if (start >= text.size()) {
        return {};
    }
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
        end = text.size();
    }
    if (end > start && text[end - 1] == '\r') {
        --end;
    }
    return text.substr(start, end - start);
}

namespace {

// The caret line: one column per code point of `line` before `column`, keeping tabs as tabs.
std::string caret_under(std::string_view line, std::uint32_t column) {
    std::string caret;
    std::uint32_t current = 1;
    for (std::size_t i = 0; i < line.size() && current < column; ++i) {
        const auto byte = static_cast<unsigned char>(line[i]);
        // UTF-8 continuation bytes belong to the code point already counted.
        if ((byte & 0xC0U) == 0x80U) {
            continue;
        }
        caret += line[i] == '\t' ? '\t' : ' ';
        ++current;
    }
    while (current < column) {
        caret += ' ';
        ++current;
    }
    caret += '^';
    return caret;
}

} // namespace

namespace {

/// `format_source_diagnostic` with the offending line given instead of the whole text.
std::string format_with_line(std::string_view file, std::string_view context, std::uint32_t line,
                             std::uint32_t column, std::string_view message) {
    std::string out(file);
    if (line != 0) {
        out += ':' + std::to_string(line);
        if (column != 0) {
            out += ':' + std::to_string(column);
        }
    }
    out += ": ";
    out += message;
    if (!context.empty()) {
        out += '\n';
        out += context;
        if (column != 0) {
            out += '\n';
            out += caret_under(context, column);
        }
    }
    return out;
}

} // namespace

std::string format_source_diagnostic(std::string_view file, std::string_view text,
                                     std::uint32_t line, std::uint32_t column,
                                     std::string_view message) {
    return format_with_line(file, source_line(text, line), line, column, message);
}

Error value_error(const WrittenValue& value, std::string_view message) {
    return Error(ExitCode::setup_error,
                 format_with_line(value.where.file, value.source_line, value.where.line,
                                  value.where.column,
                                  "`" + value.key + "`: " + std::string(message)));
}

Error config_error(std::string_view file, std::string_view text, std::uint32_t line,
                   std::uint32_t column, std::string_view message) {
    return Error(ExitCode::setup_error,
                 format_source_diagnostic(file, text, line, column, message));
}

} // namespace ptest::profiles
