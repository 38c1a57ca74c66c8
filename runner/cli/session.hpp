// What `ptest run` and `ptest list` share: the workspace, its configuration, the resolved profile,
// the event loop with its child reaper, and the test list with the selection applied.
#pragma once

#include "profiles/config.hpp"
#include "profiles/overrides.hpp"
#include "profiles/profile.hpp"
#include "runner/archive/extracted_archive.hpp"
#include "runner/archive/interrupt_flag.hpp"
#include "runner/ctest/ctest_import.hpp"
#include "runner/list/selection.hpp"
#include "runner/model/test_list.hpp"
#include "runner/plan/partition.hpp"
#include "runner/process/child_reaper.hpp"

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ptest::cli {

/// Options every test-listing command takes.
struct CommonArgs {
    std::optional<std::string> workspace;
    std::vector<std::string> binaries;   ///< `--binary PATH`, relative to the current directory.
    std::vector<std::string> binary_ids; ///< `--binary-id GLOB`: keep only matching binaries.
    /// `--build-dir DIR`: a CMake build tree whose CTest tests are the test list.
    std::optional<std::string> build_dir;
    /// `--build-config NAME` (`-C`): the configuration of a multi-config build tree, as ctest -C.
    std::optional<std::string> build_config;
    std::optional<std::string> profile;
    std::vector<std::string> filters;
    bool exact = false;
    std::vector<std::string> skip;
    std::string run_ignored = "default";
    /// `-E EXPR` (repeatable): filter expressions; a test runs if it matches any of them.
    std::vector<std::string> filter_exprs;
    /// `--ignore-default-filter`: the profile's `default-filter` does not limit the selection.
    bool ignore_default_filter = false;
    /// `--partition KIND:K/N`: run only shard K of N of the selected tests.
    std::optional<std::string> partition;
    std::string color = "auto";
    /// `--archive-file FILE` (run, list): the tests come from an archive `ptest archive` made.
    std::optional<std::string> archive_file;
    /// `--workspace-remap DIR`: with --archive-file, the workspace root on this machine.
    std::optional<std::string> workspace_remap;
    /// `--extract-to DIR`: with --archive-file, extract there and keep it.
    std::optional<std::string> extract_to;
};

/// Profile settings given on the command line: one value per `profiles::outside_settings()`
/// entry, in its order, as the flags declared from that table store them.
struct ProfileArgs {
    std::vector<profiles::FlagValue> flags =
        std::vector<profiles::FlagValue>(profiles::outside_settings().size());
};

/// The command line's profile flags, parsed with the profile's own parsers.
profiles::ProfileOverrides overrides_from_args(const ProfileArgs& args);

/// The loaded workspace and test list.
class Session {
public:
    /// Find the workspace, load its config (printing warnings to stderr), resolve the profile
    /// with environment and command-line overrides. Throws `ptest::Error`.
    Session(const CommonArgs& common, const ProfileArgs& profile_args);

    /// Narrows a selection after the partition, before the CTest fixtures' tests are added
    /// (`--rerun-failed`).
    using SelectionStep = std::function<void(runner::Selection&)>;

    /// List every binary (concurrently, on the loop) and apply the selection, then `narrow`.
    void list_and_select(const CommonArgs& common, const SelectionStep& narrow = {});

    /// Say once, before a run, how many selected test cases their framework cannot run on their
    /// own (they are skipped with the reason), and name each selected CTest test ptest refuses
    /// (it fails, as under ctest).
    void warn_unselectable() const;

    [[nodiscard]] const std::filesystem::path& workspace_root() const { return m_root; }
    /// Where the duration history is kept: `target/ptest/history.tsv` under a workspace root
    /// that has a config file or was named with `--workspace`; else, with `--build-dir`,
    /// `ptest/history.tsv` in the build tree; else nowhere (nullopt), so that a run without a
    /// workspace leaves no files in whatever directory it was started from.
    [[nodiscard]] std::optional<std::filesystem::path> history_file() const;
    [[nodiscard]] const profiles::Config& config() const { return m_config; }
    [[nodiscard]] const profiles::Profile& profile() const { return m_profile; }
    [[nodiscard]] const runner::TestList& test_list() const { return m_list; }
    [[nodiscard]] const runner::Selection& selection() const { return m_selection; }
    [[nodiscard]] const std::vector<std::string>& base_env() const { return m_base_env; }
    [[nodiscard]] const std::string& run_id() const { return m_run_id; }
    /// Notes from importing a build tree (`--build-dir`): CTest properties ptest does not honour,
    /// test binaries run whole. Empty without `--build-dir`.
    [[nodiscard]] const std::vector<std::string>& notes() const { return m_notes; }
    /// The notes among `notes()` on CTest tests run whole because their binary's listing failed:
    /// a run prints each of them.
    [[nodiscard]] const std::vector<std::string>& listing_notes() const { return m_listing_notes; }
    /// The root was found by its config file or named with `--workspace` (or, from an archive,
    /// was so where the archive was made).
    [[nodiscard]] bool root_is_workspace() const { return m_root_is_workspace; }
    /// The `--build-dir` build tree, if any.
    [[nodiscard]] const std::optional<std::filesystem::path>& build_dir() const {
        return m_build_dir;
    }
    /// What the `--build-dir` import was read from (ctest's output, the declared frameworks, the
    /// default timeout; no tests), for `ptest archive`.
    [[nodiscard]] const runner::CTestImport& ctest_source() const { return m_ctest_source; }
    /// The extracted archive of `--archive-file`, or nullptr.
    [[nodiscard]] const runner::ExtractedArchive* archive() const { return m_archive.get(); }
    boost::asio::io_context& io() { return m_io; }
    runner::ChildReaper& reaper() { return *m_reaper; }

private:
    /// Import the build tree's CTest tests (`--build-dir`) into the test list, keeping those whose
    /// id matches `binary_ids` (every id seen is appended to `known_ids`).
    void list_build_dir(const std::vector<std::string>& binary_ids, std::string& known_ids);
    /// List the configured and `--binary` binaries whose id matches `binary_ids` into the test
    /// list. Throws `ptest::Error` (setup) when there are none or none matches.
    void list_binaries(const std::vector<std::string>& binary_ids, std::string& known_ids);
    /// Apply the name filters, `--run-ignored`, the expressions and the default filter.
    void select(const CommonArgs& common, std::vector<profiles::Filterset> expressions);
    /// Extract `--archive-file` and take the workspace, build tree and config from it (the root is
    /// `--workspace-remap` or the extracted workspace). Returns where the config is read from.
    /// Implemented in session_archive.cpp.
    std::filesystem::path open_archive(const CommonArgs& common);
    /// The `[[binary]]` tables and `--binary` paths of an archive, pointing into the extraction.
    [[nodiscard]] std::vector<profiles::BinarySpec> archived_binary_specs() const;
    /// Make the archive's shared libraries loadable: their folders go first in LD_LIBRARY_PATH.
    void add_archive_library_path();
    /// Import the archive's CTest model, its paths rewritten to the extraction and the root.
    [[nodiscard]] runner::CTestImport
    import_archived_build_dir(const runner::CTestImportOptions& options) const;
    /// Keep only the selected tests of one shard (`--partition`).
    void apply_partition(const runner::Partition& partition);

    std::filesystem::path m_root;
    /// The root was found by its config file or named with `--workspace`.
    bool m_root_is_workspace = false;
    profiles::Config m_config;
    profiles::Profile m_profile;
    std::string m_run_id;
    std::vector<std::string> m_base_env;
    std::vector<profiles::BinarySpec> m_binary_specs;
    std::optional<std::filesystem::path> m_build_dir;
    std::string m_build_config; ///< `--build-config`, empty when not given.
    std::vector<std::string> m_notes;
    std::vector<std::string> m_listing_notes;
    boost::asio::io_context m_io;
    std::unique_ptr<runner::ChildReaper> m_reaper;
    runner::CTestImport m_ctest_source;
    std::unique_ptr<runner::ExtractedArchive> m_archive;
    /// Catches Ctrl-C between extracting an archive and the run, so the extraction is removed.
    std::unique_ptr<runner::InterruptFlag> m_interrupt;
    runner::TestList m_list;
    runner::Selection m_selection;
};

/// The number of CPUs ptest plans for.
int cpu_count();

} // namespace ptest::cli
