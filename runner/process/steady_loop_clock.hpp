// The production LoopClock: std::chrono's steady and system clocks, and Boost.Asio steady timers
// on the run's io_context.
#pragma once

#include "runner/process/loop_clock.hpp"

#include <boost/asio/io_context.hpp>

namespace ptest::runner {

/// Real time on `io`. The io_context must outlive the clock and every timer it makes.
class SteadyLoopClock final : public LoopClock {
public:
    explicit SteadyLoopClock(boost::asio::io_context& io) : m_io(io) {}

    [[nodiscard]] base::Clock::time_point now() const override { return base::Clock::now(); }
    [[nodiscard]] base::WallClock::time_point wall_now() const override {
        return base::WallClock::now();
    }
    [[nodiscard]] std::unique_ptr<LoopTimer> make_timer() override;

private:
    boost::asio::io_context& m_io;
};

} // namespace ptest::runner
