// A LoopClock for unit tests whose time moves only when the test says so. Its timers complete on
// the real io_context of the test (as posted handlers), in expiry order, each at its own time, so
// a test of the scheduler or of an attempt runs the same code as production with no waiting.
#pragma once

#include "runner/process/loop_clock.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <set>

namespace ptest::runner::test_support {

class ManualTimer;

/// Manual time on `io`. Starts at an arbitrary fixed instant. Must outlive nothing: timers that
/// outlive it are detached (their waits dropped) when it is destroyed.
class ManualClock final : public LoopClock {
public:
    explicit ManualClock(boost::asio::io_context& io) : m_io(io) {}
    ManualClock(const ManualClock&) = delete;
    ManualClock& operator=(const ManualClock&) = delete;
    ~ManualClock() override;

    [[nodiscard]] base::Clock::time_point now() const override { return m_now; }
    /// A fixed calendar instant plus the manual time elapsed since the start.
    [[nodiscard]] base::WallClock::time_point wall_now() const override;
    [[nodiscard]] std::unique_ptr<LoopTimer> make_timer() override;

    /// The manual time elapsed since the clock was made.
    [[nodiscard]] base::Duration elapsed() const { return m_now - k_start; }

    /// Run every handler that is ready on the loop, without moving time.
    void run_ready();

    /// Run what is ready, then move time to the earliest pending wait (if it is in the future),
    /// expire it and run what is ready again. Returns false when no wait was pending.
    bool advance_to_next();

    /// Move time forward by `by`, expiring every wait due on the way at its own time and running
    /// what is ready after each.
    void advance(base::Duration by);

    /// The number of timer waits pending.
    [[nodiscard]] std::size_t pending() const;

private:
    friend class ManualTimer;
    static constexpr base::Clock::time_point k_start{std::chrono::hours(1000)};

    /// The pending wait that expires first (ties: the one started first), or null.
    [[nodiscard]] ManualTimer* earliest() const;

    boost::asio::io_context& m_io;
    base::Clock::time_point m_now = k_start;
    std::set<ManualTimer*> m_timers;
    std::uint64_t m_waits_started = 0;
};

} // namespace ptest::runner::test_support
