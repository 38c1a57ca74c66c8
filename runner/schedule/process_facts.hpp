// What one finished test process showed, as a ProcessRun hands it to its owner: how it ended (or
// why it never started), what ptest did to it (terminated it at a deadline, forwarded a cancel),
// whether a descendant held its output past leak-timeout, its timing and everything it wrote. A
// one-case Attempt and a BatchAttempt each judge their process from these facts alone.
#pragma once

#include "base/captured_output.hpp"

#include "reporter/events.hpp"
#include "runner/process/exit_status.hpp"

#include <optional>
#include <string>

namespace ptest::runner {

/// Everything observed about one finished test process.
struct ProcessFacts {
    int exec_error = 0;              ///< errno when the process could not start.
    std::optional<ExitStatus> exit;  ///< How it ended, when it was reaped.
    bool timed_out = false;          ///< ptest terminated it when its owner's time ran out.
    std::optional<int> cancelled_by; ///< The signal ptest forwarded when the run was cancelled.
    bool leaked = false;             ///< Its stdout/stderr stayed open past leak-timeout.
    /// What it wrote to its report file; nullopt when it wrote none or was started without one.
    std::optional<std::string> report;
    base::CapturedOutput stdout_output;
    base::CapturedOutput stderr_output;
    reporter::WallClock::time_point start_time; ///< Calendar time of the launch.
    reporter::Duration duration{0}; ///< From launch to exit, time spent paused excluded.
};

} // namespace ptest::runner
