// Tests of the progress view's text: the first line's clock, bar and counts, its width, the
// running tests named under it and the line for the rest, and the status lines' counter.
#include "terminal_fixture.hpp"

#include "reporter/terminal/progress_lines.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;

namespace {

const WallClock::time_point k_now = WallClock::time_point{} + std::chrono::hours(1);

RunningEntry running_test(std::string name, std::int64_t millis, StatusWord word = {}) {
    RunningEntry entry;
    entry.test = id("gtest_basic", std::move(name));
    entry.word = std::move(word);
    entry.since = k_now - ms(millis);
    return entry;
}

ProgressSnapshot snapshot_of(const std::vector<RunningEntry>& entries, std::uint32_t running) {
    ProgressSnapshot snapshot;
    snapshot.elapsed = std::chrono::seconds(65);
    snapshot.total = 40;
    snapshot.done = 12;
    snapshot.running = running;
    snapshot.passed = 11;
    snapshot.failed = 1;
    snapshot.entries = &entries;
    snapshot.now = k_now;
    return snapshot;
}

} // namespace

TEST_SUITE("reporter::progress_lines") {
    TEST_CASE("the first line has the elapsed time, a bar as wide as the terminal and the counts") {
        const std::vector<RunningEntry> entries;
        const auto lines = progress_lines(snapshot_of(entries, 0), 80, 8, false);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].size() == 79); // The last column stays free, so the line never wraps.
        CHECK(lines[0] == "     Running [00:01:05] [====>          ] 12/40: 0 running, 11 passed, "
                          "1 failed");
    }

    TEST_CASE("a bar fills with the finished tests and is left out when it would be too narrow") {
        const std::vector<RunningEntry> entries;
        ProgressSnapshot snapshot = snapshot_of(entries, 0);
        snapshot.done = 40;
        CHECK(progress_lines(snapshot, 90, 8, false)[0].find("[" + std::string(25, '=') + "]") !=
              std::string::npos);
        snapshot.done = 0;
        CHECK(progress_lines(snapshot, 90, 8, false)[0].find("[>    ") != std::string::npos);
        // 62 columns of text leave 7 of 70 for the bar: fewer than its minimum of 10.
        snapshot.done = 12;
        CHECK(progress_lines(snapshot, 70, 8, false)[0] ==
              "     Running [00:01:05] 12/40: 0 running, 11 passed, 1 failed");
        CHECK(progress_lines(snapshot, 0, 8, false)[0] ==
              "     Running [00:01:05] 12/40: 0 running, 11 passed, 1 failed");
    }

    TEST_CASE("failures are counted once there are any, and a cancel changes the word") {
        const std::vector<RunningEntry> entries;
        ProgressSnapshot snapshot = snapshot_of(entries, 2);
        snapshot.failed = 0;
        CHECK(progress_lines(snapshot, 0, 8, false)[0] ==
              "     Running [00:01:05] 12/40: 2 running, 11 passed");
        snapshot.cancel = CancelState::interrupt;
        CHECK(progress_lines(snapshot, 0, 8, false)[0] ==
              "  Cancelling [00:01:05] 12/40: 2 running, 11 passed");
        snapshot.cancel = CancelState::second_signal;
        CHECK(progress_lines(snapshot, 0, 8, false)[0].rfind("     Killing [", 0) == 0);
    }

    TEST_CASE("each running test gets a line with its word and its time in that state") {
        const std::vector<RunningEntry> entries{
            running_test("Math.Adds", 3402),
            running_test("Flaky.Third", 100, {"TRY 2", Style::retry}),
            running_test("Flaky.Other", 512, {"DELAY", Style::retry}),
        };
        const auto lines = progress_lines(snapshot_of(entries, 3), 0, 8, false);
        CHECK(lines == std::vector<std::string>{
                           "     Running [00:01:05] 12/40: 3 running, 11 passed, 1 failed",
                           "             [   3.402s] gtest_basic Math.Adds",
                           "       TRY 2 [   0.100s] gtest_basic Flaky.Third",
                           "       DELAY [   0.512s] gtest_basic Flaky.Other",
                       });
    }

    TEST_CASE("past the maximum the oldest tests are named and one line counts the rest") {
        const std::vector<RunningEntry> entries{running_test("A", 3), running_test("B", 2),
                                                running_test("C", 1)};
        const auto lines = progress_lines(snapshot_of(entries, 3), 0, 2, false);
        REQUIRE(lines.size() == 4);
        CHECK(lines[1].find("gtest_basic A") != std::string::npos);
        CHECK(lines[2].find("gtest_basic B") != std::string::npos);
        CHECK(lines[3] == "             ... and 1 more running");
        CHECK(progress_lines(snapshot_of(entries, 3), 0, k_unlimited_progress_running, false)
                  .size() == 4);
        CHECK(progress_lines(snapshot_of(entries, 3), 0, 0, false).size() == 1);
    }

    TEST_CASE("running units no event names, such as a batch, are counted, never named") {
        const std::vector<RunningEntry> entries{running_test("A", 3)};
        const auto lines = progress_lines(snapshot_of(entries, 3), 0, 8, false);
        REQUIRE(lines.size() == 3);
        CHECK(lines[2] == "             ... and 2 more running");
    }

    TEST_CASE("a running script is named under its kind") {
        RunningEntry script;
        script.script = "db";
        script.word = {"SETUP", Style::pass};
        script.since = k_now - ms(1200);
        const std::vector<RunningEntry> entries{script};
        const auto lines = progress_lines(snapshot_of(entries, 0), 0, 8, false);
        REQUIRE(lines.size() == 2);
        CHECK(lines[1] == "       SETUP [   1.200s] db");
    }

    TEST_CASE("with colour the counts and names are painted and the text stays the same") {
        const std::vector<RunningEntry> entries{running_test("A", 3)};
        const auto lines = progress_lines(snapshot_of(entries, 1), 0, 8, true);
        CHECK(lines[0].find("     \x1b[1;31mRunning\x1b[0m") == 0); // Red: a test failed.
        CHECK(lines[1].find("\x1b[1;34mA\x1b[0m") != std::string::npos);
    }

    TEST_CASE("the counter right-aligns the finished count to the total's width") {
        CHECK(progress_counter(3, 12) == "( 3/12)");
        CHECK(progress_counter(12, 12) == "(12/12)");
        CHECK(progress_counter(7, 120) == "(  7/120)");
    }
}
