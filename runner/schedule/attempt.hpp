// One attempt of one test as an explicit state machine on the event loop: spawn, run (with
// slow-timeout periods and terminate-after), exit, wait for the output pipes to close (leak
// check), done. "Done" means the process was reaped and its pipes drained or given up on.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/events.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace ptest::runner {

/// Everything needed to run one attempt.
struct AttemptSpec {
    const TestBinary* binary = nullptr;
    const TestCase* test = nullptr;
    SpawnRequest request;
    std::uint32_t attempt = 1;
    std::uint32_t total_attempts = 1;
    profiles::SlowTimeout slow_timeout;
    std::optional<reporter::Duration> terminate_deadline; ///< Absolute limit (CTest TIMEOUT).
    profiles::LeakTimeout leak_timeout;
    std::uint64_t capture_limit = 4U << 20U;
    /// GoogleTest's TEST_PREMATURE_EXIT_FILE for this attempt, when the framework has one.
    std::optional<std::filesystem::path> premature_exit_file;
    bool verify_single_case = true;
};

/// Notifications from an attempt, all on the loop thread.
struct AttemptCallbacks {
    /// A slow-timeout period elapsed; `will_terminate` when this period ends the test.
    std::function<void(reporter::Duration elapsed, bool will_terminate)> on_slow;
    /// The attempt is done; called exactly once.
    std::function<void(reporter::AttemptResult result)> on_done;
};

/// The lifecycle of one attempt. Create with `std::make_shared`, then `start()`. Everything it
/// needs from the OS (the child, the time, timers) comes through `loop`, which must outlive it.
class Attempt : public std::enable_shared_from_this<Attempt> {
public:
    enum class State { spawning, running, terminating, exited, leak_check, done };

    Attempt(const ProcessLoop& loop, AttemptSpec spec, AttemptCallbacks callbacks);

    /// Launch the process and start watching it. An exec failure completes the attempt at once
    /// (through `on_done`, posted to the loop).
    void start();

    /// The run is being cancelled: forward `signal` to the test's group now, SIGKILL after
    /// `grace`. The attempt is reported as cancelled.
    void cancel(int signal, reporter::Duration grace);

    /// SIGKILL the test's process group now (a second interrupt).
    void kill();

    /// Stop (SIGSTOP) the test's group and freeze its timers, or continue them.
    void pause();
    void resume();

    [[nodiscard]] State state() const noexcept { return m_state; }
    [[nodiscard]] const AttemptSpec& spec() const noexcept { return m_spec; }

private:
    void arm_slow_timer();
    void on_slow_period();
    void terminate(int signal, reporter::Duration grace);
    void on_exit(ExitStatus status);
    void on_pipe_eof();
    void maybe_finish();
    void on_leak_timeout();
    void finish();
    void wait_for_leak_timeout();
    [[nodiscard]] reporter::Duration elapsed() const;

    ProcessLoop m_loop;
    AttemptSpec m_spec;
    AttemptCallbacks m_callbacks;
    State m_state = State::spawning;

    std::unique_ptr<ChildProcess> m_child; ///< Null until launched, and when it could not start.
    int m_exec_error = 0;
    int m_open_pipes = 0;
    std::optional<ExitStatus> m_exit;
    bool m_timed_out = false;
    bool m_leaked = false;
    bool m_paused = false;
    std::optional<int> m_cancelled_by;
    std::uint32_t m_slow_periods = 0;

    reporter::WallClock::time_point m_start_wall;
    reporter::Clock::time_point m_start;
    reporter::Clock::time_point m_end;
    reporter::Clock::time_point m_paused_at;
    reporter::Duration m_paused_total{0};
    reporter::Duration m_next_slow{0}; ///< Active (unpaused) time of the next slow period.

    /// Made on first use: most attempts never need a grace period or a leak check.
    std::unique_ptr<LoopTimer> m_slow_timer;
    std::unique_ptr<LoopTimer> m_grace_timer;
    std::unique_ptr<LoopTimer> m_leak_timer;
};

} // namespace ptest::runner
