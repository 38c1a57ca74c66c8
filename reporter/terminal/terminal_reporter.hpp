// The human report on stderr, in cargo-nextest's shape: a `Starting` line, one status line per
// finished test (filtered by `status-level`), captured output under failures (by
// `failure-output` / `success-output`), retry, slow and cancel lines, and at the end a summary,
// the closing list (filtered by `final-status-level`) and a warning about tests that never ran;
// for a stress run, a header and a verdict around each iteration and a closing count.
// It consumes run events and prints through a LinePrinter; it keeps only what the closing list
// and the live progress view (`--show-progress`, progress_mode.hpp) need.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/event_sink.hpp"
#include "reporter/slowest_tests.hpp"
#include "reporter/terminal/final_summary.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/progress_lines.hpp"
#include "reporter/terminal/progress_mode.hpp"
#include "reporter/terminal/running_tests.hpp"
#include "reporter/terminal/status_line.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// Reporter options that do not come from the profile.
struct TerminalOptions {
    /// `--no-capture`: tests write straight to the terminal, run one at a time. The reporter
    /// then prints a `START` line per test, shows every result (status level at least `pass`)
    /// and never prints captured output (there is none).
    bool no_capture = false;

    // ---- Progress (`--show-progress`, progress_mode.hpp) ----
    /// What progress to show; resolved against the printer's smartness.
    ShowProgress show_progress = ShowProgress::auto_;
    /// How many running tests the live view names (`--max-progress-running`).
    MaxProgressRunning max_running = k_default_max_progress_running;
    /// Off a terminal, how long between two blocks of periodic progress lines
    /// (PTEST_PROGRESS_INTERVAL); 0 prints one after every event, which tests use.
    Duration progress_interval = k_default_progress_interval;
    /// The clock the progress view measures elapsed times with; empty: the wall clock.
    std::function<WallClock::time_point()> now = {};
};

/// Writes the human report for one run. Not thread-safe: call `report` from the event loop.
class TerminalReporter final : public EventSink {
public:
    /// Report through `printer`, which must outlive the reporter, with the display settings of
    /// `profile` (`status-level`, `final-status-level`, `failure-output`, `success-output`).
    TerminalReporter(LinePrinter& printer, const profiles::Profile& profile,
                     TerminalOptions options = {});

    /// Print what `event` calls for and update the progress line on a smart terminal. Each
    /// `RunStarted` starts the report of a run afresh (a stress run has one per iteration).
    void report(const Event& event) override;

    /// A failed write to the terminal, as an error (`write_output_error`) with the OS's reason:
    /// the report the user relies on is incomplete.
    FinishResult finish() override;

    /// Time passed without an event: redraw the bar (its clocks move on) or print the periodic
    /// lines when they are due. Call every `tick_period()` from the event loop.
    void tick();

    /// How often `tick` should be called; empty when this report has no live view.
    [[nodiscard]] std::optional<Duration> tick_period() const;

private:
    void on_event(const RunStarted& event);
    void on_event(const TestStarted& event);
    void on_event(const TestSlow& event);
    void on_event(const TestAttemptFailedWillRetry& event);
    void on_event(const TestRetryStarted& event);
    void on_event(const TestFinished& event);
    void on_event(const TestSkipped& event);
    void on_event(const RunCancelling& event);
    void on_event(const RunPaused& event);
    void on_event(const RunContinued& event);
    void on_event(const RunFinished& event);
    void on_event(const StressIterationStarted& event);
    void on_event(const StressIterationFinished& event);
    void on_event(const StressRunFinished& event);
    void on_event(const ScriptStarted& event);
    void on_event(const ScriptFinished& event);
    void on_event(const ScriptHealthChecked& event);
    // A batch says nothing to people: its cases' own lines follow, and the summary counts them.
    void on_event(const BatchStarted& /*event*/) {}
    void on_event(const BatchFinished& event);
    void on_event(const RunStatus& event);

    /// The detail lines under a status line: the reason or skip message, then where a failed
    /// case is declared.
    void print_detail(const AttemptResult& result);
    /// The detail line of a test re-run alone: why it is flaky, or that it failed alone too.
    void print_alone_detail(const TestFinished& finished);
    /// Redraw the bar, or print the periodic lines when they are due (progress_mode.hpp).
    void update_progress();
    /// The progress view's state now.
    [[nodiscard]] ProgressSnapshot snapshot() const;
    /// `bracket` followed by the counter column: `( 3/12)` for the `index`-th finished test, or
    /// as many blanks for another line of a test (index 0); `bracket` alone without a counter.
    [[nodiscard]] std::string with_counter(std::string bracket, std::uint32_t index = 0) const;

    LinePrinter& m_printer;
    profiles::StatusLevel m_status_level;
    profiles::FinalStatusLevel m_final_status_level;
    profiles::TestOutputDisplay m_failure_output;
    profiles::TestOutputDisplay m_success_output;
    TerminalOptions m_options;

    CancelState m_cancel = CancelState::none;
    std::vector<FinalEntry> m_final_entries;

    // Progress state.
    ProgressDisplay m_display;
    std::function<WallClock::time_point()> m_now;
    WallClock::time_point m_start_time;
    std::uint32_t m_test_count = 0;
    std::uint32_t m_finished = 0;
    std::uint32_t m_running = 0;
    std::uint32_t m_passed = 0;
    std::uint32_t m_failed = 0;
    bool m_progress_active = false;
    RunningTests m_running_tests;
    WallClock::time_point m_next_periodic;    ///< When the periodic lines are due next.
    std::vector<std::string> m_last_periodic; ///< The periodic lines printed last.
    profiles::ScriptsConfig m_scripts; ///< The run's scripts, for whether one passes output on.
    /// A script runs whose output goes straight to the terminal: no progress meanwhile.
    bool m_script_passthrough = false;

    // For the note on cases that passed only alone (alone_hint.hpp).
    std::string m_profile_name;
    std::map<std::string, std::uint32_t> m_alone_passes; ///< Binary id -> such tests.

    // For the slowest tests after the summary (`show-slowest`; empty when it is 0).
    std::uint32_t m_show_slowest = 0;
    std::vector<TestTime> m_test_times;
};

} // namespace ptest::reporter
