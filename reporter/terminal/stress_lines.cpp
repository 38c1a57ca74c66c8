// The stress run's lines (see stress_lines.hpp), in the status-line alignment of the report.
#include "reporter/terminal/stress_lines.hpp"

#include "reporter/terminal/status_line.hpp"

#include <chrono>
#include <cstdio>

namespace ptest::reporter {

namespace {

std::string seconds_text(Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3fs", std::chrono::duration<double>(duration).count());
    return text;
}

/// `/3` after an iteration number when the run has a count limit; empty otherwise.
std::string of_count(const StressLimits& limits) {
    return limits.count ? "/" + std::to_string(*limits.count) : std::string();
}

} // namespace

std::string stress_header(const StressIterationStarted& event, bool color) {
    const StressLimits& limits = event.limits;
    std::string line = aligned_word({"STRESS", Style::pass}, color) + " " +
                       std::to_string(event.iteration) + of_count(limits);
    line += " (" + seconds_text(event.elapsed) + " elapsed so far";
    if (limits.count) {
        const std::uint64_t left = *limits.count - event.iteration + 1;
        line +=
            ", " + std::to_string(left) + (left == 1 ? " iteration" : " iterations") + " remaining";
    } else if (limits.duration) {
        const Duration left = *limits.duration - event.elapsed;
        line +=
            ", " + seconds_text(left < Duration::zero() ? Duration::zero() : left) + " remaining";
    }
    return line + ")";
}

std::string stress_verdict(const StressIterationFinished& event, bool color) {
    return aligned_word({"STRESS", event.failed ? Style::fail : Style::pass}, color) + " " +
           bracketed_duration(event.elapsed) + " iteration " + std::to_string(event.iteration) +
           of_count(event.limits) + ": " + (event.failed ? "failed" : "passed");
}

std::string stress_summary(const StressRunFinished& event, bool color) {
    const std::uint64_t run = event.passed + event.failed;
    std::string line =
        aligned_word({"STRESS", event.failed > 0 ? Style::fail : Style::pass}, color) + " " +
        bracketed_duration(event.elapsed) + " " + std::to_string(run) + of_count(event.limits);
    line += (run == 1 && !event.limits.count ? " iteration run: " : " iterations run: ") +
            std::to_string(event.passed) + " passed, " + std::to_string(event.failed) + " failed";
    return line;
}

} // namespace ptest::reporter
