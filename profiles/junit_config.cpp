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

ReportSkipped parse_report_skipped(const toml::node& node, ParseContext& context,
                                   std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] {
        return base::parse_enum(k_report_skipped, text, "report-skipped value");
    });
}

FlakyFailStatus parse_flaky_fail_status(const toml::node& node, ParseContext& context,
                                        std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] {
        return base::parse_enum(k_flaky_fail_statuses, text, "flaky-fail status");
    });
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
    if (key == "junit.report-skipped") {
        return quoted(std::string(base::enum_name(k_report_skipped, config.report_skipped)));
    }
    if (key == "junit.flaky-fail-status") {
        return quoted(
            std::string(base::enum_name(k_flaky_fail_statuses, config.flaky_fail_status)));
    }
    if (key == "junit.flaky-properties") {
        return config.flaky_properties ? "true" : "false";
    }
    return "?";
}

} // namespace ptest::profiles
