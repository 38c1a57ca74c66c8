// The process seam as an interface: what the scheduler and the attempt state machine need from
// the operating system to run a test process. A launcher starts a child in its own process group
// and reports, as completions on the event loop, when each of its captured streams closes and
// when it exits; the child can then be signalled as a group, have its output given up on, and
// hand over what it wrote. Production runs PosixLauncher (posix_spawn, pipes, the SIGCHLD
// reaper); unit tests run a fake launcher with scripted children on a manual clock. ninja's
// CommandRunner over SubprocessSet has the same shape.
#pragma once

#include "base/captured_output.hpp"

#include "runner/process/exit_status.hpp"
#include "runner/process/loop_clock.hpp"
#include "runner/process/spawn.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ptest::runner {

/// What a launcher tells about one child, always on the loop thread and never from within
/// `ProcessLauncher::launch`.
struct ChildCallbacks {
    /// One captured stream reached EOF (every writer closed it) or was given up on by
    /// `ChildProcess::close_output()`. Called once for each of `captured_streams()`.
    std::function<void()> on_output_closed;
    /// The child exited (it was reaped); called once.
    std::function<void(ExitStatus)> on_exit;
};

/// A started child and its process group (the group outlives the child while a descendant in
/// it runs). Owned by whoever launched it; destroying it neither signals nor waits.
class ChildProcess {
public:
    ChildProcess() = default;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    virtual ~ChildProcess() = default;

    /// How many streams are captured: 2 (stdout and stderr), or 0 when the child inherited
    /// ptest's own.
    [[nodiscard]] virtual int captured_streams() const noexcept = 0;

    /// Send `signal` to the child's process group. Returns false when the group is gone.
    virtual bool signal_group(int signal) noexcept = 0;

    /// Stop reading every captured stream not yet at EOF and close ptest's end (a leaked
    /// descendant may hold the other). Calls `on_output_closed` for each, before returning.
    virtual void close_output() = 0;

    /// What the child wrote to stdout (or stderr) so far, bounded by the capture limit. Leaves
    /// that capture empty; empty when not capturing.
    virtual base::CapturedOutput take_stdout() = 0;
    virtual base::CapturedOutput take_stderr() = 0;

    /// What the child wrote to its report file (`SpawnRequest::report`), once it has exited;
    /// nullopt when it wrote nothing or was started without one.
    virtual std::optional<std::string> take_report() = 0;

    /// The child's pid (also its process group's id), for people asking what runs (status on
    /// demand); 0 when the launcher has no real process to show.
    [[nodiscard]] virtual int pid() const noexcept { return 0; }
};

/// The outcome of a launch: a child, or the errno that kept it from starting.
struct LaunchResult {
    std::unique_ptr<ChildProcess> child;
    int error = 0;
    [[nodiscard]] bool ok() const noexcept { return error == 0; }
};

/// Starts test processes. Single-threaded: call on the loop thread only.
class ProcessLauncher {
public:
    ProcessLauncher() = default;
    ProcessLauncher(const ProcessLauncher&) = delete;
    ProcessLauncher& operator=(const ProcessLauncher&) = delete;
    virtual ~ProcessLauncher() = default;

    /// Start `request` in a new process group, keeping at most `capture_limit` bytes of each
    /// captured stream (head and tail). Never throws because the child could not start: returns
    /// its errno instead, and then never calls `callbacks`.
    virtual LaunchResult launch(const SpawnRequest& request, std::uint64_t capture_limit,
                                ChildCallbacks callbacks) = 0;
};

/// Everything a run needs from outside ptest's own logic: the event loop its completions run on,
/// the launcher of its test processes and the loop's clock. Production passes the Asio loop,
/// PosixLauncher and SteadyLoopClock; unit tests the same loop with fakes. Refers, never owns.
struct ProcessLoop {
    boost::asio::io_context& io;
    ProcessLauncher& launcher;
    LoopClock& clock;
};

} // namespace ptest::runner
