// The run's passes on the event loop (see run_driver.hpp).
#include "runner/cli/run_driver.hpp"

#include "runner/process/posix_launcher.hpp"
#include "runner/process/process_group.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/services/script_runner.hpp"

#include <optional>

namespace ptest::cli {

RunDriver::RunDriver(Session& session, reporter::EventSink& sink, runner::RunOptions options)
    : m_session(session), m_sink(sink), m_options(std::move(options)),
      m_status_key(session.io(), [this] { on_status(); }),
      m_signals(session.io(), runner::SignalCallbacks{
                                  [this](int signal) { on_interrupt(signal); },
                                  [this] {
                                      m_status_key.suspend();
                                      if (m_active != nullptr) {
                                          m_active->pause();
                                      }
                                  },
                                  [this] {
                                      m_status_key.resume();
                                      if (m_active != nullptr) {
                                          m_active->resume();
                                      }
                                  },
                                  [this] { on_status(); },
                              }) {}

void RunDriver::set_test_threads(int threads, int cpus) {
    m_options.test_threads = threads;
    m_options.cpus = cpus;
}

void RunDriver::set_plan(runner::PlannedRun plan) {
    m_planned = std::move(plan.tests);
    m_options.group_max_threads = std::move(plan.group_max_threads);
}

void RunDriver::order(const runner::Order& order, const runner::HistoryStore& history) {
    runner::order_tests(m_planned, order, &history);
    // A stress run repeats every test as its own process: batches are for ordinary runs.
    m_options.batches =
        runner::plan_run_batches(m_planned, &history, m_options.test_threads, m_options.no_capture);
    m_options.hint_batches = runner::plan_hint_batches(m_planned, &history, m_options.test_threads,
                                                       m_options.no_capture);
}

bool RunDriver::run(const StressPlan& plan) {
    if (!plan.active) {
        return run_pass().failed;
    }
    m_options.batches.clear();
    m_options.hint_batches.clear(); // Nor would a stress run batch.
    return run_stress(plan);
}

RunDriver::Pass RunDriver::run_pass() {
    runner::PosixLauncher launcher(m_session.io(), m_session.reaper());
    runner::SteadyLoopClock clock(m_session.io());
    m_options.partitioned = m_session.selection().partitioned;
    runner::Scheduler scheduler({m_session.io(), launcher, clock}, m_sink, m_options, m_planned,
                                m_session.selection().skipped);
    // Setup and teardown scripts run around the tests when a rule of the profile names any.
    std::optional<runner::ScriptRunner> scripts;
    const profiles::Profile& profile = m_options.profile;
    if (!profile.scripts.rules.empty()) {
        scripts.emplace(runner::ProcessLoop{m_session.io(), launcher, clock}, m_sink,
                        profile.scripts, m_planned,
                        runner::ScriptRunOptions{m_options.workspace_root, m_options.temp_dir,
                                                 m_options.base_env, profile.output_capture_limit,
                                                 profile.default_filter});
        scheduler.set_hooks(*scripts);
    }
    bool finished = false;
    scheduler.on_finished([&] {
        finished = true;
        m_session.io().stop();
    });
    const auto start = reporter::Clock::now();
    m_active = &scheduler;
    m_session.io().restart(); // The previous pass stopped the loop.
    scheduler.start();
    if (!finished) {
        m_session.io().run();
    }
    m_active = nullptr;
    m_setup_failed = m_setup_failed || scheduler.hooks_failed();
    m_teardown_failed = m_teardown_failed || (scripts && scripts->teardown_failed());
    Pass pass;
    pass.elapsed = reporter::Clock::now() - start;
    pass.cancelled = scheduler.cancelled();
    pass.failed =
        scheduler.cancelled() || scheduler.stats().any_failed() || scheduler.not_run() > 0;
    return pass;
}

bool RunDriver::run_stress(const StressPlan& plan) {
    const auto start = reporter::Clock::now();
    reporter::StressRunFinished summary{plan.limits};
    while (!m_signalled &&
           plan.more(summary.passed + summary.failed, reporter::Clock::now() - start)) {
        const std::uint64_t iteration = summary.passed + summary.failed + 1;
        m_sink.report(reporter::StressIterationStarted{plan.limits, iteration,
                                                       reporter::Clock::now() - start});
        const Pass pass = run_pass();
        (pass.failed ? summary.failed : summary.passed) += 1;
        m_sink.report(
            reporter::StressIterationFinished{plan.limits, iteration, pass.elapsed, pass.failed});
        // Like fail-fast within a run: a failing iteration ends the stress run unless the
        // profile runs everything (--no-fail-fast).
        if (pass.cancelled || (pass.failed && m_options.profile.fail_fast.max_fail)) {
            break;
        }
    }
    summary.elapsed = reporter::Clock::now() - start;
    m_sink.report(summary);
    return summary.failed > 0;
}

void RunDriver::on_status() {
    if (m_active != nullptr) {
        m_active->report_status();
    }
}

void RunDriver::on_interrupt(int signal) {
    if (m_active != nullptr) {
        m_signalled = true;
        m_active->interrupt(signal);
        return;
    }
    // While listing: stop the listings and give up. Kill without reaping, so the listing
    // commands see their children exit and the listing ends.
    m_listing_interrupt = true;
    runner::kill_all_children();
}

} // namespace ptest::cli
