// Time as the event loop sees it: the current time and timers whose completions run on the loop.
// The scheduler and the attempt state machine read the time and arm their timeouts only through
// this interface, so that unit tests can drive them with a manual clock instead of waiting.
#pragma once

#include "base/clock.hpp"

#include <functional>
#include <memory>

namespace ptest::runner {

/// One timer on the loop, with Asio's steady_timer semantics. Not thread-safe (loop thread only).
class LoopTimer {
public:
    LoopTimer() = default;
    LoopTimer(const LoopTimer&) = delete;
    LoopTimer& operator=(const LoopTimer&) = delete;
    /// Destroying a timer aborts its pending wait.
    virtual ~LoopTimer() = default;

    /// Set the expiry to `after` from now. A wait already pending completes as aborted.
    virtual void expires_after(base::Duration after) = 0;

    /// The time the timer expires (or expired) at.
    [[nodiscard]] virtual base::Clock::time_point expiry() const = 0;

    /// Call `handler` once on the loop, never from within this call: with `aborted` false when
    /// the timer expires, true when the wait was cancelled or the expiry changed first. As with
    /// Asio, a wait that expired but has not run yet can no longer be aborted.
    virtual void async_wait(std::function<void(bool aborted)> handler) = 0;

    /// Abort the pending wait, if any.
    virtual void cancel() = 0;
};

/// The loop's clocks and a factory for its timers. Not thread-safe (loop thread only).
class LoopClock {
public:
    LoopClock() = default;
    LoopClock(const LoopClock&) = delete;
    LoopClock& operator=(const LoopClock&) = delete;
    virtual ~LoopClock() = default;

    /// Monotonic time, for durations and deadlines.
    [[nodiscard]] virtual base::Clock::time_point now() const = 0;

    /// Calendar time, for timestamps shown to people and written to reports.
    [[nodiscard]] virtual base::WallClock::time_point wall_now() const = 0;

    /// A new timer, not yet armed. The clock must outlive it.
    [[nodiscard]] virtual std::unique_ptr<LoopTimer> make_timer() = 0;
};

} // namespace ptest::runner
