// Publishing a file all at once: `AtomicFile` writes to a temporary file beside the target and
// renames it over the target only on an explicit `commit()`, so a reader (a CI upload step, a
// dashboard) never sees a half-written report, and a run that dies before the commit leaves the
// previous file untouched. `check_writable` lets the command line fail before any test runs when
// the report could not be written at the end. A report is also made durable (fsynced) before it
// is published; a cache, which costs nothing to lose, may skip that.
#pragma once

#include <filesystem>
#include <string_view>

namespace ptest::base {

/// How `AtomicFile::commit()` publishes a file.
enum class Durability {
    /// The file is fsynced before the rename and its directory after it: once `commit()` returns,
    /// the new file survives a crash of the machine. For reports.
    synced,
    /// Rename only: readers, and a crash of ptest, still see the old file or the whole new one,
    /// but a crash of the machine soon after may leave the old one. For caches (the duration
    /// history), which spare a run the two fsyncs, tens of milliseconds on a busy disk.
    rename_only,
};

/// A file that appears at its path only when committed. Not thread-safe; owns the temp file.
class AtomicFile {
public:
    /// Creates the missing parent directories of `path` and a temporary file in the same
    /// directory. Throws `ptest::Error(ExitCode::write_output_error)` naming `path` and the OS
    /// error when either fails.
    explicit AtomicFile(std::filesystem::path path);
    /// Removes the temporary file unless `commit()` succeeded; never publishes a partial file.
    ~AtomicFile();

    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    AtomicFile(AtomicFile&&) = delete;
    AtomicFile& operator=(AtomicFile&&) = delete;

    /// Appends `data` to the temporary file. Throws `ptest::Error` on a write error.
    void write(std::string_view data);
    /// Renames the temporary file over the target; with `Durability::synced`, fsyncs it first and
    /// the directory after. Throws `ptest::Error` on failure, after which the destructor still
    /// cleans up.
    void commit(Durability durability = Durability::synced);

    /// The path the file is published at.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }
    /// The temporary file's path (beside the target).
    [[nodiscard]] const std::filesystem::path& temp_path() const noexcept { return m_temp_path; }

private:
    [[noreturn]] void fail(int error_number) const;

    std::filesystem::path m_path;
    std::filesystem::path m_temp_path;
    int m_fd = -1;
    bool m_committed = false;
};

/// Verifies, before any test runs, that a report could be published at `path`: creates the
/// missing parent directories, then creates and removes a temporary file beside it. Throws
/// `ptest::Error(ExitCode::write_output_error, "cannot write <path>: <OS error>")` otherwise.
void check_writable(const std::filesystem::path& path);

} // namespace ptest::base
