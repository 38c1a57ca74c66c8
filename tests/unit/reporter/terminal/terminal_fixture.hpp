// Helpers for the terminal reporter's tests: hand-built events with fixed durations, a run of
// events through a TerminalReporter into a string, and snapshot comparison against the files in
// tests/snapshots/terminal/ (set PTEST_UPDATE_SNAPSHOTS=1 to rewrite them).
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/terminal_reporter.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ptest::reporter::fixture {

inline Duration ms(std::int64_t n) {
    return std::chrono::milliseconds(n);
}

inline TestId id(std::string binary, std::string name) {
    return TestId{std::move(binary), std::move(name)};
}

/// One attempt with a fixed duration.
inline AttemptResult attempt(AttemptStatus status, std::int64_t millis, std::uint32_t number = 1,
                             std::uint32_t total = 1) {
    AttemptResult result;
    result.status = status;
    result.duration = ms(millis);
    result.attempt = number;
    result.total_attempts = total;
    if (status == AttemptStatus::fail) {
        result.exit_code = 1;
    }
    return result;
}

inline AttemptResult with_output(AttemptResult result, std::string out, std::string err) {
    result.stdout_output.text = std::move(out);
    result.stderr_output.text = std::move(err);
    return result;
}

inline TestFinished finished(TestId test, std::vector<AttemptResult> attempts,
                             std::uint32_t running = 0) {
    TestFinished event;
    event.test = std::move(test);
    event.attempts = std::move(attempts);
    event.running = running;
    return event;
}

inline RunStarted run_started(std::uint32_t tests, std::uint32_t binaries,
                              std::uint32_t skipped = 0) {
    RunStarted event;
    event.run_id = "00000000-0000-4000-8000-000000000000";
    event.test_count = tests;
    event.binary_count = binaries;
    event.skipped_count = skipped;
    return event;
}

inline RunFinished run_finished(RunStats stats, std::int64_t millis, std::uint32_t not_run = 0) {
    RunFinished event;
    event.run_id = "00000000-0000-4000-8000-000000000000";
    event.elapsed = ms(millis);
    event.stats = stats;
    event.not_run = not_run;
    return event;
}

/// Feed `events` to a TerminalReporter (colourless unless `color`) and return what it printed.
/// Unless `options` bring a clock, time stands still.
inline std::string render(const profiles::Profile& profile, const std::vector<Event>& events,
                          TerminalOptions options = {}, bool color = false) {
    std::string out;
    LinePrinter printer(out, color);
    if (!options.now) {
        // A clock that stands still: the periodic progress lines of a pipe never fall due.
        options.now = [] { return WallClock::time_point{}; };
    }
    TerminalReporter reporter(printer, profile, options);
    for (const Event& event : events) {
        reporter.report(event);
    }
    return out;
}

/// Compare `actual` with tests/snapshots/terminal/<name>.txt, or rewrite that file when
/// PTEST_UPDATE_SNAPSHOTS=1.
inline void check_snapshot(const std::string& name, const std::string& actual) {
    const std::filesystem::path path = std::filesystem::path(PTEST_SOURCE_DIR) / "tests" /
                                       "snapshots" / "terminal" / (name + ".txt");
    const char* update = std::getenv("PTEST_UPDATE_SNAPSHOTS");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        MESSAGE("rewrote snapshot " << path.string());
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        FAIL_CHECK("missing snapshot " << path.string()
                                       << " (run with PTEST_UPDATE_SNAPSHOTS=1 to create it)");
        return;
    }
    std::stringstream expected;
    expected << file.rdbuf();
    INFO("snapshot " << path.string() << " (PTEST_UPDATE_SNAPSHOTS=1 rewrites it)");
    CHECK(actual == expected.str());
}

} // namespace ptest::reporter::fixture
