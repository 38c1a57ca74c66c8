// StatusKey on POSIX: non-canonical input without echo (ISIG stays on, so Ctrl-C and Ctrl-Z still
// send their signals), one byte read whenever the terminal is readable. The descriptor is a
// duplicate of standard input that is never made non-blocking: it is only waited on, and read
// when a byte is there, because the shell shares the open terminal after ptest exits.
#include "runner/schedule/status_key.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>

namespace ptest::runner {

namespace {

/// Standard input, duplicated, when it is a terminal and ptest is in its foreground; else -1.
int foreground_terminal() {
    if (::isatty(STDIN_FILENO) == 0 || ::tcgetpgrp(STDIN_FILENO) != ::getpgrp()) {
        return -1;
    }
    return ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
}

} // namespace

StatusKey::StatusKey(boost::asio::io_context& io, std::function<void()> on_status)
    : m_input(io), m_on_status(std::move(on_status)) {
    const int fd = foreground_terminal();
    if (fd < 0) {
        return;
    }
    m_input.assign(fd);
    resume();
}

StatusKey::~StatusKey() {
    suspend();
}

void StatusKey::suspend() {
    if (!m_active) {
        return;
    }
    m_active = false;
    boost::system::error_code ignored;
    m_input.cancel(ignored);
    if (m_saved) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, m_saved.get());
    }
}

void StatusKey::resume() {
    // Touching the terminal's settings from the background would stop ptest (SIGTTOU).
    if (m_active || !m_input.is_open() || ::tcgetpgrp(STDIN_FILENO) != ::getpgrp()) {
        return;
    }
    if (!m_saved) {
        m_saved = std::make_unique<termios>();
        if (::tcgetattr(STDIN_FILENO, m_saved.get()) != 0) {
            m_saved.reset();
            return;
        }
    }
    termios keys = *m_saved;
    keys.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
    keys.c_cc[VMIN] = 1;
    keys.c_cc[VTIME] = 0;
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &keys) != 0) {
        return;
    }
    m_active = true;
    wait_for_key();
}

void StatusKey::wait_for_key() {
    m_input.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [this](const boost::system::error_code& ec) {
                           if (ec || !m_active) {
                               return;
                           }
                           char key = 0;
                           const ssize_t got = ::read(m_input.native_handle(), &key, 1);
                           if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
                               return; // End of input, or a terminal gone: no more keys.
                           }
                           if (got > 0 && (key == 't' || key == 'T') && m_on_status) {
                               m_on_status();
                           }
                           wait_for_key();
                       });
}

} // namespace ptest::runner
