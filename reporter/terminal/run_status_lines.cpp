// Status-on-demand and slowest-tests lines (see run_status_lines.hpp).
#include "reporter/terminal/run_status_lines.hpp"

#include "reporter/terminal/status_line.hpp"

#include <cstdio>

namespace ptest::reporter {

namespace {

/// `3.201s`: seconds with three decimals.
std::string seconds_text(Duration duration) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3fs", std::chrono::duration<double>(duration).count());
    return buffer;
}

std::string running_line(const RunningTest& test, bool color) {
    const std::string slot = "(slot " + std::to_string(test.slot);
    const std::string pid = ", pid " + std::to_string(test.pid);
    if (test.batch_cases > 0) {
        return status_line({"BATCH", Style::retry}, bracketed_duration(test.elapsed), test.test,
                           color) +
               " " + slot + pid + ", " + std::to_string(test.batch_cases) + " cases)";
    }
    const std::string attempt =
        "attempt " + std::to_string(test.attempt) + "/" + std::to_string(test.total_attempts);
    if (test.pid == 0) {
        return status_line({"WAITING", Style::retry}, empty_duration(), test.test, color) + " " +
               slot + ", to retry after " + attempt + ")";
    }
    return status_line({"RUNNING", Style::pass}, bracketed_duration(test.elapsed), test.test,
                       color) +
           " " + slot + pid + ", " + attempt + ")";
}

} // namespace

std::vector<std::string> run_status_lines(const RunStatus& status, bool color) {
    std::vector<std::string> lines;
    lines.push_back(aligned_word({"STATUS", Style::pass}, color) + " " +
                    paint(std::to_string(status.running.size()), Style::count, color) +
                    " running, " + paint(std::to_string(status.finished), Style::count, color) +
                    "/" + std::to_string(status.total) + " finished after " +
                    seconds_text(status.elapsed));
    for (const RunningTest& test : status.running) {
        lines.push_back(running_line(test, color));
    }
    return lines;
}

std::vector<std::string> slowest_lines(const std::vector<TestTime>& slowest, bool color) {
    std::vector<std::string> lines;
    if (slowest.empty()) {
        return lines;
    }
    lines.push_back(aligned_word({"Slowest", Style::pass}, color) + " " +
                    paint(std::to_string(slowest.size()), Style::count, color) +
                    (slowest.size() == 1 ? " test" : " tests"));
    for (const TestTime& time : slowest) {
        std::string line =
            status_line({"", Style::pass}, bracketed_duration(time.duration), time.test, color);
        if (time.attempts > 1) {
            line += " (" + std::to_string(time.attempts) + " attempts)";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace ptest::reporter
