// The progress ticker (see progress_ticker.hpp).
#include "runner/cli/progress_ticker.hpp"

namespace ptest::cli {

ProgressTicker::ProgressTicker(boost::asio::io_context& io, std::optional<base::Duration> period,
                               std::function<void()> tick)
    : m_timer(io), m_tick(std::move(tick)) {
    if (period && period->count() > 0) {
        m_period = *period;
        arm();
    }
}

ProgressTicker::~ProgressTicker() {
    *m_alive = false;
    m_timer.cancel();
}

void ProgressTicker::arm() {
    m_timer.expires_after(m_period);
    m_timer.async_wait([this, alive = m_alive](const boost::system::error_code& error) {
        if (error || !*alive) {
            return;
        }
        m_tick();
        arm();
    });
}

} // namespace ptest::cli
