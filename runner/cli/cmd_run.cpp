// `ptest run`: list once, select, run on the event loop with the terminal and JUnit reporters
// (once, or repeatedly for `--stress-count` / `--stress-duration`), write the JUnit file
// atomically, and turn the run's outcome into nextest's exit code. The only place that builds
// concrete reporters, together with the other subcommands.
#include "base/atomic_file.hpp"
#include "base/error.hpp"

#include "profiles/duration.hpp"
#include "reporter/event_sink.hpp"
#include "reporter/junit/junit_report.hpp"
#include "reporter/terminal/color_choice.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/status_line.hpp"
#include "reporter/terminal/terminal_reporter.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/session.hpp"
#include "runner/history/history_recorder.hpp"
#include "runner/history/history_store.hpp"
#include "runner/plan/order.hpp"
#include "runner/plan/settings.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/process_group.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/schedule/scheduler.hpp"
#include "runner/schedule/signals.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdlib.h>

namespace ptest::cli {

namespace fs = std::filesystem;

namespace {

/// A per-run scratch directory, removed with everything in it when the run ends.
class ScratchDir {
public:
    ScratchDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern =
            std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ptest-XXXXXX";
        if (::mkdtemp(pattern.data()) != nullptr) {
            m_path = pattern;
        }
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        if (!m_path.empty()) {
            std::error_code ignored;
            fs::remove_all(m_path, ignored);
        }
    }
    [[nodiscard]] const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

/// Kills and reaps every process ptest started, however the run ends.
struct ChildrenGuard {
    ChildrenGuard() = default;
    ChildrenGuard(const ChildrenGuard&) = delete;
    ChildrenGuard& operator=(const ChildrenGuard&) = delete;
    ~ChildrenGuard() { runner::kill_and_reap_all_children(); }
};

NoTests parse_no_tests(const std::string& text) {
    if (text == "fail") {
        return NoTests::fail;
    }
    if (text == "warn") {
        return NoTests::warn;
    }
    if (text == "pass") {
        return NoTests::pass;
    }
    throw Error(ExitCode::usage,
                "invalid --no-tests value `" + text + "` (expected fail, warn or pass)");
}

/// How many times the selected tests run: once, N times, until interrupted, or until a deadline.
struct StressPlan {
    bool active = false;                        ///< A stress run (headers, per-iteration lines).
    std::optional<std::uint64_t> count = 1;     ///< Empty: no count limit.
    std::optional<reporter::Duration> duration; ///< Start no iteration after this much time.

