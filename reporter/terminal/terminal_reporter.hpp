// The human report on stderr, in cargo-nextest's shape: a `Starting` line, one status line per
// finished test (filtered by `status-level`), captured output under failures (by
// `failure-output` / `success-output`), retry, slow and cancel lines, and at the end a summary,
// the closing list (filtered by `final-status-level`) and a warning about tests that never ran;
// for a stress run, a header and a verdict around each iteration and a closing count.
// It consumes run events and prints through a LinePrinter; it keeps only what the closing list
// needs.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/event_sink.hpp"
#include "reporter/slowest_tests.hpp"
#include "reporter/terminal/final_summary.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/status_line.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ptest::reporter {

/// Reporter options that do not come from the profile.
struct TerminalOptions {
    /// `--no-capture`: tests write straight to the terminal, run one at a time. The reporter
    /// then prints a `START` line per test, shows every result (status level at least `pass`)
    /// and never prints captured output (there is none).
    bool no_capture = false;
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
    void update_progress();

    LinePrinter& m_printer;
    profiles::StatusLevel m_status_level;
    profiles::FinalStatusLevel m_final_status_level;
    profiles::TestOutputDisplay m_failure_output;
    profiles::TestOutputDisplay m_success_output;
    TerminalOptions m_options;

    CancelState m_cancel = CancelState::none;
    std::vector<FinalEntry> m_final_entries;

    // Progress-line state.
    WallClock::time_point m_start_time;
    std::uint32_t m_test_count = 0;
    std::uint32_t m_finished = 0;
    std::uint32_t m_running = 0;
    bool m_any_failed = false;
    bool m_progress_active = false;

    // For the note on cases that passed only alone (alone_hint.hpp).
    std::string m_profile_name;
    std::map<std::string, std::uint32_t> m_alone_passes; ///< Binary id -> such tests.

    // For the slowest tests after the summary (`show-slowest`; empty when it is 0).
    std::uint32_t m_show_slowest = 0;
    std::vector<TestTime> m_test_times;
};

} // namespace ptest::reporter
