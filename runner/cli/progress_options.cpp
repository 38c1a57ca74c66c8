// The progress settings of `ptest run` (see progress_options.hpp).
#include "runner/cli/progress_options.hpp"

#include "base/error.hpp"

#include "profiles/duration.hpp"
#include "runner/cli/commands.hpp"

#include <optional>

namespace ptest::cli {

namespace {

/// The flag's value, else the variable's (empty counts as unset), each parsed by `parse`; the
/// variable's errors name it.
template <typename T, typename Parse>
std::optional<T> flag_or_env(const std::optional<std::string>& flag, const std::string& variable,
                             const profiles::GetEnv& getenv, Parse parse) {
    if (flag) {
        return parse(*flag);
    }
    const std::optional<std::string> value = getenv(variable);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    try {
        return parse(*value);
    } catch (const Error& error) {
        throw Error(error.code(), variable + ": " + error.what());
    }
}

reporter::Duration parse_interval(const std::string& text) {
    return text == "0" ? reporter::Duration{0} : profiles::parse_duration(text);
}

} // namespace

reporter::ShowProgress parse_show_progress(const std::string& text) {
    if (std::optional<reporter::ShowProgress> choice = reporter::parse_show_progress(text)) {
        return *choice;
    }
    throw Error(ExitCode::usage, "invalid --show-progress value `" + text +
                                     "` (expected auto, none, bar, counter or only)");
}

reporter::MaxProgressRunning parse_max_progress_running(const std::string& text) {
    if (std::optional<reporter::MaxProgressRunning> max =
            reporter::parse_max_progress_running(text)) {
        return *max;
    }
    throw Error(ExitCode::usage, "invalid --max-progress-running value `" + text +
                                     "` (expected a number of tests or infinite)");
}

reporter::TerminalOptions terminal_options(const RunArgs& args, const profiles::GetEnv& getenv) {
    reporter::TerminalOptions options;
    options.no_capture = args.no_capture;
    options.show_progress = flag_or_env<reporter::ShowProgress>(
                                args.show_progress, "PTEST_SHOW_PROGRESS", getenv,
                                [](const std::string& text) { return parse_show_progress(text); })
                                .value_or(reporter::ShowProgress::auto_);
    options.max_running =
        flag_or_env<reporter::MaxProgressRunning>(
            args.max_progress_running, "PTEST_MAX_PROGRESS_RUNNING", getenv,
            [](const std::string& text) { return parse_max_progress_running(text); })
            .value_or(reporter::k_default_max_progress_running);
    options.progress_interval = flag_or_env<reporter::Duration>(
                                    std::nullopt, "PTEST_PROGRESS_INTERVAL", getenv, parse_interval)
                                    .value_or(reporter::k_default_progress_interval);
    return options;
}

} // namespace ptest::cli
