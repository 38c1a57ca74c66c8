// Session: workspace discovery, config loading, profile resolution, listing and selection.
#include "runner/cli/session.hpp"

#include "base/error.hpp"
#include "base/uuid.hpp"

#include "profiles/fail_fast.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/overrides.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"
#include "runner/cli/diagnostics.hpp"
#include "runner/ctest/build_dir.hpp"
#include "runner/ctest/ctest_fixture_tests.hpp"
#include "runner/history/history_store.hpp"
#include "runner/list/lister.hpp"
#include "runner/plan/fixture_tests.hpp"
#include "runner/plan/partition.hpp"
#include "runner/plan/settings.hpp"
#include "runner/process/environment.hpp"

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <random>
#include <thread>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX, not in a header.

namespace ptest::cli {

namespace fs = std::filesystem;

int cpu_count() {
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

profiles::ProfileOverrides overrides_from_args(const ProfileArgs& args) {
    return profiles::read_flag_overrides(args.flags);
}

Session::Session(const CommonArgs& common, const ProfileArgs& profile_args) {
    std::optional<fs::path> explicit_root;
    if (common.workspace) {
        explicit_root = fs::absolute(*common.workspace).lexically_normal();
        if (!fs::is_directory(*explicit_root)) {
            throw Error(ExitCode::setup_error,
                        "workspace `" + *common.workspace + "` is not a directory");
        }
    }
    if (common.archive_file || common.workspace_remap || common.extract_to) {
        m_config = profiles::load_config(open_archive(common));
    } else {
        m_root = profiles::find_workspace_root(fs::current_path(), explicit_root);
    }
    if (common.build_config && !common.build_dir) {
        throw Error(ExitCode::usage, "--build-config needs --build-dir (it names the configuration "
                                     "of a multi-config CMake build tree)");
    }
    if (!common.archive_file) {
        m_build_config = common.build_config.value_or("");
    }
    if (common.build_dir) {
        m_build_dir = fs::absolute(*common.build_dir).lexically_normal();
        if (!fs::is_directory(*m_build_dir)) {
            throw Error(ExitCode::setup_error,
                        "build directory `" + *common.build_dir + "` is not a directory");
        }
        // Without a workspace config above the current directory, the build tree's own source
        // directory supplies it.
        if (!explicit_root && !profiles::find_config_file(m_root)) {
            if (std::optional<fs::path> source = runner::cmake_source_dir(*m_build_dir);
                source && profiles::find_config_file(*source)) {
                m_root = *source;
            }
        }
    }
    if (!common.archive_file) {
        m_root_is_workspace = explicit_root || profiles::find_config_file(m_root);
        m_config = profiles::load_config(m_root);
    }
    // The file's warnings come first, as a compiler's do: they may explain an error that follows.
    for (const std::string& warning : m_config.warnings()) {
        print_diagnostic(warning);
    }
    runner::check_binary_kinds(m_config.binaries());

    std::string name = "default";
    if (common.profile) {
        name = *common.profile;
    } else if (const char* env = std::getenv("PTEST_PROFILE"); env != nullptr && *env != '\0') {
        name = env;
    }
    m_profile = m_config.resolve(name);
    // Precedence: command line > environment > profile.
    profiles::apply(m_profile, profiles::read_env_overrides(profiles::system_getenv()),
                    "environment");
    profiles::apply(m_profile, overrides_from_args(profile_args), "command line");

    m_run_id = base::random_uuid();
    m_base_env = runner::clean_environment(environ);
    m_base_env.emplace_back("PTEST=1");
    m_base_env.push_back("PTEST_RUN_ID=" + m_run_id);
    m_base_env.push_back("PTEST_PROFILE=" + m_profile.name);
    m_base_env.push_back("PTEST_WORKSPACE_ROOT=" + m_root.string());
    if (m_archive) {
        add_archive_library_path();
    }

    // A build tree's tests replace the config's `[[binary]]` tables (they name test binaries of
    // some build already); `--binary` still adds to them.
    if (!m_build_dir) {
        m_binary_specs = m_archive ? archived_binary_specs() : m_config.binaries();
    }
    for (const std::string& path : common.binaries) {
        profiles::BinarySpec spec;
        spec.path = fs::absolute(path).lexically_normal().string();
        m_binary_specs.push_back(std::move(spec));
    }
    m_reaper = std::make_unique<runner::ChildReaper>(m_io);
}

namespace {

/// Whether `id` matches one of the `--binary-id` globs.
bool matches_binary_id(const std::vector<std::string>& globs, const std::string& id) {
    return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
        return ::fnmatch(glob.c_str(), id.c_str(), 0) == 0;
    });
}

/// Keep the items whose binary id (`id_of(item)`) matches one of `globs`; append every id seen
/// to `known` (comma-separated), for the message when nothing matches. No globs: keep all.
template <class T, class IdOf>
void keep_matching_ids(std::vector<T>& items, const std::vector<std::string>& globs, IdOf id_of,
                       std::string& known) {
    if (globs.empty()) {
        return;
    }
    std::erase_if(items, [&](const T& item) {
        const std::string& id = id_of(item);
        known += (known.empty() ? "" : ", ") + id;
        return !matches_binary_id(globs, id);
    });
}

/// Say how many setup and cleanup tests a filter brought in for the fixtures of its tests.
void note_fixture_tests(std::size_t added) {
    if (added > 0) {
        print_note(std::to_string(added) + (added == 1 ? " test" : " tests") +
                   " of the CTest fixtures the selected tests require will run too (setup and "
                   "cleanup), as under ctest");
    }
}

} // namespace

