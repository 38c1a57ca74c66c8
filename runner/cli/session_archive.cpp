// The Session's side of `--archive-file`: extract the archive, take the workspace, build tree,
// config and binaries from it, rewrite the paths it recorded (the build tree to the extraction,
// the workspace root to `--workspace-remap` or the extraction), and make its shared libraries
// loadable, so that a run behaves as it did in the tree the archive was made from.
#include "base/error.hpp"

#include "runner/archive/path_remap.hpp"
#include "runner/cli/session.hpp"
#include "runner/ctest/build_dir.hpp"

#include <set>

namespace ptest::cli {

namespace fs = std::filesystem;

namespace {

/// Refuse the options an archive replaces, and the archive options without an archive.
void check_archive_options(const CommonArgs& common) {
    if (!common.archive_file) {
        if (common.workspace_remap || common.extract_to) {
            throw Error(ExitCode::usage,
                        std::string(common.workspace_remap ? "--workspace-remap" : "--extract-to") +
                            " needs --archive-file");
        }
        return;
    }
    const char* replaced = common.build_dir           ? "--build-dir"
                           : common.build_config      ? "--build-config"
                           : !common.binaries.empty() ? "--binary"
                           : common.workspace         ? "--workspace"
                                                      : nullptr;
    if (replaced != nullptr) {
        throw Error(ExitCode::usage, std::string(replaced) +
                                         " cannot be used with --archive-file (the archive says "
                                         "where its tests are; see --workspace-remap)");
    }
}

} // namespace

fs::path Session::open_archive(const CommonArgs& common) {
    check_archive_options(common);
    std::optional<fs::path> extract_to;
    if (common.extract_to) {
        extract_to = fs::path(*common.extract_to);
    }
    m_archive =
        std::make_unique<runner::ExtractedArchive>(fs::path(*common.archive_file), extract_to);
    m_interrupt = std::make_unique<runner::InterruptFlag>();
    const runner::ArchiveManifest& manifest = m_archive->manifest();
    const fs::path workspace = m_archive->workspace();
    m_root = workspace;
    if (common.workspace_remap) {
        m_root = fs::absolute(*common.workspace_remap).lexically_normal();
        if (!fs::is_directory(m_root)) {
            throw Error(ExitCode::setup_error,
                        "--workspace-remap `" + *common.workspace_remap + "` is not a directory");
        }
    }
    m_root_is_workspace = manifest.root_is_workspace;
    if (manifest.build_dir) {
        m_build_dir = (workspace / *manifest.build_dir).lexically_normal();
        m_build_config = manifest.build_config;
    }
    return workspace;
}

std::vector<profiles::BinarySpec> Session::archived_binary_specs() const {
    const fs::path workspace = m_archive->workspace();
    runner::PathRemap remap;
    remap.add(m_archive->manifest().workspace_root, workspace.string());
    std::vector<profiles::BinarySpec> specs = m_config.binaries();
    for (profiles::BinarySpec& spec : specs) {
        // The binaries are in the extraction; a relative `cwd` stays relative to the root.
        spec.path = fs::path(spec.path).is_absolute() ? remap.apply(spec.path)
                                                      : (workspace / spec.path).string();
    }
    for (const std::string& binary : m_archive->manifest().binaries) {
        profiles::BinarySpec spec;
        spec.path = (workspace / binary).lexically_normal().string();
        specs.push_back(std::move(spec));
    }
    return specs;
}

void Session::add_archive_library_path() {
    std::set<fs::path> seen;
    std::string folders;
    for (const std::string& library : m_archive->manifest().libraries) {
        const fs::path folder = (m_archive->workspace() / library).parent_path().lexically_normal();
        if (seen.insert(folder).second) {
            folders += (folders.empty() ? "" : ":") + folder.string();
        }
    }
    if (folders.empty()) {
        return;
    }
    // The build tree's RUNPATH names folders of the machine that built it: the archive's
    // library folders come first, before whatever LD_LIBRARY_PATH the user set.
    const std::string key = "LD_LIBRARY_PATH=";
    for (std::string& entry : m_base_env) {
        if (entry.compare(0, key.size(), key) == 0) {
            const std::string previous = entry.substr(key.size());
            entry = key + folders + (previous.empty() ? "" : ":" + previous);
            return;
        }
    }
    m_base_env.push_back(key + folders);
}

runner::CTestImport
Session::import_archived_build_dir(const runner::CTestImportOptions& options) const {
    const runner::ArchiveManifest& manifest = m_archive->manifest();
    runner::PathRemap remap;
    // The build tree first: it is inside the old root, and it lives in the extraction even when
    // the root is remapped.
    remap.add((fs::path(manifest.workspace_root) / manifest.build_dir.value_or("."))
                  .lexically_normal()
                  .string(),
              m_build_dir->string());
    remap.add(manifest.workspace_root, m_root.string());
    base::json::ParseResult parsed = base::json::parse(m_archive->ctest_output());
    if (!parsed.value) {
        throw Error(ExitCode::archive_unreadable,
                    "the archive's CTest model cannot be read: " +
                        (parsed.error ? parsed.error->message : std::string("empty")));
    }
    remap.apply_json(*parsed.value);
    runner::CTestImportOptions archived = options;
    archived.declared_kinds = manifest.declared_kinds;
    if (manifest.default_timeout_seconds) {
        archived.default_timeout = std::chrono::duration_cast<profiles::Duration>(
            std::chrono::duration<double>(*manifest.default_timeout_seconds));
    }
    runner::CTestImport imported =
        runner::import_ctest_output(base::json::dump(*parsed.value), archived);
    imported.ctest_output = m_archive->ctest_output();
    imported.declared_kinds = manifest.declared_kinds;
    imported.default_timeout = archived.default_timeout;
    return imported;
}

} // namespace ptest::cli
