// ChildReaper on POSIX: SIGCHLD through Asio's signal_set, so exits are ordinary completions.
#include "runner/process/child_reaper.hpp"

#include <boost/asio/post.hpp>

#include <sys/wait.h>

#include <csignal>

namespace ptest::runner {

ExitStatus decode_wait_status(int status) noexcept {
    if (WIFSIGNALED(status)) {
        return ExitStatus{true, WTERMSIG(status)};
    }
    return ExitStatus{false, WEXITSTATUS(status)};
}

ChildReaper::ChildReaper(boost::asio::io_context& io) : m_io(io), m_sigchld(io, SIGCHLD) {
    wait_for_signal();
}

void ChildReaper::watch(pid_t pid, std::function<void(ExitStatus)> on_exit) {
    m_watched.emplace(pid, std::move(on_exit));
    // A child that exited before we were watching it raised SIGCHLD already; look once more.
    boost::asio::post(m_io, [this] { reap(); });
}

void ChildReaper::wait_for_signal() {
    m_sigchld.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) {
            return;
        }
        reap();
        wait_for_signal();
    });
}

void ChildReaper::reap() {
    // Signals coalesce, so reap everything that is ready, not just one child.
    for (;;) {
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            return;
        }
        auto it = m_watched.find(pid);
        if (it == m_watched.end()) {
            continue; // An orphaned descendant re-parented to us; nothing to report.
        }
        auto callback = std::move(it->second);
        m_watched.erase(it);
        callback(decode_wait_status(status));
    }
}

} // namespace ptest::runner
