// `ptest archive --archive-file FILE`: list the test binaries as `run` would (a `--build-dir`
// import included), then write them, the shared libraries they load from inside the workspace,
// the config, the duration history, the `[archive] include` files, the tests' working directories
// and the CTest model into one .tar.zst that `ptest run --archive-file` runs elsewhere.
#include "base/error.hpp"

#include "runner/archive/archive_builder.hpp"
#include "runner/archive/shared_libraries.hpp"
#include "runner/cli/children_guard.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"
#include "runner/history/history_store.hpp"

#include <set>

namespace ptest::cli {

namespace fs = std::filesystem;

namespace {

/// `path` relative to `root`, with `/` separators.
std::string relative_to(const fs::path& path, const fs::path& root) {
    return fs::absolute(path).lexically_normal().lexically_relative(root).generic_string();
}

/// The manifest of `session`'s archive, without its libraries.
runner::ArchiveManifest manifest_of(const Session& session, const CommonArgs& common) {
    const fs::path& root = session.workspace_root();
    runner::ArchiveManifest manifest;
    manifest.ptest_version = PTEST_VERSION;
    manifest.workspace_root = root.string();
    manifest.root_is_workspace = session.root_is_workspace();
    for (const std::string& binary : common.binaries) {
        manifest.binaries.push_back(relative_to(binary, root));
    }
    if (const std::optional<fs::path>& build_dir = session.build_dir()) {
        if (!runner::is_inside(*build_dir, root)) {
            throw Error(ExitCode::setup_error,
                        "the build tree `" + build_dir->string() +
                            "` is outside the workspace root `" + root.string() +
                            "`; run `ptest archive` from a folder that holds both, or name one "
                            "with --workspace");
        }
        manifest.build_dir = relative_to(*build_dir, root);
        manifest.build_config = common.build_config.value_or("");
        manifest.declared_kinds = session.ctest_source().declared_kinds;
        if (const auto& timeout = session.ctest_source().default_timeout) {
            manifest.default_timeout_seconds = std::chrono::duration<double>(*timeout).count();
        }
    }
    return manifest;
}

} // namespace

int archive_command(const ArchiveArgs& args) {
    const ChildrenGuard children;
    Session session(args.common, ProfileArgs{});
    session.list_and_select(args.common);
    for (const std::string& note : session.notes()) {
        print_note(note);
    }
    const fs::path& root = session.workspace_root();
    runner::ArchiveRequest request;
    request.root = root;
    request.manifest = manifest_of(session, args.common);
    request.ctest_output = session.ctest_source().ctest_output;

    // Every binary a test runs: a CTest command outside the workspace (`cmake -E ...`) is a
    // program of the machine, not of the build, and stays out.
    std::set<fs::path> binaries;
    for (const runner::TestBinary& binary : session.test_list().binaries) {
        if (binary.ctest && !runner::is_inside(binary.path, root)) {
            continue;
        }
        binaries.insert(binary.path);
        if (runner::is_inside(binary.cwd, root)) {
            request.folders.push_back(binary.cwd);
        }
    }
    const std::vector<fs::path> ordered(binaries.begin(), binaries.end());
    const std::vector<fs::path> libraries =
        runner::workspace_libraries(session.io(), session.reaper(), ordered, root,
                                    session.base_env(), session.profile().list_timeout);
    request.files = ordered;
    for (const fs::path& library : libraries) {
        request.manifest.libraries.push_back(relative_to(library, root));
        request.files.push_back(library);
    }
    if (std::optional<fs::path> config = profiles::find_config_file(root)) {
        request.files.push_back(*config);
    }
    std::error_code ec;
    if (std::optional<fs::path> history = session.history_file();
        history && fs::is_regular_file(*history, ec) && runner::is_inside(*history, root)) {
        request.manifest.history = relative_to(*history, root);
        request.files.push_back(*history);
    }
    std::vector<std::string> warnings;
    const std::vector<fs::path> included =
        runner::expand_includes(root, session.config().archive().include, warnings);
    for (const std::string& warning : warnings) {
        print_warning(warning);
    }
    request.files.insert(request.files.end(), included.begin(), included.end());

    const std::size_t count = runner::write_archive(request, fs::path(args.output));
    const auto counted = [](std::size_t n, const std::string& one, const std::string& many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    print_note("archived " + counted(count, "file", "files") + " (" +
               counted(binaries.size(), "test program", "test programs") + ", " +
               counted(libraries.size(), "shared library", "shared libraries") + ", " +
               counted(included.size(), "included file", "included files") + ") to " + args.output);
    return 0;
}

} // namespace ptest::cli
