// The progress settings of `ptest run`, read from the command line and the environment in the
// order the other settings use (the flag, else its `PTEST_*` variable, else the default):
// `--show-progress` / PTEST_SHOW_PROGRESS, `--max-progress-running` / PTEST_MAX_PROGRESS_RUNNING,
// and PTEST_PROGRESS_INTERVAL (how often the periodic lines are printed off a terminal; it has no
// flag). They are not profile keys: as in nextest, how progress looks is the user's choice, not
// the project's.
#pragma once

#include "profiles/overrides.hpp"
#include "reporter/terminal/terminal_reporter.hpp"

#include <string>

namespace ptest::cli {

struct RunArgs;

/// Parse `--show-progress`. Throws `ptest::Error` (usage) naming the valid values.
reporter::ShowProgress parse_show_progress(const std::string& text);

/// Parse `--max-progress-running`. Throws `ptest::Error` (usage) naming the valid values.
reporter::MaxProgressRunning parse_max_progress_running(const std::string& text);

/// The terminal reporter's options for `args`, with what the flags leave unset read through
/// `getenv`. An empty variable counts as unset; a bad value throws `ptest::Error` (usage) whose
/// message starts with the variable's name.
reporter::TerminalOptions terminal_options(const RunArgs& args, const profiles::GetEnv& getenv);

} // namespace ptest::cli
