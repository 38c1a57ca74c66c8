// Tests of the terminal reporter's progress (`--show-progress`): the bar redrawn in place on a
// smart terminal with the running tests' names, the periodic plain lines of a pipe on an
// injected clock, the counter in status lines, and `only`. What a smart terminal finally shows
// is read through a small terminal emulator, so overwritten progress never counts.
#include "../../../support/terminal_screen.hpp"
#include "terminal_fixture.hpp"

#include "reporter/terminal/terminal_reporter.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;
using ptest::profiles::FinalStatusLevel;
using ptest::profiles::Profile;
using ptest::profiles::StatusLevel;
using ptest::testing::screen_text;

namespace {

/// Everything written to a FILE* opened with open_memstream.
class MemoryStream {
public:
    MemoryStream() : m_file(open_memstream(&m_buffer, &m_size)) {}
    ~MemoryStream() {
        std::fclose(m_file);
        std::free(m_buffer);
    }
    MemoryStream(const MemoryStream&) = delete;
    MemoryStream& operator=(const MemoryStream&) = delete;

    std::FILE* file() { return m_file; }
    /// What was written so far.
    std::string text() {
        std::fflush(m_file);
        return std::string(m_buffer, m_size);
    }

private:
    char* m_buffer = nullptr;
    std::size_t m_size = 0;
    std::FILE* m_file = nullptr;
};

/// A clock the test moves by hand.
struct ManualClock {
    WallClock::time_point now{};
    std::function<WallClock::time_point()> function() {
        return [this] { return now; };
    }
};

/// The screen's lines after the `Starting` line, without the empty one the cursor may sit on.
std::vector<std::string> lines_after_starting(const std::string& shown) {
    std::vector<std::string> lines;
    std::size_t start = shown.find('\n');
    while (start != std::string::npos && start + 1 < shown.size()) {
        const std::size_t end = shown.find('\n', start + 1);
        lines.push_back(shown.substr(start + 1, end == std::string::npos ? end : end - start - 1));
        start = end;
    }
    return lines;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

/// RunStarted without the run-id header lines.
RunStarted started_without_id(std::uint32_t tests) {
    RunStarted started = run_started(tests, 1);
    started.run_id.clear();
    return started;
}

RunStats passed_stats(std::uint32_t count) {
    RunStats stats;
    stats.initial_run_count = count;
    stats.finished_count = count;
    stats.passed = count;
    return stats;
}

} // namespace

TEST_SUITE("reporter::TerminalReporter progress") {
    TEST_CASE("on a smart terminal the bar names the running tests and is gone at the end") {
        MemoryStream stream;
        LinePrinter printer(stream.file(), false, true, 100);
        ManualClock clock;
        TerminalOptions options;
        options.now = clock.function();
        TerminalReporter reporter(printer, Profile{}, options);

        RunStarted started = run_started(3, 1);
        started.run_id.clear();
        reporter.report(started);
        clock.now += ms(100);
        reporter.report(TestStarted{id("b", "one"), 1});
        clock.now += ms(200);
        reporter.report(TestStarted{id("b", "two"), 2});
        clock.now += std::chrono::seconds(2);
        reporter.tick(); // Only the clocks moved: the bar is redrawn with them.
        const std::string shown = screen_text(stream.text());
        CHECK(shown == "    Starting 3 tests across 1 binary\n"
                       "     Running [00:00:02] [>" +
                           std::string(47, ' ') +
                           "] 0/3: 2 running, 0 passed\n"
                           "             [   2.200s] b one\n"
                           "             [   2.000s] b two");

        reporter.report(finished(id("b", "one"), {attempt(AttemptStatus::pass, 5)}, 1));
        CHECK(screen_text(stream.text()).find("b one\n     Running [") != std::string::npos);
        reporter.report(finished(id("b", "two"), {attempt(AttemptStatus::pass, 6)}, 0));
        reporter.report(finished(id("b", "three"), {attempt(AttemptStatus::pass, 7)}, 0));
        reporter.report(run_finished(passed_stats(3), 20));
        CHECK(screen_text(stream.text()) ==
              "    Starting 3 tests across 1 binary\n"
              "        PASS [   0.005s] b one\n"
              "        PASS [   0.006s] b two\n"
              "        PASS [   0.007s] b three\n"
              "------------\n"
              "     Summary [   0.020s] 3 tests run: 3 passed, 0 failed, 0 skipped\n");
        CHECK(reporter.tick_period() == std::chrono::milliseconds(100));
    }

    TEST_CASE("a bar taller than the terminal keeps to its height, and every line to its width") {
        MemoryStream stream;
        LinePrinter printer(stream.file(), false, true, 40, 3);
        TerminalOptions options;
        options.now = [] { return WallClock::time_point{}; };
        TerminalReporter reporter(printer, Profile{}, options);
        reporter.report(started_without_id(5));
        for (const char* name : {"a_rather_long_test_name_that_is_cut", "b", "c", "d"}) {
            reporter.report(TestStarted{id("bin", name), 1});
        }
        const std::string shown = screen_text(stream.text());
        const auto lines = lines_after_starting(shown);
        REQUIRE(lines.size() == 2); // Three rows: the block keeps one free.
        for (const std::string& line : lines) {
            CHECK(line.size() <= 39);
        }
        CHECK(lines[1] == "             [   0.000s] bin a_rathe...");
    }

    TEST_CASE("in a pipe the progress comes as plain lines once the interval has passed") {
        std::string out;
        LinePrinter printer(out, false);
        ManualClock clock;
        TerminalOptions options;
        options.now = clock.function();
        TerminalReporter reporter(printer, Profile{}, options);
        CHECK(reporter.tick_period() == std::chrono::seconds(1));

        reporter.report(started_without_id(2));
        reporter.report(TestStarted{id("b", "slow"), 1});
        clock.now += std::chrono::seconds(29);
        reporter.tick();
        CHECK(out.find("Running") == std::string::npos);
        clock.now += std::chrono::seconds(1);
        reporter.tick();
        clock.now += std::chrono::seconds(1);
        reporter.tick(); // Due again only 30 seconds after the last block.
        CHECK(out.find("\r") == std::string::npos);
        CHECK(out.find("\x1b") == std::string::npos);
        CHECK(out == "    Starting 2 tests across 1 binary\n"
                     "     Running [00:00:30] 0/2: 1 running, 0 passed\n"
                     "             [  30.000s] b slow\n");
        reporter.report(finished(id("b", "slow"), {attempt(AttemptStatus::pass, 30000)}, 0));
        clock.now += std::chrono::seconds(30);
        reporter.tick();
        CHECK(out.find("     Running [00:01:01] 1/2: 0 running, 1 passed\n") != std::string::npos);
    }

    TEST_CASE("in a pipe an interval of zero prints the progress after every event, not on ticks") {
        std::string out;
        LinePrinter printer(out, false);
        TerminalOptions options;
        options.now = [] { return WallClock::time_point{}; };
        options.progress_interval = Duration{0};
        TerminalReporter reporter(printer, Profile{}, options);
        RunStarted started = run_started(1, 1);
        reporter.report(started);
        reporter.report(TestStarted{id("b", "one"), 1});
        reporter.tick();
        reporter.report(finished(id("b", "one"), {attempt(AttemptStatus::pass, 5)}, 0));
        reporter.report(run_finished(passed_stats(1), 5));
        CHECK(count_of(out, "     Running [") == 3); // After RunStarted, TestStarted, TestFinished.
        CHECK(out.find("0/1: 1 running, 0 passed\n             [   0.000s] b one\n") !=
              std::string::npos);
    }

    TEST_CASE("counter puts the finished count in finished tests' lines and aligns the others") {
        TerminalOptions options;
        options.show_progress = ShowProgress::counter;
        Profile profile;
        profile.status_level = StatusLevel::all;
        const std::string out = render(
            profile,
            {run_started(12, 1, 1), TestSkipped{id("b", "skipped")}, TestStarted{id("b", "one"), 1},
             TestAttemptFailedWillRetry{id("b", "one"), attempt(AttemptStatus::fail, 3, 1, 2),
                                        ms(0)},
             TestRetryStarted{id("b", "one"), 2, 2},
             finished(
                 id("b", "one"),
                 {attempt(AttemptStatus::fail, 3, 1, 2), attempt(AttemptStatus::pass, 4, 2, 2)},
                 0)},
            options);
        CHECK(out.find("        SKIP [         ]         b skipped\n") != std::string::npos);
        CHECK(out.find("  TRY 1 FAIL [   0.003s]         b one\n") != std::string::npos);
        CHECK(out.find("   RETRY 2/2 [         ]         b one\n") != std::string::npos);
        CHECK(out.find("  TRY 2 PASS [   0.004s] ( 1/12) b one\n") != std::string::npos);
    }

    TEST_CASE("only hides passing tests and the closing list unless the levels were given") {
        const std::vector<Event> events{
            run_started(2, 1),
            TestStarted{id("b", "ok"), 1},
            finished(id("b", "ok"), {attempt(AttemptStatus::pass, 5)}, 0),
            finished(id("b", "bad"), {attempt(AttemptStatus::fail, 6)}, 0),
            run_finished(RunStats{}, 20),
        };
        const auto shown = [&events](const Profile& profile) {
            MemoryStream stream;
            LinePrinter printer(stream.file(), false, true, 100);
            TerminalOptions options;
            options.show_progress = ShowProgress::only;
            options.now = [] { return WallClock::time_point{}; };
            TerminalReporter reporter(printer, profile, options);
            for (const Event& event : events) {
                reporter.report(event);
            }
            return screen_text(stream.text());
        };
        Profile profile;
        profile.final_status_level = FinalStatusLevel::all;
        const std::string quiet = shown(profile);
        CHECK(quiet.find("PASS") == std::string::npos);
        CHECK(quiet.find("        FAIL [   0.006s] b bad\n") != std::string::npos);
        CHECK(quiet.find("------------\n     Summary [   0.020s] 0 tests run") !=
              std::string::npos);
        CHECK(count_of(quiet, "b bad") == 1); // No closing list.

        profile.sources["status-level"] = "command line";
        profile.sources["final-status-level"] = "environment";
        const std::string explicit_levels = shown(profile);
        CHECK(explicit_levels.find("        PASS [   0.005s] b ok\n") != std::string::npos);
        CHECK(count_of(explicit_levels, "b bad") == 2);
    }

    TEST_CASE("none and no-capture draw no progress and need no ticks") {
        TerminalOptions none;
        none.show_progress = ShowProgress::none;
        std::string out;
        LinePrinter printer(out, false);
        CHECK_FALSE(TerminalReporter(printer, Profile{}, none).tick_period().has_value());
        MemoryStream stream;
        LinePrinter smart(stream.file(), false, true, 80);
        TerminalOptions no_capture;
        no_capture.no_capture = true;
        TerminalReporter reporter(smart, Profile{}, no_capture);
        CHECK_FALSE(reporter.tick_period().has_value());
        reporter.report(run_started(1, 1));
        reporter.report(TestStarted{id("b", "one"), 1});
        CHECK(stream.text().find('\r') == std::string::npos);
    }

    TEST_CASE("a setup script is named on the bar, which steps aside while one passes output on") {
        const auto screen_during = [](bool captured) {
            MemoryStream stream;
            LinePrinter printer(stream.file(), false, true, 100);
            TerminalOptions options;
            options.now = [] { return WallClock::time_point{}; };
            TerminalReporter reporter(printer, Profile{}, options);
            RunStarted started = started_without_id(1);
            ptest::profiles::ScriptConfig db;
            db.capture_stdout = captured;
            db.capture_stderr = captured;
            started.profile.scripts.setup["db"] = db;
            reporter.report(started);
            ScriptStarted script;
            script.name = "db";
            reporter.report(script);
            return screen_text(stream.text());
        };
        const std::string captured = screen_during(true);
        CHECK(captured.find("\n       SETUP [   0.000s] db") != std::string::npos);
        const std::string passed_on = screen_during(false);
        CHECK(passed_on.find("Running [") == std::string::npos);
        CHECK(passed_on.find("SETUP [1/1] db") != std::string::npos);
    }
}
