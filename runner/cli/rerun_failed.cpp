// LastRun: `--rerun-failed` on top of the last run's record (see rerun_failed.hpp).
#include "runner/cli/rerun_failed.hpp"

#include "base/error.hpp"

#include "runner/cli/diagnostics.hpp"

#include <string>
#include <vector>

namespace ptest::cli {

namespace {

std::string tests_text(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " test" : " tests");
}

} // namespace

LastRun::LastRun(const Session& session, bool rerun_failed) : m_rerun(rerun_failed) {
    const std::optional<std::filesystem::path> history = session.history_file();
    if (!history) {
        if (rerun_failed) {
            throw Error(ExitCode::setup_error,
                        "--rerun-failed needs the last run, and a run records it only in a "
                        "workspace (.config/ptest.toml or --workspace) or with --build-dir");
        }
        return;
    }
    m_file = runner::last_run_path(*history, session.profile().name);
    std::vector<std::string> warnings;
    m_store = runner::LastRunStore::load(*m_file, warnings);
    for (const std::string& warning : warnings) {
        print_warning(warning);
    }
    if (rerun_failed && !m_store.recorded()) {
        throw Error(ExitCode::setup_error, "--rerun-failed: no recorded run of profile `" +
                                               session.profile().name + "` to re-run from (" +
                                               m_file->string() + "); run `ptest run` first");
    }
}

Session::SelectionStep LastRun::selection_step() {
    if (!m_rerun) {
        return {};
    }
    return [this](runner::Selection& selection) {
        m_counts = runner::keep_rerun_tests(selection, m_store);
        if (m_counts.kept > 0) {
            print_note("re-running " + tests_text(m_counts.kept) +
                       " that failed or did not run in the last run (" +
                       tests_text(m_counts.passed) + " that passed are skipped)");
        }
    };
}

int LastRun::exit_code(int code) const {
    if (!m_rerun || code != 0) {
        return code;
    }
    if (nothing_to_rerun()) {
        print_note("nothing to re-run: every selected test passed in the last run");
        return 0;
    }
    const std::size_t outstanding = m_store.outstanding().size();
    if (outstanding > 0) {
        print_note(tests_text(outstanding) + " outside this selection still failed or did not " +
                   "run; `ptest run --rerun-failed` without filters runs " +
                   (outstanding == 1 ? "it" : "them"));
        return static_cast<int>(ExitCode::rerun_tests_outstanding);
    }
    return code;
}

} // namespace ptest::cli
