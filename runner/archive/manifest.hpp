// The manifest of a ptest archive (`ptest-archive.toml`, the archive's first member): the archive
// format version, where the workspace and the build tree were, and everything a run needs that
// is not a file (the CTest model's declared frameworks and default timeout). Pure: text in,
// text out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// The archive format this ptest writes and reads. Bump it when the layout or the manifest
/// changes in a way an older ptest would misread.
inline constexpr int k_archive_format_version = 1;
/// The name of the manifest member, always the archive's first.
inline constexpr const char* k_manifest_member = "ptest-archive.toml";
/// The folder of the archive that holds the workspace's files at their relative paths.
inline constexpr const char* k_workspace_member = "workspace";
/// The member holding `ctest --show-only=json-v1` of a `--build-dir` archive.
inline constexpr const char* k_ctest_member = "ctest.json";

/// What the manifest says. Paths other than `workspace_root` are relative to the workspace.
struct ArchiveManifest {
    int format_version = k_archive_format_version;
    std::string ptest_version;
    /// The absolute workspace root on the machine that made the archive.
    std::string workspace_root;
    /// The root was a workspace (found by its config or named with `--workspace`).
    bool root_is_workspace = false;
    /// Test binaries named with `--binary`.
    std::vector<std::string> binaries;
    /// Shared libraries from inside the workspace that the binaries load.
    std::vector<std::string> libraries;
    /// The CMake build tree of a `--build-dir` archive.
    std::optional<std::string> build_dir;
    std::string build_config; ///< `--build-config`, empty when not given.
    /// The duration history, when there was one.
    std::optional<std::string> history;
    /// What `ptest_discover_tests()` recorded: the framework of each CTest test (empty: detect).
    std::map<std::string, std::string> declared_kinds;
    /// ctest's default timeout in seconds (DartConfiguration.tcl), when the tree has one.
    std::optional<double> default_timeout_seconds;
};

/// The manifest as TOML text.
std::string format_manifest(const ArchiveManifest& manifest);

/// Parse a manifest. Throws `ptest::Error` (archive_unreadable) for text that is not a manifest,
/// and for a `format-version` other than `k_archive_format_version`, saying which version the
/// archive has and which this ptest reads.
ArchiveManifest parse_manifest(std::string_view text);

} // namespace ptest::runner
