// Parsing and printing of the `[profile.NAME.junit]` table (see junit_config.hpp).
#include "profiles/junit_config.hpp"

namespace ptest::profiles {

namespace {

// `text` as a TOML basic string, escaping what would end it early.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + '"';
}

} // namespace

std::string parse_junit_text(const toml::node& node, ParseContext& context, std::string_view path) {
    std::string text = context.expect_string(node, path);
    if (text.empty()) {
        context.fail(node, path, "expected a non-empty string");
    }
    return text;
}

std::string format_junit_value(const JunitConfig& config, std::string_view key) {
    if (key == "junit.path") {
        return config.path ? quoted(*config.path) : std::string("(none)");
    }
    if (key == "junit.report-name") {
        return quoted(config.report_name);
    }
    if (key == "junit.store-success-output") {
        return config.store_success_output ? "true" : "false";
    }
    if (key == "junit.store-failure-output") {
        return config.store_failure_output ? "true" : "false";
    }
    if (key == "junit.source-location") {
        return config.source_location ? "true" : "false";
    }
    return "?";
}

} // namespace ptest::profiles
