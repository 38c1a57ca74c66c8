// Drives `ptest run` on the session's event loop: the signal handler that exists before the
// tests are listed (so an interrupt while listing stops the listings instead of killing ptest),
// then one pass over the planned tests, or as many as the stress plan asks for. Every pass and
// every stress iteration reaches the sink as events; the driver itself prints nothing.
#pragma once

#include "reporter/event_sink.hpp"
#include "runner/cli/session.hpp"
#include "runner/cli/stress_plan.hpp"
#include "runner/plan/order.hpp"
#include "runner/plan/run_batches.hpp"
#include "runner/plan/settings.hpp"
#include "runner/schedule/scheduler.hpp"
#include "runner/schedule/signals.hpp"
#include "runner/schedule/status_key.hpp"

#include <cstdint>
#include <vector>

namespace ptest::cli {

/// Runs the selected tests, as many times as the stress plan says. Owns the signal handler, so
/// that an interrupt reaches whichever iteration is running. Not copyable; single-threaded.
class RunDriver {
public:
    /// Report every event to `sink`; `session` and `sink` must outlive the driver.
    RunDriver(Session& session, reporter::EventSink& sink, runner::RunOptions options);
    RunDriver(const RunDriver&) = delete;
    RunDriver& operator=(const RunDriver&) = delete;

    /// How many tests run at once (resolved once the test list is known).
    void set_test_threads(int threads, int cpus);

    /// The tests to run, in list order, with their settings.
    void set_plan(runner::PlannedRun plan);

    /// Put the plan in `order` and choose its batches (`isolation = "batch"`), reading durations
    /// from `history`.
    void order(const runner::Order& order, const runner::HistoryStore& history);

    /// True when a signal arrived while the tests were being listed.
    [[nodiscard]] bool interrupted_while_listing() const noexcept { return m_listing_interrupt; }

    /// True when a setup script or its health check failed in some pass (no test of that pass
    /// ran), or a teardown script failed.
    [[nodiscard]] bool setup_failed() const noexcept { return m_setup_failed; }
    [[nodiscard]] bool teardown_failed() const noexcept { return m_teardown_failed; }

    /// Every pass `plan` asks for (one when it is not active), with stress events around each
    /// pass of a stress run. Returns true when any pass failed.
    bool run(const StressPlan& plan);

private:
    /// The outcome of one pass over the selected tests.
    struct Pass {
        bool failed = false;    ///< A test failed, timed out, was cancelled or never ran.
        bool cancelled = false; ///< Cancelled by a signal or by fail-fast.
        reporter::Duration elapsed{0};
    };

    Pass run_pass();
    bool run_stress(const StressPlan& plan);
    void on_interrupt(int signal);
    /// SIGUSR1 or the `t` key: the running pass reports what runs.
    void on_status();

    Session& m_session;
    reporter::EventSink& m_sink;
    runner::RunOptions m_options;
    std::vector<runner::PlannedTest> m_planned;
    runner::Scheduler* m_active = nullptr;
    bool m_signalled = false;
    bool m_listing_interrupt = false;
    bool m_setup_failed = false;
    bool m_teardown_failed = false;
    runner::StatusKey m_status_key;  ///< Reads `t` on a terminal; paused with the run.
    runner::SignalHandler m_signals; ///< Last: its callbacks use the members above.
};

} // namespace ptest::cli
