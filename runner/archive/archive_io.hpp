// A thin face of libarchive: write a zstd-compressed tar file member by member, published whole
// (a temporary sibling renamed into place) or not at all, and extract one into a new directory
// the same way (a temporary sibling directory renamed into place), reading the manifest member
// first so that a foreign or wrong-version archive is refused before any file is written.
#pragma once

#include <csignal>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

struct archive;

namespace ptest::runner {

/// Writes a `.tar.zst` archive. Not copyable. Throws `ptest::Error` (archive_creation_failed)
/// naming the archive and libarchive's reason on any failure; the destructor of an archive that
/// was not `commit()`ed removes its temporary file, so no partial archive is ever published.
class ArchiveWriter {
public:
    /// Start writing the archive that `commit()` will publish at `path`.
    explicit ArchiveWriter(std::filesystem::path path);
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;
    ~ArchiveWriter();

    /// Add the regular file `source` as `member` (a relative path), with its permission bits.
    void add_file(const std::filesystem::path& source, const std::string& member);
    /// Add `text` as the file `member`, mode 0644.
    void add_text(const std::string& member, std::string_view text);
    /// Add an empty directory `member`, mode 0755.
    void add_directory(const std::string& member);
    /// Finish the archive and rename it into place.
    void commit();

private:
    [[noreturn]] void fail(const std::string& what) const;

    std::filesystem::path m_path;
    std::filesystem::path m_temp;
    archive* m_archive = nullptr;
    int m_fd = -1;
    bool m_committed = false;
};

/// Checks the first member of an archive (its name and contents) before anything is extracted;
/// throws `ptest::Error` to refuse the archive.
using FirstMemberCheck = std::function<void(const std::string& name, const std::string& text)>;

/// Extract the archive at `archive_path` into `destination`, which must not exist yet: every
/// member goes into a temporary sibling directory, which is renamed to `destination` once all
/// are written. `check` sees the first member before any file is written. Members with absolute
/// paths, `..` or links out of the tree are refused. `interrupted` is polled between members: when
/// it becomes non-zero the extraction stops. On any failure the temporary directory is removed
/// and `ptest::Error` (archive_unreadable; test_run_failed when interrupted) is thrown, naming
/// the archive and what is wrong with it.
void extract_archive(const std::filesystem::path& archive_path,
                     const std::filesystem::path& destination, const FirstMemberCheck& check,
                     const volatile std::sig_atomic_t* interrupted);

} // namespace ptest::runner
