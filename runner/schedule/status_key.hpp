// The `t` key: while ptest runs in the foreground of a terminal, pressing `t` asks for the status
// of the running tests, as SIGUSR1 does (nextest's "press t"). Keys are read from standard input
// as they are typed (no Enter, no echo); Ctrl-C and Ctrl-Z keep their meaning. The terminal gets
// its own settings back whenever ptest stops (Ctrl-Z) and when the run ends.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <functional>
#include <memory>

struct termios;

namespace ptest::runner {

/// Reads the `t` key from a terminal on standard input. Does nothing when standard input is no
/// terminal or ptest is not in its foreground. Single-threaded: the loop's thread only.
class StatusKey {
public:
    /// Start reading keys on `io`; `on_status` runs on the loop thread for each `t`.
    StatusKey(boost::asio::io_context& io, std::function<void()> on_status);
    StatusKey(const StatusKey&) = delete;
    StatusKey& operator=(const StatusKey&) = delete;
    /// Restores the terminal's settings.
    ~StatusKey();

    /// Give the terminal its settings back and stop reading (before ptest stops itself).
    void suspend();
    /// Read keys again after ptest was continued, if it is in the terminal's foreground now.
    void resume();

private:
    void wait_for_key();

    boost::asio::posix::stream_descriptor m_input;
    std::function<void()> m_on_status;
    std::unique_ptr<termios> m_saved; ///< The terminal's own settings while ours are in force.
    bool m_active = false;
};

} // namespace ptest::runner
