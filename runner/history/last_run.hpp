// The last run's outcomes, for `ptest run --rerun-failed` (nextest's `run -R latest`): for each
// test of a profile, whether it passed, failed, or was selected and did not run (fail-fast, a
// cancel, a setup script that failed) the last time a run selected it. A run updates the tests it
// selected and carries every other test's status forward, so a re-run of a few tests still knows
// which others failed before. Kept per profile beside the duration history
// (`last-run-<profile>.tsv`); a missing or corrupt file is a warning, never a failed run.
#pragma once

#include "reporter/event_sink.hpp"
#include "runner/list/selection.hpp"
#include "runner/model/test_list.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptest::runner {

/// How a test ended the last time a run selected it.
enum class LastOutcome {
    passed,  ///< Passed (flaky passes, leaky passes and tests that skipped themselves included).
    failed,  ///< Failed, timed out, crashed, could not start, or its listing failed.
    not_run, ///< Selected, but the run ended before it finished (fail-fast, cancel, setup).
};

/// The last recorded outcome of every test of one profile. Not thread-safe.
class LastRunStore {
public:
    /// Reads `file`. A missing file is an empty store that `recorded()` says is not one; a file
    /// that cannot be read or is not a last-run file is an empty one plus a line in `warnings`;
    /// malformed lines are dropped (one warning). Never throws for the file's content.
    static LastRunStore load(const std::filesystem::path& file, std::vector<std::string>& warnings);

    /// True when the store was read from a file: a run of this profile was recorded.
    [[nodiscard]] bool recorded() const noexcept { return m_recorded; }

    /// The last outcome of one test, or nothing when no recorded run selected it.
    [[nodiscard]] std::optional<LastOutcome> find(std::string_view binary_id,
                                                  std::string_view test) const;

    /// Sets the outcome of one test.
    void set(const std::string& binary_id, const std::string& test, LastOutcome outcome);

    /// Forgets the tests of `binary` that it no longer lists (renamed or removed cases, or the
    /// `(listing)` stand-in of a listing that failed before). A binary whose listing failed now
    /// keeps its entries.
    void forget_unlisted(const TestBinary& binary);

    /// The tests whose last outcome is not `passed`, sorted by binary id, then name.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> outstanding() const;

    /// Writes the store to `file` atomically (rename only: it is a cache), creating parent
    /// directories. Throws `ptest::Error(ExitCode::write_output_error)` naming the file.
    void save(const std::filesystem::path& file) const;

private:
    std::map<std::pair<std::string, std::string>, LastOutcome> m_tests;
    bool m_recorded = false;
};

/// Where the last run of `profile` is kept: `last-run-<profile>.tsv` beside `history_file`.
std::filesystem::path last_run_path(const std::filesystem::path& history_file,
                                    std::string_view profile);

/// What `keep_rerun_tests` did to a selection.
struct RerunSelection {
    std::size_t kept = 0;   ///< Tests to re-run: failed, not run, or never recorded.
    std::size_t passed = 0; ///< Tests moved to `skipped` because they passed last time.
};

/// `--rerun-failed`: keep in `selection.run` the tests whose last outcome is `failed` or
/// `not_run`, or which no recorded run selected (new tests); move those that passed to the end
/// of `selection.skipped`. Keeps the order.
RerunSelection keep_rerun_tests(Selection& selection, const LastRunStore& store);

/// Records a run's outcomes into a `LastRunStore` it does not own: every `TestFinished` by its
/// last attempt (cancelled counts as not run), then, on `finish`, every selected test that did
/// not finish as not run; forgets the tests the listed binaries no longer have, and saves. Emits
/// nothing; never throws.
class LastRunRecorder final : public reporter::EventSink {
public:
    /// `selected` are the tests the run will start; `list` (which must outlive the recorder) is
    /// the whole test list. `finish` saves `store` to `save_to`.
    LastRunRecorder(LastRunStore& store, std::filesystem::path save_to,
                    const std::vector<TestRef>& selected, const TestList& list);

    void report(const reporter::Event& event) override;

    /// Marks the selected tests that did not finish and saves; a store that cannot be saved is
    /// a warning (`last run not saved: ...`).
    reporter::FinishResult finish() override;

private:
    LastRunStore& m_store;
    std::filesystem::path m_save_to;
    const TestList& m_list;
    /// The selected tests, and whether each finished.
    std::map<std::pair<std::string, std::string>, bool> m_selected;
};

} // namespace ptest::runner
