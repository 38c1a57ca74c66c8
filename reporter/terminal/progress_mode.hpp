// How `ptest run` shows its progress (`--show-progress`, after nextest's option of that name):
// which progress elements a run gets, decided once from the user's choice and the terminal.
// Two elements exist. The counter is `( 3/12)` in each finished test's status line. The live
// view is a bar redrawn in place on a smart terminal (elapsed time, a bar, done/total, the
// running count and the names of the running tests), and on anything else (a pipe, a CI log, a
// dumb terminal) a plain block of lines printed periodically; it never overprints there.
#pragma once

#include "reporter/events.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace ptest::reporter {

/// `--show-progress`, spelled as on the command line (`auto` is a keyword, hence `auto_`).
enum class ShowProgress {
    auto_,   ///< The default: the bar on a smart terminal, the periodic lines elsewhere.
    none,    ///< No progress at all.
    bar,     ///< The live view (the bar, or the periodic lines off a terminal).
    counter, ///< The counter in each status line, no live view.
    only,    ///< The bar, and successes hidden (status-level slow, final-status-level none)
             ///< unless the levels were given explicitly; off a terminal the same as `auto`.
};

/// Parse `auto`, `none`, `bar`, `counter` or `only`; empty for anything else.
std::optional<ShowProgress> parse_show_progress(std::string_view text);

/// The CLI spelling of `choice`.
std::string_view to_string(ShowProgress choice);

/// `--max-progress-running`: how many running tests the live view names
/// (`k_unlimited_progress_running`: all of them).
using MaxProgressRunning = std::uint32_t;

/// `--max-progress-running infinite`.
inline constexpr MaxProgressRunning k_unlimited_progress_running = UINT32_MAX;

/// Parse a count (`0` names none and drops the `... and N more` line) or `infinite`; empty
/// when `text` is neither.
std::optional<MaxProgressRunning> parse_max_progress_running(std::string_view text);

/// nextest's default for `--max-progress-running`.
inline constexpr std::uint32_t k_default_max_progress_running = 8;

/// The progress elements of a run, after resolving the choice against the terminal.
struct ProgressDisplay {
    bool counter = false;      ///< `( 3/12)` in each finished test's status line.
    bool bar = false;          ///< The live view redrawn in place (a smart terminal).
    bool periodic = false;     ///< The live view as plain lines every interval (no terminal).
    bool hide_success = false; ///< `only`: status-level slow and final-status-level none.
};

/// What `choice` shows on a smart terminal (`smart`) or elsewhere. With `no_capture`, the
/// tests write to the same terminal, so there is no live view (the counter stays).
ProgressDisplay resolve_progress(ShowProgress choice, bool smart, bool no_capture);

/// How often the periodic lines are printed off a terminal, unless PTEST_PROGRESS_INTERVAL
/// says otherwise.
inline constexpr Duration k_default_progress_interval = std::chrono::seconds(30);

} // namespace ptest::reporter
