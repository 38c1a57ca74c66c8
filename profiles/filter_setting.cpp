// Filter expressions in configuration files (see filter_setting.hpp).
#include "profiles/filter_setting.hpp"

#include "profiles/config_error.hpp"

#include <optional>

namespace ptest::profiles {

namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The byte index of 1-based code-point column `column` in `line`, if the line is that long.
std::optional<std::size_t> byte_of_column(std::string_view line, std::uint32_t column) {
    std::uint32_t current = 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (is_continuation(line[i])) {
            continue;
        }
        if (current == column) {
            return i;
        }
        ++current;
    }
    return std::nullopt;
}

// The column, in the file, of byte `offset` of the string value `text` written at `where`; empty
// when the string's source is not `text` itself between single quotes (escapes, multi-line).
std::optional<std::uint32_t> column_in_file(std::string_view source,
                                            const toml::source_region& where, std::string_view text,
                                            std::size_t offset) {
    const std::string_view line = source_line(source, where.begin.line);
    const std::optional<std::size_t> start = byte_of_column(line, where.begin.column);
    if (!start || (line[*start] != '"' && line[*start] != '\'')) {
        return std::nullopt;
    }
    const char quote = line[*start];
    const std::string_view raw = line.substr(*start + 1);
    if (raw.size() <= text.size() || raw.substr(0, text.size()) != text ||
        raw[text.size()] != quote || text.find(quote) != std::string_view::npos) {
        return std::nullopt;
    }
    std::uint32_t column = where.begin.column + 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (!is_continuation(text[i])) {
            ++column;
        }
    }
    return column;
}

} // namespace

Filterset parse_filter_setting(const toml::node& node, ParseContext& context, std::string_view path,
                               FiltersetKind kind) {
    const std::string text = context.expect_string(node, path);
    try {
        return Filterset::parse(text, kind);
    } catch (const FilterParseError& error) {
        const std::string prefix = "`" + std::string(path) + "`: ";
        toml::source_region where = node.source();
        if (const auto column = column_in_file(context.text(), where, text, error.offset())) {
            where.begin.column = *column;
            context.fail(where, prefix + "invalid filter expression: " + error.reason());
        }
        context.fail(where, prefix + error.what());
    }
}

std::string format_filter_setting(const Filterset& filter) {
    std::string out = "\"";
    for (const char c : filter.text()) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c == '\n' ? ' ' : c;
    }
    return out + '"';
}

} // namespace ptest::profiles
