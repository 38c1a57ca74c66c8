// The terminal reporter's progress (see terminal_reporter.hpp and progress_mode.hpp): the bar
// redrawn after every event and tick on a smart terminal, the periodic plain lines elsewhere, and
// the counter column of status lines. The text itself comes from progress_lines.
#include "reporter/terminal/terminal_reporter.hpp"

#include <algorithm>

namespace ptest::reporter {

namespace {

/// How often the bar is redrawn, as nextest's: ten times a second.
constexpr Duration k_bar_tick = std::chrono::milliseconds(100);
/// How often, at most, the periodic lines are checked for being due.
constexpr Duration k_periodic_tick = std::chrono::seconds(1);

} // namespace

void TerminalReporter::tick() {
    if (m_display.periodic && m_options.progress_interval == Duration{0}) {
        return; // Lines after every event are plenty; ticks would only repeat them.
    }
    update_progress();
}

std::optional<Duration> TerminalReporter::tick_period() const {
    if (m_display.bar) {
        return k_bar_tick;
    }
    if (m_display.periodic) {
        return std::clamp(m_options.progress_interval, k_bar_tick, k_periodic_tick);
    }
    return std::nullopt;
}

void TerminalReporter::update_progress() {
    if (!m_display.bar && !m_display.periodic) {
        return;
    }
    if (!m_progress_active || m_script_passthrough) {
        m_printer.clear_progress();
        return;
    }
    const bool color = m_printer.color();
    if (m_display.bar) {
        const int columns = m_printer.columns() > 0 ? m_printer.columns() : 80;
        m_printer.set_progress_lines(
            progress_lines(snapshot(), columns, m_options.max_running, color));
        return;
    }
    const WallClock::time_point now = m_now();
    if (now < m_next_periodic) {
        return;
    }
    // Plain lines, never overprinted: a CI log keeps every one of them. A block that says nothing
    // new (events that change no count, with an interval of 0) is left out.
    m_next_periodic = now + m_options.progress_interval;
    const std::vector<std::string> lines =
        progress_lines(snapshot(), 0, m_options.max_running, color);
    if (lines == m_last_periodic) {
        return;
    }
    for (const std::string& line : lines) {
        m_printer.print_line(line);
    }
    m_last_periodic = lines;
}

ProgressSnapshot TerminalReporter::snapshot() const {
    ProgressSnapshot snapshot;
    snapshot.now = m_now();
    snapshot.elapsed = std::max(Duration{0}, Duration(snapshot.now - m_start_time));
    snapshot.total = m_test_count;
    snapshot.done = m_finished;
    snapshot.running = m_running;
    snapshot.passed = m_passed;
    snapshot.failed = m_failed;
    snapshot.cancel = m_cancel;
    snapshot.entries = &m_running_tests.entries();
    return snapshot;
}

std::string TerminalReporter::with_counter(std::string bracket, std::uint32_t index) const {
    if (!m_display.counter) {
        return bracket;
    }
    const std::string counter = progress_counter(index, m_test_count);
    return bracket + " " + (index > 0 ? counter : std::string(counter.size(), ' '));
}

} // namespace ptest::reporter
