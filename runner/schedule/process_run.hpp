// The lifecycle of one test process, shared by the one-case Attempt and the BatchAttempt: spawn it
// through the launcher, terminate it (signal, grace period, SIGKILL), cancel, kill, pause and
// resume it (SIGSTOP/SIGCONT, paused time not counted), reap it, wait for its output pipes to close
// (the leak check under leak-timeout) and hand the facts and the captured streams to its owner. The
// owner keeps only its timer policy (slow-timeout periods, a batch deadline), run on the watchdog
// this class offers, and its judgement of the finished process. An owner holds its ProcessRun as
// a member, so the run costs no allocation of its own.
#pragma once

#include "reporter/events.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"
#include "runner/schedule/process_facts.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace ptest::runner {

/// What a ProcessRun tells the object that owns it, always on the loop thread.
class ProcessRunOwner {
public:
    ProcessRunOwner() = default;
    ProcessRunOwner(const ProcessRunOwner&) = delete;
    ProcessRunOwner& operator=(const ProcessRunOwner&) = delete;
    virtual ~ProcessRunOwner() = default;

    /// The watchdog armed with `ProcessRun::watch` expired (it never does once the process was
    /// terminated, paused, exited or finished, unless armed again since).
    virtual void on_watchdog() = 0;

    /// The process is done: reaped and its pipes drained or given up on, or it never started.
    /// Called exactly once, never from within `ProcessRun::start`. `facts` may be moved from.
    virtual void on_process_done(ProcessFacts& facts) = 0;
};

/// One test process from launch to done. Loop thread only. Not copyable or movable: the
/// completion handlers it registers point at it.
class ProcessRun {
public:
    /// `spawning -> running -> (terminating) -> exited -> (leak_check) -> done`; a process that
    /// cannot start goes from `spawning` straight to `done`.
    enum class State { spawning, running, terminating, exited, leak_check, done };

    /// A run on `loop` reporting to `owner`; both must outlive it (the owner usually holds it).
    ProcessRun(const ProcessLoop& loop, ProcessRunOwner& owner) : m_loop(loop), m_owner(owner) {}
    ProcessRun(const ProcessRun&) = delete;
    ProcessRun& operator=(const ProcessRun&) = delete;
    ~ProcessRun() = default;

    /// Launch `request`, keeping at most `capture_limit` bytes of each stream and waiting up to
    /// `leak_timeout` for its pipes to close after it exits. `self` is this run, owned along with
    /// its owner (the aliasing constructor of std::shared_ptr over the owner's own pointer): every
    /// completion handler keeps the owner alive through a copy of it. An exec failure completes
    /// the run at once (`on_process_done`, posted to the loop). Call once.
    void start(const std::shared_ptr<ProcessRun>& self, const SpawnRequest& request,
               std::uint64_t capture_limit, reporter::Duration leak_timeout);

    /// Arm the owner's watchdog to expire after `wait` (rearming it if pending). It is cancelled
    /// when the process is terminated, paused, exits or finishes; the owner arms it again after
    /// `resume` if its policy wants.
    void watch(reporter::Duration wait);

    /// The owner's time ran out: the facts say `timed_out`, and the process gets SIGTERM, then
    /// SIGKILL after `grace` (at once when `grace` is not positive).
    void time_out(reporter::Duration grace);

    /// The run is being cancelled: forward `signal` to the group now, SIGKILL after `grace`. The
    /// facts say `cancelled_by` unless the process had already timed out. During the leak check,
    /// give up on the output after `grace` at most instead of waiting out leak-timeout.
    void cancel(int signal, reporter::Duration grace);

    /// SIGKILL the group now (a second interrupt); during the leak check, give up at once.
    void kill();

    /// Stop (SIGSTOP) the group and freeze the elapsed time and the watchdog.
    void pause();

    /// Continue (SIGCONT) a paused group. Returns true when it was paused: the owner then
    /// re-arms its watchdog for the time left.
    bool resume();

    [[nodiscard]] State state() const noexcept { return m_state; }

    /// Time since the launch, without the time spent paused (frozen while paused).
    [[nodiscard]] reporter::Duration elapsed() const;

    /// The child's pid while it has one (`ChildProcess::pid`); 0 before the launch or when it
    /// could not start.
    [[nodiscard]] int pid() const noexcept { return m_child ? m_child->pid() : 0; }

private:
    void terminate(int signal, reporter::Duration grace);
    void on_exit(ExitStatus status);
    void on_pipe_eof();
    void maybe_finish();
    void wait_for_leak_timeout();
    void on_leak_timeout();
    void finish();

    ProcessLoop m_loop;
    ProcessRunOwner& m_owner;
    std::weak_ptr<ProcessRun> m_self; ///< Shares the owner's control block: no allocation.
    State m_state = State::spawning;

    std::unique_ptr<ChildProcess> m_child; ///< Null until launched, and when it could not start.
    int m_exec_error = 0;
    int m_open_pipes = 0;
    bool m_wants_report = false;
    bool m_timed_out = false;
    bool m_leaked = false;
    bool m_paused = false;
    std::optional<int> m_cancelled_by;
    std::optional<ExitStatus> m_exit;
    reporter::Duration m_leak_timeout{0};

    reporter::WallClock::time_point m_start_wall;
    reporter::Clock::time_point m_start;
    reporter::Clock::time_point m_end;
    reporter::Clock::time_point m_paused_at;
    reporter::Duration m_paused_total{0};

    /// Made on first use: most runs never need a grace period or a leak check.
    std::unique_ptr<LoopTimer> m_watchdog;
    std::unique_ptr<LoopTimer> m_grace_timer;
    std::unique_ptr<LoopTimer> m_leak_timer;
};

} // namespace ptest::runner
