// `ptest run --rerun-failed`, and the record every run leaves for it: the last run's outcomes
// of the session's profile (runner/history/last_run), loaded before the tests are selected,
// narrowing the selection to the tests that failed or did not run, and deciding the exit code
// of a re-run that has nothing left to do or leaves tests outside its selection outstanding.
#pragma once

#include "runner/cli/session.hpp"
#include "runner/history/last_run.hpp"

#include <filesystem>
#include <optional>

namespace ptest::cli {

/// The last run of a session's profile, for recording this run and for `--rerun-failed`.
class LastRun {
public:
    /// Loads the last run of `session`'s profile when the session keeps a history (warnings go
    /// to stderr). With `rerun_failed`, throws `ptest::Error(ExitCode::setup_error)` when there
    /// is no recorded run to re-run from (no history, or no run of this profile yet).
    LastRun(const Session& session, bool rerun_failed);

    /// The step that narrows the selection to the tests to re-run (and says how many), or an
    /// empty step without `--rerun-failed`.
    [[nodiscard]] Session::SelectionStep selection_step();

    /// The store to record this run into and where to save it; null when the session keeps no
    /// history.
    [[nodiscard]] runner::LastRunStore* store() { return m_file ? &m_store : nullptr; }
    [[nodiscard]] const std::filesystem::path& file() const { return *m_file; }

    /// With `--rerun-failed`: the selection held tests, and every one of them passed last time.
    [[nodiscard]] bool nothing_to_rerun() const {
        return m_rerun && m_counts.kept == 0 && m_counts.passed > 0;
    }

    /// The exit code of a run whose outputs were written and which would exit with `code`: with
    /// `--rerun-failed`, a re-run with nothing to do says so and exits 0, and a passing one that
    /// leaves outstanding tests outside its selection says how many and exits
    /// `rerun_tests_outstanding` (5). Call after the sinks are finished (the store is updated).
    [[nodiscard]] int exit_code(int code) const;

private:
    std::optional<std::filesystem::path> m_file;
    runner::LastRunStore m_store;
    bool m_rerun = false;
    runner::RerunSelection m_counts;
};

} // namespace ptest::cli
