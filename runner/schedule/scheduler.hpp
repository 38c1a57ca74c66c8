// The Scheduler owns a run: it starts selected tests on N workers, retries failed attempts after
// their backoff, applies fail-fast, forwards cancellation and pause to running tests, and emits
// every event to the reporter sink. It runs entirely on one io_context thread.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/event_sink.hpp"
#include "runner/list/test_list.hpp"
#include "runner/process/child_reaper.hpp"
#include "runner/schedule/attempt.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ptest::runner {

/// One test the run will start (or refuse), in run order.
using PlannedTest = TestRef;

/// Settings of one run.
struct RunOptions {
    profiles::Profile profile;
    int test_threads = 1;
    int cpus = 1; ///< For `threads-required = "num-cpus"`.
    bool no_capture = false;
    std::string run_id;
    std::filesystem::path workspace_root;
    std::filesystem::path temp_dir;    ///< Per-run scratch (GoogleTest premature-exit files).
    std::vector<std::string> base_env; ///< ptest's environment, cleaned, as NAME=value.
};

/// Runs the planned tests. Create, `start()`, then run the io_context until it returns.
class Scheduler {
public:
    Scheduler(boost::asio::io_context& io, ChildReaper& reaper, reporter::EventSink& sink,
              RunOptions options, std::vector<PlannedTest> tests, std::vector<PlannedTest> skipped);

    /// Emit RunStarted and the skipped tests, then start as many tests as there are workers.
    void start();

    /// An interrupt arrived: the first cancels (forward `signal`, SIGKILL after the grace
    /// period), a second kills every running test at once.
    void interrupt(int signal);

    /// Ctrl-Z and fg: stop the tests and their timers, or continue them.
    void pause();
    void resume();

    /// Called once, after RunFinished was emitted.
    void on_finished(std::function<void()> callback) { m_on_finished = std::move(callback); }

    [[nodiscard]] const reporter::RunStats& stats() const noexcept { return m_stats; }
    [[nodiscard]] bool cancelled() const noexcept { return m_cancelled; }
    [[nodiscard]] std::uint32_t not_run() const noexcept { return m_not_run; }

private:
    struct TestState {
        PlannedTest planned;
        std::vector<reporter::AttemptResult> attempts;
        std::shared_ptr<Attempt> current;
        std::unique_ptr<boost::asio::steady_timer> retry_timer;
    };

    void fill_workers();
    void start_attempt(TestState& state);
    void on_attempt_done(TestState& state, reporter::AttemptResult result);
    void finish_test(TestState& state);
    void refuse(TestState& state);
    void count(const reporter::TestFinished& finished);
    void cancel_run(reporter::CancelReason reason, std::optional<int> signal);
    void maybe_finish_run();
    [[nodiscard]] reporter::Duration retry_delay(std::uint32_t failed_attempt) const;
    [[nodiscard]] AttemptSpec make_spec(const TestState& state, std::uint32_t attempt) const;
    [[nodiscard]] bool is_failure(const reporter::AttemptResult& result) const;

    boost::asio::io_context& m_io;
    ChildReaper& m_reaper;
    reporter::EventSink& m_sink;
    RunOptions m_options;
    std::vector<PlannedTest> m_skipped;
    /// Each binary's environment (ptest's, cleaned, plus its configured `env`), built once.
    std::unordered_map<const TestBinary*, std::vector<std::string>> m_binary_env;
    std::vector<std::unique_ptr<TestState>> m_tests;
    std::size_t m_next = 0;      ///< Index of the next test to start.
    std::uint32_t m_running = 0; ///< Tests holding a worker (running or waiting to retry).
    /// Worker slots in use: each test holds `threads-required` of the `test-threads` slots.
    int m_used_slots = 0;
    int m_slots_per_test = 1;
    std::uint32_t m_failures = 0; ///< Tests that failed for good (for fail-fast).
    std::uint32_t m_not_run = 0;
    std::uint32_t m_attempt_serial = 0;
    bool m_cancelled = false;
    bool m_killed = false;
    bool m_paused = false;
    bool m_finished = false;
    reporter::RunStats m_stats;
    reporter::WallClock::time_point m_start_wall;
    reporter::Clock::time_point m_start;
    std::function<void()> m_on_finished;
};

} // namespace ptest::runner
