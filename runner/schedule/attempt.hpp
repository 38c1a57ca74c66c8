// One attempt of one test: a ProcessRun (spawn, run, exit, leak check, done; see process_run.hpp)
// under the slow-timeout policy (slow periods, terminate-after, an absolute deadline), judged when
// done by the framework's verdict and the outcome rules into one AttemptResult. "Done" means the
// process was reaped and its pipes drained or given up on.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/events.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"
#include "runner/schedule/process_run.hpp"

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
class Attempt : public std::enable_shared_from_this<Attempt>, private ProcessRunOwner {
public:
    using State = ProcessRun::State;

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

    [[nodiscard]] State state() const noexcept { return m_run.state(); }
    [[nodiscard]] const AttemptSpec& spec() const noexcept { return m_spec; }
    /// The process's pid (0 when it has none) and its time so far without pauses, for status on
    /// demand.
    [[nodiscard]] int pid() const noexcept { return m_run.pid(); }
    [[nodiscard]] reporter::Duration elapsed() const { return m_run.elapsed(); }

private:
    void arm_slow_timer();
    /// The slow timer expired: a slow-timeout period ended or the absolute deadline came.
    void on_watchdog() override;
    /// Judge the finished process and report it through `on_done`.
    void on_process_done(ProcessFacts& facts) override;

    AttemptSpec m_spec;
    AttemptCallbacks m_callbacks;
    ProcessRun m_run; ///< The process itself; reports to this attempt as its owner.
    std::uint32_t m_slow_periods = 0;
    reporter::Duration m_next_slow{0}; ///< Active (unpaused) time of the next slow period.
};

} // namespace ptest::runner
