// Parsing and printing of the `[profile.NAME.junit]` table (see junit_config.hpp).
#include "profiles/junit_config.hpp"

namespace ptest::profiles {

namespace {

std::string non_empty_string(const toml::node& node, ParseContext& context, std::string_view path) {
    std::string text = context.expect_string(node, path);
    if (text.empty()) {
        context.fail(node, path, "expected a non-empty string");
    }
    return text;
}

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

void parse_junit_config(const toml::node& node, ParseContext& context, std::string_view path,
                        ProfileLayer& layer) {
    const toml::table& table = context.expect_table(node, path);
    context.check_keys(table, path,
                       {"path", "report-name", "store-success-output", "store-failure-output"});
    for (const auto& [key, value] : table) {
        const std::string key_path = join_key(path, key.str());
        const std::string origin = context.origin(value.source());
        if (key == "path") {
            std::string text = non_empty_string(value, context, key_path);
            layer.assignments.push_back(
                {"junit.path", origin, [text](Profile& profile) { profile.junit.path = text; }});
        } else if (key == "report-name") {
            std::string text = non_empty_string(value, context, key_path);
            layer.assignments.push_back({"junit.report-name", origin, [text](Profile& profile) {
                                             profile.junit.report_name = text;
                                         }});
        } else if (key == "store-success-output") {
            const bool store = context.expect_bool(value, key_path);
            layer.assignments.push_back(
                {"junit.store-success-output", origin,
                 [store](Profile& profile) { profile.junit.store_success_output = store; }});
        } else if (key == "store-failure-output") {
            const bool store = context.expect_bool(value, key_path);
            layer.assignments.push_back(
                {"junit.store-failure-output", origin,
                 [store](Profile& profile) { profile.junit.store_failure_output = store; }});
        }
    }
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
    return "?";
}

} // namespace ptest::profiles
