// An archive made by `ptest archive`, extracted for `ptest run/list --archive-file`: into the
// folder `--extract-to` names (kept), or into a temporary folder removed when this object is
// destroyed (at exit, also after Ctrl-C). The manifest is checked before anything is written.
#pragma once

#include "runner/archive/manifest.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace ptest::runner {

/// One extracted archive. Not copyable.
class ExtractedArchive {
public:
    /// Extract `archive`. Throws `ptest::Error`: archive_unreadable for a missing, corrupt,
    /// truncated or foreign file or another format version; setup_error when `extract_to` exists
    /// and is not an empty folder. Nothing half-extracted is left behind.
    ExtractedArchive(const std::filesystem::path& archive,
                     const std::optional<std::filesystem::path>& extract_to);
    ExtractedArchive(const ExtractedArchive&) = delete;
    ExtractedArchive& operator=(const ExtractedArchive&) = delete;
    ~ExtractedArchive();

    [[nodiscard]] const ArchiveManifest& manifest() const { return m_manifest; }
    /// The folder holding the archived workspace's files at their relative paths.
    [[nodiscard]] std::filesystem::path workspace() const {
        return m_directory / k_workspace_member;
    }
    /// ctest's json-v1 output of a `--build-dir` archive; empty otherwise.
    [[nodiscard]] const std::string& ctest_output() const { return m_ctest_output; }

private:
    std::filesystem::path m_directory;
    std::filesystem::path m_remove; ///< Removed by the destructor; empty when kept.
    ArchiveManifest m_manifest;
    std::string m_ctest_output;
};

} // namespace ptest::runner