    /// Whether iteration `done + 1` starts, `elapsed` after the first one started.
    [[nodiscard]] bool more(std::uint64_t done, reporter::Duration elapsed) const {
        if (count && done >= *count) {
            return false;
        }
        return !duration || elapsed < *duration;
    }
};

StressPlan parse_stress(const RunArgs& args) {
    StressPlan plan;
    if (args.stress_count) {
        plan.active = true;
        const std::string& text = *args.stress_count;
        if (text == "infinite") {
            plan.count.reset();
            return plan;
        }
        std::uint64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
            throw Error(ExitCode::usage, "invalid --stress-count value `" + text +
                                             "` (expected a positive integer or `infinite`)");
        }
        plan.count = value;
    }
    if (args.stress_duration) {
        plan.active = true;
        plan.count.reset();
        plan.duration = profiles::parse_duration(*args.stress_duration);
        if (plan.duration->count() <= 0) {
            throw Error(ExitCode::usage, "invalid --stress-duration value `" +
                                             *args.stress_duration + "` (expected more than 0s)");
        }
    }
    return plan;
}

std::string seconds_text(reporter::Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3fs", std::chrono::duration<double>(duration).count());
    return text;
}

/// `      STRESS 2/3 (1.204s elapsed so far, 2 iterations remaining)`.
std::string stress_header(const StressPlan& plan, std::uint64_t iteration,
                          reporter::Duration elapsed, bool color) {
    std::string line = reporter::aligned_word({"STRESS", reporter::Style::pass}, color) + " " +
                       std::to_string(iteration);
    if (plan.count) {
        line += "/" + std::to_string(*plan.count);
    }
    line += " (" + seconds_text(elapsed) + " elapsed so far";
    if (plan.count) {
        std::uint64_t left = *plan.count - iteration + 1;
        line +=
            ", " + std::to_string(left) + (left == 1 ? " iteration" : " iterations") + " remaining";
    } else if (plan.duration) {
        reporter::Duration left = *plan.duration - elapsed;
        line +=
            ", " +
            seconds_text(left < reporter::Duration::zero() ? reporter::Duration::zero() : left) +
            " remaining";
    }
    return line + ")";
}

/// The outcome of one pass over the selected tests.
struct IterationResult {
    bool failed = false;    ///< A test failed, timed out, was cancelled or never ran.
    bool cancelled = false; ///< Cancelled by a signal or by fail-fast.
    reporter::Duration elapsed{0};
    std::unique_ptr<reporter::JunitReport> junit;
};

/// Runs the selected tests on the loop, as many times as the stress plan says. Owns the signal
/// handler so that an interrupt reaches whichever iteration is running.
class RunDriver {
public:
    RunDriver(Session& session, const RunArgs& args, const profiles::Profile& profile,
              reporter::LinePrinter& printer, runner::RunOptions options,
              std::optional<fs::path> junit_path)
        : m_session(session), m_args(args), m_profile(profile), m_printer(printer),
          m_options(std::move(options)), m_junit_path(std::move(junit_path)),
          m_signals(session.io(), runner::SignalCallbacks{
                                      [this](int signal) { on_interrupt(signal); },
                                      [this] {
                                          if (m_active != nullptr) {
                                              m_active->pause();
                                          }
                                      },
                                      [this] {
                                          if (m_active != nullptr) {
                                              m_active->resume();
                                          }
                                      },
                                  }) {}

    /// How many tests run at once (resolved once the test list is known).
    void set_test_threads(int threads) {
        m_options.test_threads = threads;
        m_options.cpus = cpu_count();
    }

    /// The tests to run, in run order, with their settings.
    void set_plan(runner::PlannedRun plan) {
        m_planned = std::move(plan.tests);
        m_options.group_max_threads = std::move(plan.group_max_threads);
    }

    /// Puts the plan in `--order` order and records every finished test into `history`.
    void order_and_record(const runner::Order& order, runner::HistoryStore& history) {
        runner::order_tests(m_planned, order, &history);
        m_history.emplace(history);
    }

    /// True when a finished test was recorded into the history.
    [[nodiscard]] bool recorded_any() const noexcept {
        return m_history && m_history->recorded() > 0;
    }

    /// True when a signal arrived while the tests were being listed.
    [[nodiscard]] bool interrupted_while_listing() const noexcept { return m_listing_interrupt; }

    /// One pass over the selected tests with fresh reporters.
    IterationResult run_iteration() {
        const runner::Selection& selection = m_session.selection();
        reporter::TerminalReporter terminal(m_printer, m_profile, {m_args.no_capture});
        reporter::Fanout fanout;
        fanout.add(terminal);
        IterationResult result;
        if (m_junit_path) {
            result.junit = std::make_unique<reporter::JunitReport>(m_profile.junit, *m_junit_path);
            fanout.add(*result.junit);
        }
        if (m_history) {
            fanout.add(*m_history);
        }
        runner::PosixLauncher launcher(m_session.io(), m_session.reaper());
        runner::SteadyLoopClock clock(m_session.io());
        runner::Scheduler scheduler({m_session.io(), launcher, clock}, fanout, m_options, m_planned,
                                    selection.skipped);
        bool finished = false;
        scheduler.on_finished([&] {
            finished = true;
            m_session.io().stop();
        });
        auto start = reporter::Clock::now();
        m_active = &scheduler;
        m_session.io().restart(); // The previous iteration stopped the loop.
        scheduler.start();
        if (!finished) {
            m_session.io().run();
        }
        m_active = nullptr;
        result.elapsed = reporter::Clock::now() - start;
        result.cancelled = scheduler.cancelled();
        result.failed =
            scheduler.cancelled() || scheduler.stats().any_failed() || scheduler.not_run() > 0;
        return result;
    }

