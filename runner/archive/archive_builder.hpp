// Making a ptest archive: the manifest first, then every file under `workspace/` at its path
// relative to the workspace root (test binaries, the shared libraries they load from the tree,
// the config, the duration history, the `[archive] include` files), the working directories the
// tests need, and the CTest model of a `--build-dir` import.
#pragma once

#include "runner/archive/manifest.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace ptest::runner {

/// Everything an archive holds, as absolute paths inside `root`.
struct ArchiveRequest {
    std::filesystem::path root;
    ArchiveManifest manifest;                   ///< Written first, as is.
    std::vector<std::filesystem::path> files;   ///< Binaries, libraries, config, history, data.
    std::vector<std::filesystem::path> folders; ///< Working directories, recreated empty.
    std::string ctest_output;                   ///< ctest's json-v1 output; empty: none.
};

/// The files `patterns` (`[archive] include`: paths or globs relative to `root`) name: a file as
/// itself, a folder with every file below it, in a stable order. A pattern that names nothing
/// adds a line to `warnings`; a match outside `root` (through `..`) is refused with
/// `ptest::Error` (setup_error).
std::vector<std::filesystem::path> expand_includes(const std::filesystem::path& root,
                                                   const std::vector<std::string>& patterns,
                                                   std::vector<std::string>& warnings);

/// Write the archive to `output`, published whole or not at all. Each file is added once.
/// Throws `ptest::Error` (archive_creation_failed) when a file cannot be read or the archive
/// cannot be written or Ctrl-C (SIGINT, SIGTERM, SIGHUP) interrupts it, and (setup_error) for a
/// file outside `root`. Returns the number of files.
std::size_t write_archive(const ArchiveRequest& request, const std::filesystem::path& output);

} // namespace ptest::runner
