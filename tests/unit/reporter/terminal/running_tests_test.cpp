// Tests of the running tests the progress view names, fed with events as the runner emits them
// for plain runs, retries, re-runs alone, batches, stress iterations and scripts.
#include "terminal_fixture.hpp"

#include "reporter/terminal/running_tests.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;

namespace {

const WallClock::time_point k_t0{};

WallClock::time_point at(std::int64_t millis) {
    return k_t0 + ms(millis);
}

/// `word name` for each entry, for compact comparisons.
std::vector<std::string> names(const RunningTests& running) {
    std::vector<std::string> out;
    for (const RunningEntry& entry : running.entries()) {
        const std::string name =
            entry.test ? entry.test->binary_id + " " + entry.test->name : entry.script;
        out.push_back(entry.word.text.empty() ? name : entry.word.text + " " + name);
    }
    return out;
}

} // namespace

TEST_SUITE("reporter::RunningTests") {
    TEST_CASE("a test is named from its start to its finish, in start order") {
        RunningTests running;
        running.update(run_started(3, 1), at(0));
        running.update(TestStarted{id("b", "one"), 1}, at(1));
        running.update(TestStarted{id("b", "two"), 2}, at(2));
        CHECK(names(running) == std::vector<std::string>{"b one", "b two"});
        CHECK(running.entries()[1].since == at(2));
        running.update(finished(id("b", "one"), {attempt(AttemptStatus::pass, 5)}, 1), at(3));
        CHECK(names(running) == std::vector<std::string>{"b two"});
        CHECK(running.test_count() == 1);
    }

    TEST_CASE("a retry waits as DELAY, then runs as TRY n with its own clock") {
        RunningTests running;
        running.update(TestStarted{id("b", "flaky"), 1}, at(0));
        running.update(TestAttemptFailedWillRetry{id("b", "flaky"),
                                                  attempt(AttemptStatus::fail, 5, 1, 3), ms(100)},
                       at(5));
        CHECK(names(running) == std::vector<std::string>{"DELAY b flaky"});
        CHECK(running.entries()[0].since == at(5));
        running.update(TestRetryStarted{id("b", "flaky"), 2, 3}, at(105));
        CHECK(names(running) == std::vector<std::string>{"TRY 2 b flaky"});
        CHECK(running.entries()[0].since == at(105));
        CHECK(running.test_count() == 1);
    }

    TEST_CASE("a test queued to re-run alone is not running until its re-run starts") {
        RunningTests running;
        running.update(TestStarted{id("b", "shy"), 1}, at(0));
        TestAttemptFailedWillRetry queued{id("b", "shy"), attempt(AttemptStatus::fail, 5), ms(0)};
        queued.rerun_alone = true;
        running.update(queued, at(5));
        CHECK(running.entries().empty());
        running.update(TestRetryStarted{id("b", "shy"), 2, 2, true}, at(50));
        CHECK(names(running) == std::vector<std::string>{"RERUN ALONE b shy"});
    }

    TEST_CASE("a slow test is marked SLOW, and in the failure style once it is being terminated") {
        RunningTests running;
        running.update(TestStarted{id("b", "hangs"), 1}, at(0));
        running.update(TestSlow{id("b", "hangs"), 1, 1, ms(500), false}, at(500));
        CHECK(names(running) == std::vector<std::string>{"SLOW b hangs"});
        CHECK(running.entries()[0].word.style == Style::skip);
        CHECK(running.entries()[0].since == at(0)); // Still the attempt's own clock.
        running.update(TestSlow{id("b", "hangs"), 1, 1, ms(1000), true}, at(1000));
        CHECK(running.entries()[0].word.style == Style::fail);
    }

    TEST_CASE("a batch's cases, reported started and finished together, leave nothing behind") {
        RunningTests running;
        running.update(TestStarted{id("b", "one"), 2}, at(10));
        running.update(finished(id("b", "one"), {attempt(AttemptStatus::pass, 1)}, 1), at(10));
        running.update(TestStarted{id("b", "two"), 2}, at(10));
        running.update(finished(id("b", "two"), {attempt(AttemptStatus::pass, 1)}, 1), at(10));
        CHECK(running.entries().empty());
    }

    TEST_CASE("a setup script is named while it runs, and a new stress iteration starts afresh") {
        RunningTests running;
        ScriptStarted setup;
        setup.name = "db";
        running.update(setup, at(0));
        CHECK(names(running) == std::vector<std::string>{"SETUP db"});
        CHECK(running.test_count() == 0);
        ScriptFinished done;
        done.result.name = "db";
        running.update(done, at(10));
        CHECK(running.entries().empty());

        running.update(TestStarted{id("b", "left"), 1}, at(20));
        running.update(run_started(1, 1), at(30));
        CHECK(running.entries().empty());
    }
}
