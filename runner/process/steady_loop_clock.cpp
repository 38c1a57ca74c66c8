// SteadyLoopClock's timers: a thin wrapper over boost::asio::steady_timer.
#include "runner/process/steady_loop_clock.hpp"

#include <boost/asio/steady_timer.hpp>

namespace ptest::runner {

namespace {

/// A LoopTimer that is an Asio steady_timer.
class SteadyTimer final : public LoopTimer {
public:
    explicit SteadyTimer(boost::asio::io_context& io) : m_timer(io) {}

    void expires_after(base::Duration after) override { m_timer.expires_after(after); }

    [[nodiscard]] base::Clock::time_point expiry() const override { return m_timer.expiry(); }

    void async_wait(std::function<void(bool aborted)> handler) override {
        m_timer.async_wait([handler = std::move(handler)](const boost::system::error_code& ec) {
            handler(static_cast<bool>(ec));
        });
    }

    void cancel() override { m_timer.cancel(); }

private:
    boost::asio::steady_timer m_timer;
};

} // namespace

std::unique_ptr<LoopTimer> SteadyLoopClock::make_timer() {
    return std::make_unique<SteadyTimer>(m_io);
}

} // namespace ptest::runner