    /// Every iteration the plan asks for; returns the last one's result (with its JUnit report)
    /// and whether any iteration failed.
    IterationResult run_all(const StressPlan& plan, bool& any_failed) {
        any_failed = false;
        if (!plan.active) {
            IterationResult only = run_iteration();
            any_failed = only.failed;
            return only;
        }
        const bool color = m_printer.color();
        const auto start = reporter::Clock::now();
        std::uint64_t passed = 0;
        std::uint64_t failed = 0;
        IterationResult last;
        while (!m_signalled && plan.more(passed + failed, reporter::Clock::now() - start)) {
            std::uint64_t iteration = passed + failed + 1;
            m_printer.print_line(
                stress_header(plan, iteration, reporter::Clock::now() - start, color));
            last = run_iteration();
            (last.failed ? failed : passed) += 1;
            std::string line =
                reporter::aligned_word(
                    {"STRESS", last.failed ? reporter::Style::fail : reporter::Style::pass},
                    color) +
                " " + reporter::bracketed_duration(last.elapsed) + " iteration " +
                std::to_string(iteration) +
                (plan.count ? "/" + std::to_string(*plan.count) : std::string()) + ": " +
                (last.failed ? "failed" : "passed");
            m_printer.print_line(line);
            // Like fail-fast within a run: a failing iteration ends the stress run unless the
            // profile runs everything (--no-fail-fast).
            if (last.cancelled || (last.failed && m_profile.fail_fast.max_fail)) {
                break;
            }
        }
        any_failed = failed > 0;
        std::uint64_t run = passed + failed;
        std::string summary =
            reporter::aligned_word(
                {"STRESS", failed > 0 ? reporter::Style::fail : reporter::Style::pass}, color) +
            " " + reporter::bracketed_duration(reporter::Clock::now() - start) + " " +
            std::to_string(run);
        if (plan.count) {
            summary += "/" + std::to_string(*plan.count);
        }
        summary += (run == 1 && !plan.count ? " iteration run: " : " iterations run: ") +
                   std::to_string(passed) + " passed, " + std::to_string(failed) + " failed";
        m_printer.print_line(std::string(12, '-'));
        m_printer.print_line(summary);
        return last;
    }

private:
    void on_interrupt(int signal) {
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

    Session& m_session;
    const RunArgs& m_args;
    const profiles::Profile& m_profile;
    reporter::LinePrinter& m_printer;
    runner::RunOptions m_options;
    std::optional<fs::path> m_junit_path;
    std::vector<runner::PlannedTest> m_planned;
    std::optional<runner::HistoryRecorder> m_history;
    runner::Scheduler* m_active = nullptr;
    bool m_signalled = false;
    bool m_listing_interrupt = false;
    runner::SignalHandler m_signals; ///< Last: its callbacks use the members above.
};

} // namespace

int run_command(const RunArgs& args) {
    ChildrenGuard guard;
    runner::become_subreaper();
    NoTests no_tests = parse_no_tests(args.no_tests);
    StressPlan stress = parse_stress(args);
    runner::Order order = runner::parse_order(args.order);
    Session session(args.common, args.profile);
    profiles::Profile profile = session.profile();
    if (args.no_capture) {
        // Output goes straight to the terminal, so tests must not interleave.
        profile.test_threads = {profiles::ThreadCount::Kind::count, 1};
    }

    std::optional<fs::path> junit_path;
    if (profile.junit.path) {
        junit_path = reporter::resolve_junit_path(session.workspace_root(), *profile.junit.path);
        base::check_writable(*junit_path); // Before any test starts.
    }

    auto terminal_info = reporter::TerminalInfo::detect(stderr);
    auto color = reporter::parse_color_choice(args.common.color);
    if (!color) {
        throw Error(ExitCode::usage, "invalid --color value `" + args.common.color +
                                         "` (expected auto, always or never)");
    }
    reporter::LinePrinter printer =
        reporter::LinePrinter::for_stream(stderr, *color, terminal_info);

    ScratchDir scratch;
    runner::RunOptions options;
    options.profile = profile;
    options.no_capture = args.no_capture;
    options.run_id = session.run_id();
    options.workspace_root = session.workspace_root();
    options.temp_dir = scratch.path();
    options.base_env = session.base_env();

    // The driver (and its signal handler) exists before listing, so an interrupt while the
    // binaries are listed stops the listings instead of killing ptest.
    RunDriver driver(session, args, profile, printer, options, junit_path);
    try {
        session.list_and_select(args.common);
    } catch (const Error&) {
        if (!driver.interrupted_while_listing()) {
            throw;
        }
    }
    if (driver.interrupted_while_listing()) {
        throw Error(ExitCode::test_run_failed, "interrupted while listing tests");
    }
    if (!session.notes().empty()) {
        std::fprintf(stderr,
                     "ptest: note: %zu %s on the build tree's CTest tests (properties not "
                     "honoured, binaries run whole); `ptest list --build-dir` prints %s\n",
                     session.notes().size(), session.notes().size() == 1 ? "note" : "notes",
                     session.notes().size() == 1 ? "it" : "them");
    }
    const runner::Selection& selection = session.selection();
    if (selection.run.empty()) {
        stress = StressPlan{}; // Nothing to repeat: report the empty run once.
    }
    int threads = profiles::resolve_thread_count(profile.test_threads, cpu_count());
    driver.set_test_threads(threads);
    driver.set_plan(runner::plan_settings(selection.run, profile, cpu_count(), threads));
    // History only ever helps: a store that cannot be read or written is a warning.
    const fs::path history_file = runner::history_path(session.workspace_root());
    std::vector<std::string> history_warnings;
    runner::HistoryStore history = runner::HistoryStore::load(history_file, history_warnings);
    for (const std::string& warning : history_warnings) {
        std::fprintf(stderr, "ptest: warning: %s\n", warning.c_str());
    }
    driver.order_and_record(order, history);

    bool any_failed = false;
    IterationResult last = driver.run_all(stress, any_failed);

    int code = 0;
    if (last.junit) {
        try {
            last.junit->write();
            if (!last.junit->budget_warning().empty()) {
                std::fprintf(stderr, "ptest: warning: %s\n", last.junit->budget_warning().c_str());
            }
        } catch (const Error& error) {
            std::fprintf(stderr, "ptest: error: %s\n", error.what());
            code = static_cast<int>(ExitCode::write_output_error);
        }
    }
    if (driver.recorded_any()) {
        try {
            history.save(history_file);
        } catch (const Error& error) {
            std::fprintf(stderr, "ptest: warning: test history not saved: %s\n", error.what());
        }
    }
    if (code != 0) {
        return code;
    }
    if (any_failed) {
        return static_cast<int>(ExitCode::test_run_failed);
    }
    if (selection.run.empty()) {
        switch (no_tests) {
        case NoTests::fail:
            std::fprintf(stderr, "ptest: error: no tests to run (use --no-tests=pass or "
                                 "--no-tests=warn to allow this)\n");
            return static_cast<int>(ExitCode::no_tests_run);
        case NoTests::warn:
            std::fprintf(stderr, "ptest: warning: no tests to run\n");
            break;
        case NoTests::pass:
            break;
        }
    }
    return 0;
}

} // namespace ptest::cli
