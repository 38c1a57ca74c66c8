// RAII ownership of a POSIX file descriptor, and a close-on-exec pipe built from two of them.
#pragma once

#include <utility>

namespace ptest::base {

/// Owns one file descriptor and closes it on destruction. Move-only. `-1` means empty.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) noexcept : m_fd(fd) {}
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            reset(std::exchange(other.m_fd, -1));
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }

    /// The descriptor, still owned by this object.
    [[nodiscard]] int get() const noexcept { return m_fd; }
    [[nodiscard]] bool valid() const noexcept { return m_fd >= 0; }
    /// Give up ownership without closing.
    int release() noexcept { return std::exchange(m_fd, -1); }
    /// Close the current descriptor (if any) and own `fd` instead.
    void reset(int fd = -1) noexcept;

private:
    int m_fd = -1;
};

/// A pipe whose both ends are close-on-exec; the child gets its end through dup2 only.
struct Pipe {
    Fd read_end;
    Fd write_end;
};

/// Create a close-on-exec pipe. Throws `std::system_error` on failure.
Pipe make_pipe();

} // namespace ptest::base
