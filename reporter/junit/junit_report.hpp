// The JUnit aggregator: an `EventSink` that remembers every finished, skipped and (on cancel)
// interrupted test, then builds the report and publishes it atomically once the run is over.
// Suites follow `RunStarted::binary_ids` (test-list order); within a suite, test cases are
// ordered by the start time of their first attempt, ties and never-started (skipped) tests by
// name, which is deterministic for a given run.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/event_sink.hpp"
#include "reporter/junit/junit_document.hpp"
#include "reporter/junit/junit_outcome.hpp"
#include "reporter/junit/junit_scripts.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// `junit.report-skipped`: which tests that never ran are written as `<skipped>`.
using ReportSkipped = profiles::ReportSkipped;

/// `junit.flaky-fail-status`: how a flaky test is written when `flaky-result = "fail"`.
using FlakyFailStatus = profiles::FlakyFailStatus;

/// Report settings, with the contract's defaults; `junit_report_options` takes them from a
/// profile.
struct JunitReportOptions {
    ReportSkipped report_skipped = ReportSkipped::none;
    bool flaky_result_fail = false; ///< The profile's `flaky-result = "fail"`.
    FlakyFailStatus flaky_fail_status = FlakyFailStatus::failure;
    SizeBudget budget;
};

/// The options `profile` asks for: its `junit.report-skipped`, `junit.flaky-fail-status` and
/// `flaky-result`, with the default size budget.
[[nodiscard]] JunitReportOptions junit_report_options(const profiles::Profile& profile);

/// Resolves `junit.path` as the contract says: a relative path is joined onto the workspace root
/// (the folder holding `.config/`), an absolute path is used as it is.
[[nodiscard]] std::filesystem::path resolve_junit_path(const std::filesystem::path& workspace_root,
                                                       const std::string& configured);

/// Aggregates run events into a JUnit report. Single-threaded, like every `EventSink`.
class JunitReport final : public EventSink {
public:
    /// `output_path` is the resolved path (see `resolve_junit_path`).
    JunitReport(profiles::JunitConfig config, std::filesystem::path output_path,
                const JunitReportOptions& options = {});

    /// Records `RunStarted`, `TestStarted`, `TestFinished`, `TestSkipped`, `RunCancelling`,
    /// `RunFinished` and failed scripts (`ScriptFinished`, `ScriptHealthChecked`: the
    /// `@setup-scripts` suite, junit_scripts.hpp); ignores the rest. `RunStarted` starts the report
    /// afresh, so after a stress run it describes the last iteration. Never throws for ordinary
    /// events.
    void report(const Event& event) override;

    /// The report as data, every string sanitised and every field bounded to the field cap. Tests
    /// that started but never finished (a cancelled run) appear as cancelled.
    [[nodiscard]] JunitDocument build_document() const;

    /// The XML text, after the per-file size budget. Sets `budget_warning()` when over budget.
    [[nodiscard]] std::string to_xml();

    /// Writes the XML to the output path through an `AtomicFile`. Throws
    /// `ptest::Error(ExitCode::write_output_error)` naming the path and the OS error.
    void write();

    /// `write()`, once the run is over: its failure as an error (`write_output_error`, naming the
    /// path and the OS error), and `budget_warning()`, when set, as a warning.
    FinishResult finish() override;

    /// One line for the user when the report is over the per-file budget even at the smallest
    /// field cap (it is written anyway); empty otherwise.
    [[nodiscard]] const std::string& budget_warning() const noexcept { return m_budget_warning; }

    /// Where `write()` publishes the report.
    [[nodiscard]] const std::filesystem::path& output_path() const noexcept { return m_path; }

private:
    struct CaseRecord {
        std::vector<AttemptResult> attempts;
        std::optional<SkipReason> skip;
        std::optional<WallClock::time_point> started_at;
    };

    void on_run_started(const RunStarted& event);
    void on_cancelling(const RunCancelling& event);
    [[nodiscard]] bool wants_skipped(SkipReason reason) const;
    [[nodiscard]] JunitCase build_case(const TestId& id, const CaseRecord& record,
                                       WallClock::time_point run_end) const;
    /// A test whose last attempt passed: its main attempt, its earlier failed attempts as
    /// `flakyFailure`/`flakyError`, and for a flaky test the failure `flaky-result = "fail"` adds
    /// and the properties `junit.flaky-properties` asks for.
    void fill_passed(JunitCase& test_case, const TestId& id,
                     const std::vector<AttemptResult>& attempts) const;
    /// The `flakyFailure`/`rerunFailure` (or error) element of a failed attempt; `note`, when
    /// not empty, comes before the attempt's own message.
    [[nodiscard]] JunitElement attempt_element(const TestId& id, const AttemptResult& attempt,
                                               bool flaky, std::string_view note = {}) const;
    void store_output(JunitCase& test_case, const AttemptResult& attempt, bool success) const;
    [[nodiscard]] WallClock::time_point run_end() const;

    profiles::JunitConfig m_config;
    std::filesystem::path m_path;
    JunitReportOptions m_options;
    std::string m_run_id;
    WallClock::time_point m_start_time{};
    std::optional<Duration> m_elapsed;
    std::vector<std::string> m_binary_ids;
    OutcomeContext m_context;
    std::map<TestId, CaseRecord> m_cases;
    std::vector<ScriptFailure> m_script_failures; ///< Setup, health and teardown failures.
    std::string m_budget_warning;
};

} // namespace ptest::reporter