std::optional<fs::path> Session::history_file() const {
    if (m_archive) {
        return m_archive->workspace() /
               m_archive->manifest().history.value_or(
                   runner::history_path(fs::path()).relative_path().string());
    }
    if (m_root_is_workspace) {
        return runner::history_path(m_root);
    }
    if (m_build_dir) {
        return *m_build_dir / "ptest" / "history.tsv";
    }
    return std::nullopt;
}

void Session::warn_unselectable() const {
    std::size_t count = 0;
    std::string first;
    for (const runner::TestRef& ref : m_selection.run) {
        if (!ref.test->unselectable) {
            continue;
        }
        if (ref.binary->ctest) {
            // ctest fails a test it cannot run as registered, and so does ptest: each is named.
            print_warning("CTest test `" + ref.binary->id +
                          "` will be refused: " + *ref.test->unselectable);
        } else if (count++ == 0) {
            first = ref.binary->id + " `" + ref.test->name + "` (" + *ref.test->unselectable + ")";
        }
    }
    if (count > 0) {
        print_warning(std::to_string(count) + (count == 1 ? " test case" : " test cases") +
                      " cannot be run on " + (count == 1 ? "its" : "their") +
                      " own and will be skipped, first " + first + "; `ptest list` marks each");
    }
}

void Session::list_and_select(const CommonArgs& common, const SelectionStep& narrow) {
    // Bad expressions and partitions fail before any binary is listed.
    std::vector<profiles::Filterset> expressions;
    for (const std::string& text : common.filter_exprs) {
        expressions.push_back(
            profiles::Filterset::parse(text, profiles::FiltersetKind::command_line));
    }
    std::optional<runner::Partition> partition;
    if (common.partition) {
        partition = runner::parse_partition(*common.partition);
    }
    std::string known_ids;
    if (m_build_dir) {
        list_build_dir(common.binary_ids, known_ids);
    }
    list_binaries(common.binary_ids, known_ids);
    select(common, std::move(expressions));
    if (partition) {
        apply_partition(*partition);
    }
    if (narrow) {
        narrow(m_selection);
    }
    // After the partition, so that each shard runs the fixtures of its own tests.
    note_fixture_tests(runner::add_fixture_tests(m_selection, m_list));
    // The run owns the signals from here on; a Ctrl-C before it ends ptest (and the extraction).
    const bool interrupted = m_interrupt && m_interrupt->raised();
    m_interrupt.reset();
    if (interrupted) {
        throw Error(ExitCode::test_run_failed, "interrupted before the run started");
    }
}

void Session::list_build_dir(const std::vector<std::string>& binary_ids, std::string& known_ids) {
    runner::CTestImportOptions options;
    options.base_env = m_base_env;
    options.run_whole = m_config.ctest().run_whole;
    options.build_dir = *m_build_dir;
    options.build_config = m_build_config;
    runner::CTestImport imported =
        m_archive ? import_archived_build_dir(options)
                  : runner::read_build_dir(m_io, *m_reaper, options, m_profile.list_timeout);
    m_notes = imported.notes;
    m_ctest_source.ctest_output = std::move(imported.ctest_output);
    m_ctest_source.declared_kinds = imported.declared_kinds;
    m_ctest_source.default_timeout = imported.default_timeout;
    if (!binary_ids.empty()) {
        // As `ctest -R`: a test kept brings the setup and cleanup tests of its fixtures.
        for (const runner::ImportedTest& test : imported.tests) {
            known_ids += (known_ids.empty() ? "" : ", ") + test.binary.id;
        }
        note_fixture_tests(
            runner::keep_tests_with_fixtures(imported.tests, [&](const runner::ImportedTest& test) {
                return matches_binary_id(binary_ids, test.binary.id);
            }));
    }
    m_list =
        runner::list_imported_tests(m_io, *m_reaper, imported, m_base_env, m_profile.list_timeout,
                                    std::max(4, 2 * cpu_count()), m_listing_notes);
    m_notes.insert(m_notes.end(), m_listing_notes.begin(), m_listing_notes.end());
}

