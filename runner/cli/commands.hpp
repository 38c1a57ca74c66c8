// The subcommands' parsed arguments and entry points. Each returns the process exit code or
// throws `ptest::Error`; only `main` turns errors into messages.
#pragma once

#include "runner/cli/session.hpp"

#include <optional>
#include <string>

namespace ptest::cli {

/// `--no-tests`: what a run with no selected tests means.
enum class NoTests { fail, warn, pass };

struct RunArgs {
    CommonArgs common;
    ProfileArgs profile;
    bool no_capture = false;
    std::string no_tests = "fail";
    /// `--stress-count`: run the selected tests N times (`infinite`: until interrupted).
    std::optional<std::string> stress_count;
    /// `--stress-duration`: run the selected tests repeatedly until this much time has passed.
    std::optional<std::string> stress_duration;
    /// `--order`: duration (the default: history first), declared, or random:SEED.
    std::string order = "duration";
};

struct ListArgs {
    CommonArgs common;
    std::string message_format = "human";
};

struct ShowConfigArgs {
    CommonArgs common;
    std::string what;                ///< `defaults` or `profile`.
    std::optional<std::string> name; ///< The profile for `profile`.
};

int run_command(const RunArgs& args);
int list_command(const ListArgs& args);
int show_config_command(const ShowConfigArgs& args);

} // namespace ptest::cli
