// SignalHandler on POSIX. Ctrl-Z is handled by pausing the tests first and only then stopping
// ptest with SIGSTOP, so the tests' timers do not run out while the user has them suspended.
#include "runner/schedule/signals.hpp"

#include <signal.h>
#include <unistd.h>

namespace ptest::runner {

SignalHandler::SignalHandler(boost::asio::io_context& io, SignalCallbacks callbacks)
    : m_interrupts(io, SIGINT, SIGTERM, SIGHUP), m_stop(io, SIGTSTP), m_continue(io, SIGCONT),
      m_status(io, SIGUSR1), m_callbacks(std::move(callbacks)) {
    wait_interrupt();
    wait_stop();
    wait_continue();
    wait_status();
}

void SignalHandler::cancel() {
    boost::system::error_code ignored;
    m_interrupts.cancel(ignored);
    m_stop.cancel(ignored);
    m_continue.cancel(ignored);
    m_status.cancel(ignored);
}

void SignalHandler::wait_interrupt() {
    m_interrupts.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (ec) {
            return;
        }
        if (m_callbacks.on_interrupt) {
            m_callbacks.on_interrupt(signal);
        }
        wait_interrupt();
    });
}

void SignalHandler::wait_stop() {
    m_stop.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) {
            return;
        }
        if (m_callbacks.on_pause) {
            m_callbacks.on_pause();
        }
        ::kill(::getpid(), SIGSTOP);
        wait_stop();
    });
}

void SignalHandler::wait_continue() {
    m_continue.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) {
            return;
        }
        if (m_callbacks.on_resume) {
            m_callbacks.on_resume();
        }
        wait_continue();
    });
}

void SignalHandler::wait_status() {
    m_status.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) {
            return;
        }
        if (m_callbacks.on_status) {
            m_callbacks.on_status();
        }
        wait_status();
    });
}

} // namespace ptest::runner
