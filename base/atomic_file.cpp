// POSIX implementation of `AtomicFile`: `open(O_CREAT | O_EXCL)` on a random name beside the
// target (so the report gets the usual umask-derived mode, unlike `mkstemp`'s 0600), a write loop
// that survives EINTR and short writes, then `fsync` (unless the file is a cache) and `rename`.
#include "base/atomic_file.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <system_error>

namespace ptest::base {
namespace {

constexpr int k_create_attempts = 16;

[[nodiscard]] std::string write_error(const std::filesystem::path& path, const std::string& os) {
    return "cannot write " + path.string() + ": " + os;
}

[[nodiscard]] std::string random_suffix() {
    static std::random_device device;
    static std::mt19937_64 engine(device());
    constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::uniform_int_distribution<std::size_t> pick(0, digits.size() - 1);
    std::string suffix;
    for (int i = 0; i < 8; ++i) {
        suffix.push_back(digits[pick(engine)]);
    }
    return suffix;
}

void sync_directory(const std::filesystem::path& directory) {
    // Makes the rename itself durable; failure here is not worth failing the run over.
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path path) : m_path(std::move(path)) {
    const std::filesystem::path parent =
        m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) {
        throw Error(ExitCode::write_output_error, write_error(m_path, error.message()));
    }
    for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
        m_temp_path = parent / ("." + m_path.filename().string() + ".tmp-" + random_suffix());
        m_fd = ::open(m_temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd >= 0) {
            return;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    const int saved = errno;
    m_temp_path.clear();
    fail(saved);
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_committed && !m_temp_path.empty()) {
        ::unlink(m_temp_path.c_str());
    }
}

void AtomicFile::write(std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(m_fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(errno);
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

void AtomicFile::commit(Durability durability) {
    const bool synced = durability == Durability::synced;
    if (synced && ::fsync(m_fd) != 0) {
        fail(errno);
    }
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) {
        fail(errno);
    }
    if (::rename(m_temp_path.c_str(), m_path.c_str()) != 0) {
        fail(errno);
    }
    m_committed = true;
    if (synced) {
        sync_directory(m_temp_path.parent_path());
    }
}

void AtomicFile::fail(int error_number) const {
    throw Error(ExitCode::write_output_error,
                write_error(m_path, std::generic_category().message(error_number)));
}

void check_writable(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        throw Error(ExitCode::write_output_error,
                    write_error(path, std::generic_category().message(EISDIR)));
    }
    const AtomicFile probe(path);
    // The destructor removes the probe; nothing is published.
}

} // namespace ptest::base
