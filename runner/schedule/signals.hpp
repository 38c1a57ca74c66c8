// Signals as event-loop completions: SIGINT, SIGTERM and SIGHUP cancel the run (a second one
// kills), SIGTSTP pauses the tests and stops ptest, SIGCONT resumes them, SIGUSR1 asks for the
// status of the running tests.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <functional>

namespace ptest::runner {

/// What to do for each kind of signal; each callback runs on the loop thread.
struct SignalCallbacks {
    std::function<void(int signal)> on_interrupt;
    std::function<void()> on_pause;  ///< Before ptest stops itself.
    std::function<void()> on_resume; ///< After ptest was continued.
    std::function<void()> on_status; ///< SIGUSR1: say what runs.
};

/// Installs the handlers for its lifetime. While it exists, ptest is not killed by SIGINT,
/// SIGTERM, SIGHUP or SIGUSR1: the callbacks decide. Children start with every signal at its
/// default disposition (spawn_posix.cpp), so none inherits these handlers.
class SignalHandler {
public:
    SignalHandler(boost::asio::io_context& io, SignalCallbacks callbacks);

    /// Stop listening (the loop can then run out of work).
    void cancel();

private:
    void wait_interrupt();
    void wait_stop();
    void wait_continue();
    void wait_status();

    boost::asio::signal_set m_interrupts;
    boost::asio::signal_set m_stop;
    boost::asio::signal_set m_continue;
    boost::asio::signal_set m_status;
    SignalCallbacks m_callbacks;
};

} // namespace ptest::runner
