// ChildReaper turns child exits into completions on the event loop: one SIGCHLD signal_set, a
// waitpid(-1, WNOHANG) loop, and a callback per watched pid. Orphans re-parented to ptest (it is a
// subreaper) are reaped here too and simply dropped.
#pragma once

#include "runner/process/exit_status.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <sys/types.h>

#include <functional>
#include <unordered_map>

namespace ptest::runner {

/// Dispatches child exits to callbacks. Must be constructed before the first child is spawned,
/// and outlive every watched child.
class ChildReaper {
public:
    explicit ChildReaper(boost::asio::io_context& io);

    /// Call `on_exit` once when `pid` exits. Checks immediately too, in case it already has.
    void watch(pid_t pid, std::function<void(ExitStatus)> on_exit);

    /// Number of watched children still running.
    [[nodiscard]] std::size_t watched() const noexcept { return m_watched.size(); }

private:
    void wait_for_signal();
    void reap();

    boost::asio::io_context& m_io;
    boost::asio::signal_set m_sigchld;
    std::unordered_map<pid_t, std::function<void(ExitStatus)>> m_watched;
};

} // namespace ptest::runner