void Session::list_binaries(const std::vector<std::string>& binary_ids, std::string& known_ids) {
    if (m_binary_specs.empty() && !m_build_dir) {
        std::error_code ignored;
        const fs::path here = fs::current_path(ignored);
        if (fs::exists(here / "CMakeCache.txt", ignored) ||
            fs::exists(here / "CTestTestfile.cmake", ignored)) {
            throw Error(ExitCode::setup_error,
                        "no test binaries: this directory is a CMake build tree; run the tests "
                        "it registers with CTest with `--build-dir .` (e.g. `ptest run "
                        "--build-dir .`), or add [[binary]] tables to .config/ptest.toml in the "
                        "workspace (" +
                            m_root.string() + ")");
        }
        throw Error(ExitCode::setup_error,
                    "no test binaries: pass --binary PATH or add [[binary]] tables to "
                    ".config/ptest.toml in the workspace (" +
                        m_root.string() + ")");
    }
    std::vector<runner::ResolvedBinary> binaries = runner::resolve_binaries(m_binary_specs, m_root);
    keep_matching_ids(
        binaries, binary_ids,
        [](const runner::ResolvedBinary& binary) -> const std::string& { return binary.id; },
        known_ids);
    if (!binary_ids.empty() && binaries.empty() && m_list.binaries.empty()) {
        throw Error(ExitCode::setup_error,
                    "no test binary id matches --binary-id (ids: " + known_ids + ")");
    }
    runner::TestList listed =
        runner::list_tests(m_io, *m_reaper, binaries, m_base_env, m_profile.list_timeout,
                           std::max(4, 2 * cpu_count()));
    for (runner::TestBinary& binary : listed.binaries) {
        m_list.binaries.push_back(std::move(binary));
    }
}

void Session::select(const CommonArgs& common, std::vector<profiles::Filterset> expressions) {
    runner::SelectionOptions options;
    options.filters = common.filters;
    options.exact = common.exact;
    options.skip = common.skip;
    options.run_ignored = runner::parse_run_ignored(common.run_ignored);
    options.expressions = std::move(expressions);
    options.default_filter = m_profile.default_filter;
    options.ignore_default_filter = common.ignore_default_filter;
    options.group_of = [this](const runner::TestRef& test, bool is_default) {
        return runner::resolve_test_group(test, m_profile, is_default);
    };
    m_selection = runner::select_tests(m_list, options);
}

void Session::apply_partition(const runner::Partition& partition) {
    runner::DurationLookup durations;
    std::shared_ptr<runner::HistoryStore> history;
    if (partition.kind == runner::PartitionKind::duration) {
        std::vector<std::string> warnings;
        const std::optional<fs::path> file = history_file();
        history = std::make_shared<runner::HistoryStore>(
            file ? runner::HistoryStore::load(*file, warnings) : runner::HistoryStore{});
        for (const std::string& warning : warnings) {
            print_warning(warning);
        }
        durations = [history](std::string_view id, std::string_view name) {
            const runner::TestHistory* entry = history->find(id, name);
            return entry != nullptr ? std::optional<double>(entry->seconds) : std::nullopt;
        };
    }
    // A binary whose listing failed has no cases to share out: its failure is every shard's.
    std::vector<runner::TestRef> unlisted;
    std::erase_if(m_selection.run, [&](const runner::TestRef& ref) {
        if (ref.binary->listing_failure) {
            unlisted.push_back(ref);
            return true;
        }
        return false;
    });
    runner::apply_partition(m_selection, partition, durations);
    if (!unlisted.empty()) {
        std::vector<runner::TestRef> shard = std::move(m_selection.run);
        m_selection.run.clear();
        // Back in test-list order: `shard` and `unlisted` each are, and binaries are contiguous.
        std::merge(
            shard.begin(), shard.end(), unlisted.begin(), unlisted.end(),
            std::back_inserter(m_selection.run),
            [](const runner::TestRef& a, const runner::TestRef& b) { return a.binary < b.binary; });
    }
}

} // namespace ptest::cli
