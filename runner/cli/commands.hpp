// The subcommands' parsed arguments and entry points. Each entry point returns the process exit
// code or throws `ptest::Error`; `main` prints a thrown error and returns its code. A command
// prints the diagnostics of a run that did happen itself (a JUnit file that could not be
// written, a history that could not be saved), because the run's own exit code still counts.
#pragma once

#include "runner/cli/ctest_flags.hpp"
#include "runner/cli/option_values.hpp"
#include "runner/cli/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ptest::cli {

/// `ptest run`.
struct RunArgs {
    CommonArgs common;
    ProfileArgs profile;
    bool no_capture = false;
    std::string no_tests = "fail"; ///< `--no-tests`: see `parse_no_tests`.
    /// `--stress-count`: run the selected tests N times (`infinite`: until interrupted).
    std::optional<std::string> stress_count;
    /// `--stress-duration`: run the selected tests repeatedly until this much time has passed.
    std::optional<std::string> stress_duration;
    /// `--order`: duration (the default: history first), declared, or random:SEED.
    std::string order = "duration";
    CtestArgs ctest; ///< `-R`, `-L`, `--timeout`, `--output-on-failure`.
    /// `--message-format`: `human`, or `ndjson` for the event stream on stdout (see
    /// `parse_run_message_format`).
    std::string message_format = "human";
    /// `--trace FILE`: write a Chrome trace-event JSON file of the run there.
    std::optional<std::string> trace;

    // ---- Progress (progress_options.hpp) ----
    /// `--show-progress`: auto, none, bar, counter or only; empty: PTEST_SHOW_PROGRESS, or auto.
    std::optional<std::string> show_progress;
    /// `--max-progress-running`: N or infinite; empty: PTEST_MAX_PROGRESS_RUNNING, or 8.
    std::optional<std::string> max_progress_running;
    /// `--rerun-failed`: only the tests that failed or did not run in the last recorded run.
    bool rerun_failed = false;
};

/// `ptest list`.
struct ListArgs {
    CommonArgs common;
    std::string message_format = "human"; ///< See `parse_message_format`.
    CtestArgs ctest;                      ///< `-R`, `-L`.
};

/// `ptest show-config`.
struct ShowConfigArgs {
    CommonArgs common;
    std::string what;                ///< `defaults`, `profile` or `test-groups`.
    std::optional<std::string> name; ///< The profile for `profile`.
};

/// `ptest archive`.
struct ArchiveArgs {
    CommonArgs common;
    std::string output; ///< `--archive-file FILE`: the archive to write (`.tar.zst`).
};

/// Write the listed test binaries and what running them needs into one archive; 0.
int archive_command(const ArchiveArgs& args);

/// `ptest junit merge -o OUT FILE...`.
struct JunitArgs {
    std::string action;             ///< `merge`, the only one so far.
    std::string output;             ///< `-o`: where the merged report goes.
    std::vector<std::string> files; ///< The reports to merge, in order.
};

/// Run the selected tests; 0, or the exit code of a failed run.
int run_command(const RunArgs& args);
/// Print the selected tests; 0.
int list_command(const ListArgs& args);
/// Print the defaults, a resolved profile or the test groups; 0.
int show_config_command(const ShowConfigArgs& args);
/// Merge JUnit reports into one file; 0, or throws `ptest::Error`.
int junit_command(const JunitArgs& args);

} // namespace ptest::cli
