// The configuration the summary suggests for cases that share state (see alone_hint.hpp).
#include "reporter/terminal/alone_hint.hpp"

#include "reporter/terminal/line_printer.hpp"

namespace ptest::reporter {

namespace {

/// `text` as a TOML basic string, quotes included.
std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

bool is_group_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/// A profile name as a TOML key: bare when it can be, else quoted.
std::string toml_key(std::string_view name) {
    bool bare = !name.empty();
    for (const char c : name) {
        bare = bare && is_group_char(c);
    }
    return bare ? std::string(name) : toml_string(name);
}

} // namespace

std::string serial_group_name(std::string_view binary_id) {
    std::string out = "serial-";
    for (const char c : binary_id) {
        out += is_group_char(c) ? c : '-';
    }
    return out;
}

std::vector<std::string> alone_hint_lines(const std::map<std::string, std::uint32_t>& alone_passes,
                                          std::string_view profile, bool color) {
    std::vector<std::string> lines;
    // One indented line of the snippet, from its parts.
    auto snippet = [&lines](std::initializer_list<std::string_view> parts) {
        std::string line = "      ";
        for (std::string_view part : parts) {
            line += part;
        }
        lines.push_back(std::move(line));
    };
    for (const auto& [binary_id, count] : alone_passes) {
        const std::string group = serial_group_name(binary_id);
        std::string note = paint("note", Style::skip, color);
        note += ": ";
        note += paint(std::to_string(count), Style::count, color);
        note += count == 1 ? " test of `" : " tests of `";
        note += paint(binary_id, Style::binary_id, color);
        note += "` failed beside other tests and passed alone: its cases share files or state.";
        lines.push_back(std::move(note));
        snippet({"Run them one at a time with a test group (in .config/ptest.toml):"});
        snippet({"  [test-groups.", group, "]"});
        snippet({"  max-threads = 1"});
        snippet({"  [[profile.", toml_key(profile), ".overrides]]"});
        std::string filter = "binary_id(=";
        filter += binary_id;
        filter += ')';
        snippet({"  filter = ", toml_string(filter)});
        snippet({"  test-group = ", toml_string(group)});
        snippet({"or run the binary whole, as ctest does:"});
        snippet({"  [ctest]"});
        snippet({"  run-whole = [", toml_string(binary_id), "]"});
    }
    return lines;
}

} // namespace ptest::reporter
