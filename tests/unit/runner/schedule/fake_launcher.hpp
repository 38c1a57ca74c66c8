// The fake at the process seam: a ProcessLauncher whose children follow a script on a
// ManualClock instead of running. A scripted child writes its output, exits (or dies of a
// signal) after a given time, reacts to the signals sent to its group as a process would
// (terminating, ignoring, stopping, continuing) and may leave a descendant holding its output
// open. Every child is recorded with the request it was started with and the signals it got.
#pragma once

#include "manual_clock.hpp"

#include "runner/process/bounded_capture.hpp"
#include "runner/process/process_launcher.hpp"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ptest::runner::test_support {

/// What a fake child does. Times count from its start on the manual clock; time spent stopped
/// (SIGSTOP) does not count.
struct ChildScript {
    int start_error = 0;     ///< An errno: the child never starts.
    std::string stdout_text; ///< Written as it starts.
    std::string stderr_text; ///< Written as it starts.
    /// When it ends by itself; never when empty (it then runs until a signal ends it).
    std::optional<base::Duration> ends_after = base::Duration::zero();
    int exit_code = 0;             ///< How it ends by itself: this code,
    std::optional<int> dies_of;    ///< or killed by this signal (a crash).
    std::set<int> ignored_signals; ///< Signals it (and its descendant) ignore, e.g. SIGTERM.
    /// A descendant in its group keeps stdout and stderr open this long after the child ended
    /// (until SIGKILL to the group, or a signal it does not ignore, ends it first).
    std::optional<base::Duration> output_held_for;
    std::string late_stdout; ///< Written by that descendant as it lets go.
    /// What it writes to its report file when started with one (`SpawnRequest::report`).
    std::string report;
};

/// One child the fake launcher started (or failed to start), shared with the ChildProcess the
/// attempt owns so that the test can look at it afterwards. Loop thread only.
class FakeChild : public std::enable_shared_from_this<FakeChild> {
public:
    FakeChild(boost::asio::io_context& io, ManualClock& clock, SpawnRequest request,
              std::uint64_t capture_limit);

    /// The value of environment variable `name` in its request (`env` first, then `base_env`),
    /// or an empty string.
    [[nodiscard]] std::string env(const std::string& name) const;

    SpawnRequest request;            ///< As launched (base_env still points at the caller's).
    ChildScript script;              ///< As scripted.
    std::vector<int> signals;        ///< Every signal sent to its group, in order.
    base::Clock::time_point started; ///< Manual time of the launch.
    bool running = false;            ///< Started and not yet ended.
    bool stopped = false;            ///< Stopped by SIGSTOP and not continued.
    bool holder_running = false;     ///< Its descendant still holds the output.
    std::optional<ExitStatus> exit;  ///< How it ended, once it has.

private:
    friend class FakeChildProcess;
    friend class FakeLauncher;

    void start(ChildCallbacks callbacks);
    bool signal_group(int signal);
    void end(ExitStatus status);
    void holder_ends(bool write_late_output);
    void arm_end(base::Duration after);
    void close_streams(bool now);
    void report_closed();

    boost::asio::io_context& m_io;
    ManualClock& m_clock;
    ChildCallbacks m_callbacks;
    BoundedCapture m_stdout;
    BoundedCapture m_stderr;
    int m_open_streams = 0;
    int m_unreported_streams = 0;
    std::unique_ptr<LoopTimer> m_end_timer;
    std::unique_ptr<LoopTimer> m_holder_timer;
    base::Duration m_left_when_stopped{0};
    std::vector<int> m_held_signals; ///< Sent while stopped, delivered on SIGCONT.
};

/// Starts fake children. `script` decides what each does from its request and environment (by
/// default: it passes at once).
class FakeLauncher final : public ProcessLauncher {
public:
    FakeLauncher(boost::asio::io_context& io, ManualClock& clock) : m_io(io), m_clock(clock) {}

    LaunchResult launch(const SpawnRequest& request, std::uint64_t capture_limit,
                        ChildCallbacks callbacks) override;

    /// The loop, this launcher and the clock, for a Scheduler or an Attempt.
    ProcessLoop loop() { return {m_io, *this, m_clock}; }

    /// Chooses the script of each child (its `script` is not set yet).
    std::function<ChildScript(const FakeChild&)> script = [](const FakeChild&) {
        return ChildScript{};
    };

    /// Every child launched, in order.
    std::vector<std::shared_ptr<FakeChild>> children;

private:
    boost::asio::io_context& m_io;
    ManualClock& m_clock;
};

} // namespace ptest::runner::test_support
