// The libarchive wrapper of archive_io.hpp: pax tar through the zstd filter for writing; every
// format and filter libarchive knows for reading, so that a file that is no archive is named as
// such rather than misread.
#include "runner/archive/archive_io.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <vector>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// libarchive's reason for the last failure of `a`, or a fallback.
std::string reason(archive* a) {
    const char* text = archive_error_string(a);
    return text != nullptr && *text != '\0' ? text : "unknown libarchive error";
}

/// A member name that stays inside the tree it is extracted into: relative, no `..` component,
/// not empty.
bool safe_member(const std::string& name) {
    if (name.empty() || name.front() == '/') {
        return false;
    }
    for (const fs::path& part : fs::path(name)) {
        if (part == "..") {
            return false;
        }
    }
    return true;
}

/// Owns a libarchive reader or disk writer and frees it.
struct ArchiveHandle {
    archive* a;
    int (*free_fn)(archive*);
    ArchiveHandle(archive* handle, int (*free_function)(archive*))
        : a(handle), free_fn(free_function) {}
    ArchiveHandle(const ArchiveHandle&) = delete;
    ArchiveHandle& operator=(const ArchiveHandle&) = delete;
    ~ArchiveHandle() { free_fn(a); }
};

/// Removes a directory tree on destruction unless released.
struct TreeRemover {
    fs::path path;
    TreeRemover() = default;
    TreeRemover(const TreeRemover&) = delete;
    TreeRemover& operator=(const TreeRemover&) = delete;
    ~TreeRemover() {
        if (!path.empty()) {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    }
};

} // namespace

ArchiveWriter::ArchiveWriter(fs::path path) : m_path(std::move(path)) {
    std::string pattern = (m_path.parent_path().empty() ? fs::path(".") : m_path.parent_path()) /
                          ("." + m_path.filename().string() + ".tmp-XXXXXX");
    m_fd = ::mkstemp(pattern.data());
    if (m_fd < 0) {
        throw Error(ExitCode::archive_creation_failed,
                    "cannot write the archive `" + m_path.string() + "`: " + std::strerror(errno));
    }
    m_temp = pattern;
    m_archive = archive_write_new();
    if (archive_write_add_filter_zstd(m_archive) != ARCHIVE_OK ||
        archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK ||
        archive_write_open_fd(m_archive, m_fd) != ARCHIVE_OK) {
        fail("cannot start it");
    }
}

ArchiveWriter::~ArchiveWriter() {
    if (m_archive != nullptr) {
        archive_write_free(m_archive);
    }
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_committed && !m_temp.empty()) {
        std::error_code ignored;
        fs::remove(m_temp, ignored);
    }
}

void ArchiveWriter::fail(const std::string& what) const {
    throw Error(ExitCode::archive_creation_failed, "cannot write the archive `" + m_path.string() +
                                                       "`: " + what + ": " + reason(m_archive));
}

void ArchiveWriter::add_file(const fs::path& source, const std::string& member) {
    struct stat info {};
    std::ifstream in(source, std::ios::binary);
    if (::stat(source.c_str(), &info) != 0 || !in) {
        throw Error(ExitCode::archive_creation_failed,
                    "cannot read `" + source.string() +
                        "` for the archive: " + std::strerror(errno));
    }
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, info.st_mode & 07777);
    archive_entry_set_size(entry, info.st_size);
    archive_entry_set_mtime(entry, info.st_mtime, 0);
    const int status = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (status != ARCHIVE_OK) {
        fail("cannot add `" + member + "`");
    }
    std::vector<char> buffer(1U << 16U);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        const auto size = static_cast<std::size_t>(in.gcount());
        if (archive_write_data(m_archive, buffer.data(), size) != static_cast<la_ssize_t>(size)) {
            fail("cannot add `" + member + "`");
        }
    }
}

void ArchiveWriter::add_text(const std::string& member, std::string_view text) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(text.size()));
    archive_entry_set_mtime(entry, std::time(nullptr), 0);
    const int status = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (status != ARCHIVE_OK || archive_write_data(m_archive, text.data(), text.size()) !=
                                    static_cast<la_ssize_t>(text.size())) {
        fail("cannot add `" + member + "`");
    }
}

void ArchiveWriter::add_directory(const std::string& member) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.c_str());
    archive_entry_set_filetype(entry, AE_IFDIR);
    archive_entry_set_perm(entry, 0755);
    archive_entry_set_mtime(entry, std::time(nullptr), 0);
    const int status = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (status != ARCHIVE_OK) {
        fail("cannot add `" + member + "`");
    }
}

void ArchiveWriter::commit() {
    if (archive_write_close(m_archive) != ARCHIVE_OK) {
        fail("cannot finish it");
    }
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        throw Error(ExitCode::archive_creation_failed,
                    "cannot write the archive `" + m_path.string() + "`: " + std::strerror(errno));
    }
    m_fd = -1;
    std::error_code error;
    fs::rename(m_temp, m_path, error);
    if (error) {
        throw Error(ExitCode::archive_creation_failed,
                    "cannot write the archive `" + m_path.string() + "`: " + error.message());
    }
    m_committed = true;
}

