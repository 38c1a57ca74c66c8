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
    const std::string indent = "      ";
    for (const auto& [binary_id, count] : alone_passes) {
        const std::string group = serial_group_name(binary_id);
        lines.push_back(paint("note", Style::skip, color) + ": " +
                        paint(std::to_string(count), Style::count, color) +
                        (count == 1 ? " test of `" : " tests of `") +
                        paint(binary_id, Style::binary_id, color) +
                        "` failed beside other tests and passed alone: its cases share files or "
                        "state.");
        lines.push_back(indent +
                        "Run them one at a time with a test group (in .config/ptest.toml):");
        lines.push_back(indent + "  [test-groups." + group + "]");
        lines.push_back(indent + "  max-threads = 1");
        lines.push_back(indent + "  [[profile." + toml_key(profile) + ".overrides]]");
        lines.push_back(indent + "  filter = " + toml_string("binary_id(=" + binary_id + ")"));
        lines.push_back(indent + "  test-group = " + toml_string(group));
        lines.push_back(indent + "or run the binary whole, as ctest does:");
        lines.push_back(indent + "  [ctest]");
        lines.push_back(indent + "  run-whole = [" + toml_string(binary_id) + "]");
    }
    return lines;
}

} // namespace ptest::reporter
