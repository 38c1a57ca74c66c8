// ptest's stdout set aside for the NDJSON stream (see event_stream.hpp).
#include "runner/cli/event_stream.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

namespace ptest::cli {

EventStream::EventStream() {
    std::fflush(stdout);
    // Above 2, so the stream never takes the place of a standard descriptor.
    m_fd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (m_fd < 0) {
        throw Error(ExitCode::write_output_error,
                    std::string("cannot write the NDJSON stream to stdout: ") +
                        std::strerror(errno));
    }
    if (::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        const int error = errno;
        ::close(m_fd);
        throw Error(ExitCode::write_output_error,
                    std::string("cannot move stdout aside for the NDJSON stream: ") +
                        std::strerror(error));
    }
    m_old_sigpipe = std::signal(SIGPIPE, SIG_IGN);
}

EventStream::~EventStream() {
    std::fflush(stdout);
    ::dup2(m_fd, STDOUT_FILENO);
    ::close(m_fd);
    std::signal(SIGPIPE, m_old_sigpipe == SIG_ERR ? SIG_DFL : m_old_sigpipe);
}

} // namespace ptest::cli
