// ManualClock: each timer keeps its one pending wait; the clock finds the earliest, sets the time
// to its expiry and posts its handler, exactly as an Asio timer would complete on the loop.
#include "manual_clock.hpp"

#include <boost/asio/post.hpp>

#include <stdexcept>
#include <vector>

namespace ptest::runner::test_support {

/// A timer of a ManualClock. At most one wait at a time, which is all ptest's code uses.
class ManualTimer final : public LoopTimer {
public:
    explicit ManualTimer(ManualClock& clock) : m_clock(&clock), m_expiry(clock.now()) {
        m_clock->m_timers.insert(this);
    }
    ManualTimer(const ManualTimer&) = delete;
    ManualTimer& operator=(const ManualTimer&) = delete;
    ~ManualTimer() override {
        if (m_clock != nullptr) {
            complete(true);
            m_clock->m_timers.erase(this);
        }
    }

    void expires_after(base::Duration after) override {
        complete(true);
        m_expiry = m_clock->now() + after;
    }

    [[nodiscard]] base::Clock::time_point expiry() const override { return m_expiry; }

    void async_wait(std::function<void(bool aborted)> handler) override {
        if (m_handler) {
            throw std::logic_error("ManualTimer: a second wait while one is pending");
        }
        m_handler = std::move(handler);
        m_order = ++m_clock->m_waits_started;
    }

    void cancel() override { complete(true); }

    /// Post the pending handler (if any) with `aborted`.
    void complete(bool aborted) {
        if (!m_handler || m_clock == nullptr) {
            return;
        }
        boost::asio::post(m_clock->m_io,
                          [handler = std::move(m_handler), aborted] { handler(aborted); });
        m_handler = nullptr;
    }

    /// Forget the clock and drop the pending wait without running it.
    std::function<void(bool)> detach() {
        m_clock = nullptr;
        std::function<void(bool)> handler = std::move(m_handler);
        m_handler = nullptr;
        return handler;
    }

    [[nodiscard]] bool waiting() const { return static_cast<bool>(m_handler); }
    [[nodiscard]] std::uint64_t order() const { return m_order; }

private:
    ManualClock* m_clock;
    base::Clock::time_point m_expiry;
    std::function<void(bool aborted)> m_handler;
    std::uint64_t m_order = 0;
};

ManualClock::~ManualClock() {
    // Dropping a handler may destroy the attempt that owns other timers: detach them all first.
    std::vector<std::function<void(bool)>> dropped;
    for (ManualTimer* timer : m_timers) {
        dropped.push_back(timer->detach());
    }
    m_timers.clear();
    dropped.clear();
}

base::WallClock::time_point ManualClock::wall_now() const {
    // 2026-01-01T00:00:00Z, so that timestamps in results are plausible and repeatable.
    constexpr base::WallClock::time_point k_wall_start{std::chrono::seconds(1767225600)};
    return k_wall_start + std::chrono::duration_cast<base::WallClock::duration>(elapsed());
}

std::unique_ptr<LoopTimer> ManualClock::make_timer() {
    return std::make_unique<ManualTimer>(*this);
}

void ManualClock::run_ready() {
    // poll() stops the io_context when it runs out of work, which a loop with no real I/O
    // always does: restart it each time.
    m_io.restart();
    m_io.poll();
}

ManualTimer* ManualClock::earliest() const {
    ManualTimer* first = nullptr;
    for (ManualTimer* timer : m_timers) {
        if (!timer->waiting()) {
            continue;
        }
        if (first == nullptr || timer->expiry() < first->expiry() ||
            (timer->expiry() == first->expiry() && timer->order() < first->order())) {
            first = timer;
        }
    }
    return first;
}

bool ManualClock::advance_to_next() {
    run_ready();
    ManualTimer* next = earliest();
    if (next == nullptr) {
        return false;
    }
    m_now = std::max(m_now, next->expiry());
    next->complete(false);
    run_ready();
    return true;
}

void ManualClock::advance(base::Duration by) {
    const base::Clock::time_point target = m_now + by;
    run_ready();
    for (ManualTimer* next = earliest(); next != nullptr && next->expiry() <= target;
         next = earliest()) {
        m_now = std::max(m_now, next->expiry());
        next->complete(false);
        run_ready();
    }
    m_now = target;
    run_ready();
}

std::size_t ManualClock::pending() const {
    std::size_t count = 0;
    for (ManualTimer* timer : m_timers) {
        count += timer->waiting() ? 1 : 0;
    }
    return count;
}

} // namespace ptest::runner::test_support
