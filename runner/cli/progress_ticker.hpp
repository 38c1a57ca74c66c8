// A repeating timer on the run's event loop that calls the terminal reporter's `tick`, so the
// progress bar's clocks move on (and the periodic lines come out) while no event arrives. It only
// fires while the loop runs; between the passes of a stress run it waits.
#pragma once

#include "base/clock.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace ptest::cli {

/// Calls a callback every period on one io_context. Not copyable; single-threaded.
class ProgressTicker {
public:
    /// Call `tick` every `period` on `io`, which must outlive the ticker; no period: never.
    ProgressTicker(boost::asio::io_context& io, std::optional<base::Duration> period,
                   std::function<void()> tick);
    ProgressTicker(const ProgressTicker&) = delete;
    ProgressTicker& operator=(const ProgressTicker&) = delete;
    /// Cancels the timer; a tick already queued is dropped.
    ~ProgressTicker();

private:
    /// Wait one period, tick, and wait again.
    void arm();

    boost::asio::steady_timer m_timer;
    base::Duration m_period{0};
    std::function<void()> m_tick;
    /// Shared with the queued handler, which must not touch a ticker that is gone.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace ptest::cli
