// Fd and Pipe: the only place descriptors are closed or pipes created.
#include "base/fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ptest::base {

void Fd::reset(int fd) noexcept {
    if (m_fd >= 0) {
        // EINTR on close still releases the descriptor on Linux; retrying would be a bug.
        ::close(m_fd);
    }
    m_fd = fd;
}

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    return Pipe{Fd(fds[0]), Fd(fds[1])};
}

} // namespace ptest::base