namespace {

/// Why `reader` failed, as a fragment: a file whose format libarchive does not recognize is no
/// archive at all; anything else (a compressed stream or a tar member that ends or breaks early) is
/// a corrupt or cut-off archive.
std::string what_is_wrong(archive* reader) {
    const std::string why = reason(reader);
    return (why.find("Unrecognized archive format") != std::string::npos
                ? "it is not a readable archive ("
                : "it is corrupt or truncated (") +
           why + ")";
}

/// Read the data of the current entry of `reader` into a string of at most `limit` bytes.
std::string read_member_text(archive* reader, std::size_t limit, const std::string& where) {
    std::string text;
    std::array<char, 8192> buffer{};
    for (;;) {
        const la_ssize_t got = archive_read_data(reader, buffer.data(), buffer.size());
        if (got < 0) {
            throw Error(ExitCode::archive_unreadable,
                        where + "it is corrupt or truncated (" + reason(reader) + ")");
        }
        if (got == 0) {
            return text;
        }
        text.append(buffer.data(), static_cast<std::size_t>(got));
        if (text.size() > limit) {
            throw Error(ExitCode::archive_unreadable, where + "its manifest is too large");
        }
    }
}

/// Copy the data of the current entry of `reader` to the disk writer `disk`.
void copy_member(archive* reader, archive* disk, const std::string& where) {
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    for (;;) {
        const int status = archive_read_data_block(reader, &block, &size, &offset);
        if (status == ARCHIVE_EOF) {
            return;
        }
        if (status != ARCHIVE_OK) {
            throw Error(ExitCode::archive_unreadable,
                        where + "it is corrupt or truncated (" + reason(reader) + ")");
        }
        if (archive_write_data_block(disk, block, size, offset) != ARCHIVE_OK) {
            throw Error(ExitCode::archive_unreadable, where + reason(disk));
        }
    }
}

} // namespace

void extract_archive(const fs::path& archive_path, const fs::path& destination,
                     const FirstMemberCheck& check, const volatile std::sig_atomic_t* interrupted) {
    const std::string where = "cannot extract `" + archive_path.string() + "`: ";
    std::error_code ec;
    if (fs::exists(destination, ec)) {
        throw Error(ExitCode::setup_error,
                    "cannot extract into `" + destination.string() + "`: it exists already");
    }
    std::string pattern =
        destination.parent_path() / ("." + destination.filename().string() + ".tmp-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw Error(ExitCode::setup_error,
                    "cannot extract into `" + destination.string() + "`: " + std::strerror(errno));
    }
    TreeRemover temp;
    temp.path = pattern;

    ArchiveHandle reader(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(reader.a);
    // Only tar: with every format, libarchive reads a text file as an mtree specification.
    archive_read_support_format_tar(reader.a);
    if (archive_read_open_filename(reader.a, archive_path.c_str(), 1U << 16U) != ARCHIVE_OK) {
        throw Error(ExitCode::archive_unreadable, where + what_is_wrong(reader.a));
    }
    ArchiveHandle disk(archive_write_disk_new(), archive_write_free);
    archive_write_disk_set_options(disk.a, ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME |
                                               ARCHIVE_EXTRACT_SECURE_SYMLINKS |
                                               ARCHIVE_EXTRACT_SECURE_NODOTDOT);
    bool first = true;
    for (;;) {
        if (interrupted != nullptr && *interrupted != 0) {
            throw Error(ExitCode::test_run_failed,
                        "interrupted while extracting `" + archive_path.string() + "`");
        }
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(reader.a, &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status != ARCHIVE_OK) {
            // On the first header, libarchive's reason is about the file as a whole.
            throw Error(ExitCode::archive_unreadable, where + what_is_wrong(reader.a));
        }
        const std::string name = archive_entry_pathname(entry);
        const auto type = archive_entry_filetype(entry);
        if (!safe_member(name) || (type != AE_IFREG && type != AE_IFDIR)) {
            throw Error(ExitCode::archive_unreadable,
                        where + "it holds `" + name +
                            "`, which is not a plain file or directory inside the archive");
        }
        std::string text;
        if (first) {
            text = read_member_text(reader.a, 1U << 20U, where);
            check(name, text);
            first = false;
        }
        const std::string target = (temp.path / name).string();
        archive_entry_set_pathname(entry, target.c_str());
        if (archive_write_header(disk.a, entry) != ARCHIVE_OK) {
            throw Error(ExitCode::archive_unreadable, where + reason(disk.a));
        }
        if (!text.empty() && archive_write_data(disk.a, text.data(), text.size()) !=
                                 static_cast<la_ssize_t>(text.size())) {
            throw Error(ExitCode::archive_unreadable, where + reason(disk.a));
        }
        if (text.empty() && type == AE_IFREG) {
            copy_member(reader.a, disk.a, where);
        }
        if (archive_write_finish_entry(disk.a) != ARCHIVE_OK) {
            throw Error(ExitCode::archive_unreadable, where + reason(disk.a));
        }
    }
    if (first) {
        check("", "");
    }
    fs::rename(temp.path, destination, ec);
    if (ec) {
        throw Error(ExitCode::setup_error,
                    "cannot extract into `" + destination.string() + "`: " + ec.message());
    }
    temp.path.clear();
}

} // namespace ptest::runner
