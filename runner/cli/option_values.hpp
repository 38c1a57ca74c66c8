// The values of ptest's enumerated command-line options (`--color`, `--run-ignored`,
// `--no-tests`, `--order`, `--message-format`, the `show-config` topic): one parser per option,
// each throwing `ptest::Error` (usage) with the message that names the valid values. CLI11 runs
// them as validators while it parses the command line, so a bad value is refused on every
// subcommand that takes the option, before any work; the commands use them again to convert.
#pragma once

#include "reporter/terminal/color_choice.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace ptest::cli {

/// `--no-tests`: what a run with no selected tests means.
enum class NoTests { fail, warn, pass };

/// `--message-format` of `ptest list`.
enum class MessageFormat { human, json };

/// `--message-format` of `ptest run`: the human report only, or also the NDJSON event stream.
enum class RunMessageFormat { human, ndjson };

/// `show-config`'s topic. `profile_names` (`profile-names`) is the hidden query the shell
/// completions run to complete `--profile`: the workspace's profile names, one a line.
enum class ShowConfigTopic { defaults, profile, test_groups, profile_names };

/// Parse `--color`: `auto`, `always` or `never`. Throws `ptest::Error` (usage).
reporter::ColorChoice parse_color(const std::string& text);

/// Parse `--no-tests`: `fail`, `warn` or `pass`. Throws `ptest::Error` (usage).
NoTests parse_no_tests(const std::string& text);

/// Parse `--message-format`: `human` or `json`. Throws `ptest::Error` (usage).
MessageFormat parse_message_format(const std::string& text);

/// Parse `--message-format` of `ptest run`: `human` or `ndjson`. Throws `ptest::Error` (usage).
RunMessageFormat parse_run_message_format(const std::string& text);

/// Parse the `show-config` topic: `defaults`, `profile` or `test-groups` (or the hidden
/// `profile-names`). Throws `ptest::Error` (usage) naming the documented three.
ShowConfigTopic parse_show_config_topic(const std::string& text);

/// A CLI11 validator that runs `parse` on each value given. `parse` reports a bad value by
/// throwing `ptest::Error`, which leaves CLI11's parse unchanged, so `main` prints ptest's own
/// message (CLI11 would prefix the option's name).
CLI::Validator checked_by(std::function<void(const std::string&)> parse);

} // namespace ptest::cli
