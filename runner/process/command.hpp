// Run a short helper command (a test listing, `ctest --show-only`) on the event loop: capture all
// of its output, kill its process group if it outlives a timeout, and report how it ended.
#pragma once

#include "runner/process/child_reaper.hpp"
#include "runner/process/spawn.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace ptest::runner {

/// How a command ended and what it printed.
struct CommandOutput {
    int exec_error = 0;     ///< errno when it could not start.
    bool timed_out = false; ///< Killed after the timeout.
    ExitStatus exit;        ///< Valid when it started.
    std::string stdout_text;
    std::string stderr_text;
    std::uint64_t stdout_dropped = 0; ///< Bytes beyond the capture limit (should be 0).
};

/// Start `request` and call `on_done` (on the loop) once it has exited and its pipes closed, or
/// it was killed after `timeout`. Output beyond `capture_limit` bytes per stream is dropped from
/// the middle.
void run_command(boost::asio::io_context& io, ChildReaper& reaper, const SpawnRequest& request,
                 std::chrono::nanoseconds timeout, std::uint64_t capture_limit,
                 std::function<void(CommandOutput)> on_done);

} // namespace ptest::runner
