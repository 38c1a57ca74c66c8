// Parsers of the enumerated command-line options (see option_values.hpp). The messages are the
// ones ptest has always printed for these options.
#include "runner/cli/option_values.hpp"

#include "base/error.hpp"

#include <utility>

namespace ptest::cli {

reporter::ColorChoice parse_color(const std::string& text) {
    if (std::optional<reporter::ColorChoice> choice = reporter::parse_color_choice(text)) {
        return *choice;
    }
    throw Error(ExitCode::usage,
                "invalid --color value `" + text + "` (expected auto, always or never)");
}

NoTests parse_no_tests(const std::string& text) {
    if (text == "fail") {
        return NoTests::fail;
    }
    if (text == "warn") {
        return NoTests::warn;
    }
    if (text == "pass") {
        return NoTests::pass;
    }
    throw Error(ExitCode::usage,
                "invalid --no-tests value `" + text + "` (expected fail, warn or pass)");
}

MessageFormat parse_message_format(const std::string& text) {
    if (text == "human") {
        return MessageFormat::human;
    }
    if (text == "json") {
        return MessageFormat::json;
    }
    throw Error(ExitCode::usage,
                "invalid --message-format `" + text + "` (expected human or json)");
}

RunMessageFormat parse_run_message_format(const std::string& text) {
    if (text == "human") {
        return RunMessageFormat::human;
    }
    if (text == "ndjson") {
        return RunMessageFormat::ndjson;
    }
    throw Error(ExitCode::usage,
                "invalid --message-format `" + text + "` (expected human or ndjson)");
}

ShowConfigTopic parse_show_config_topic(const std::string& text) {
    if (text == "defaults") {
        return ShowConfigTopic::defaults;
    }
    if (text == "profile") {
        return ShowConfigTopic::profile;
    }
    if (text == "test-groups") {
        return ShowConfigTopic::test_groups;
    }
    if (text == "profile-names") {
        return ShowConfigTopic::profile_names;
    }
    throw Error(ExitCode::usage, "unknown show-config topic `" + text +
                                     "` (expected defaults, profile NAME or test-groups)");
}

CLI::Validator checked_by(std::function<void(const std::string&)> parse) {
    return CLI::Validator(
        [parse = std::move(parse)](std::string& value) {
            parse(value);
            return std::string();
        },
        "", "");
}

} // namespace ptest::cli
