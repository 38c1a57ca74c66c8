// Tests of the Scheduler's admission rules with fake test cases on a manual clock: per-test
// settings (retries, a CTest-style timeout), test groups with max-threads, resource locks,
// run-serial tests, heavy tests, and the group and slot numbers each test is given.
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;

namespace {

/// The `running` count of every TestStarted, in order.
std::vector<std::uint32_t> running_at_start(const RunRecord& record) {
    std::vector<std::uint32_t> counts;
    for (const reporter::Event& event : record.events) {
        if (const auto* started = std::get_if<reporter::TestStarted>(&event)) {
            counts.push_back(started->running);
        }
    }
    return counts;
}

/// The names of the tests in the order they started.
std::vector<std::string> start_order(const RunRecord& record) {
    std::vector<std::string> names;
    for (const reporter::Event& event : record.events) {
        if (const auto* started = std::get_if<reporter::TestStarted>(&event)) {
            names.push_back(started->test.name);
        }
    }
    return names;
}

/// The stdout of the first attempt of every finished test.
std::vector<std::string> first_stdout(const RunRecord& record) {
    std::vector<std::string> texts;
    for (const reporter::Event& event : record.events) {
        if (const auto* finished = std::get_if<reporter::TestFinished>(&event)) {
            texts.push_back(finished->attempts.front().stdout_output.text);
        }
    }
    return texts;
}

const std::vector<std::string> k_four_quick = {"Quick.Passes", "Quick.Passes", "Quick.Passes",
                                               "Quick.Passes"};

} // namespace

TEST_SUITE("runner::Scheduler admission") {
    TEST_CASE("without limits, the first two tests start together on two workers") {
        RunRecord record = run(quiet_profile(), k_four_quick, 2);
        REQUIRE(record.finished);
        std::vector<std::uint32_t> counts = running_at_start(record);
        REQUIRE(counts.size() == 4);
        CHECK(counts[0] == 1);
        CHECK(counts[1] == 2);
    }

    TEST_CASE("a group with max-threads 1 never runs two of its tests at once") {
        RunRecord record = run(quiet_profile(), k_four_quick, 2, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions& options) {
                                   for (PlannedTest& test : planned) {
                                       test.settings.test_group = "serial";
                                   }
                                   options.group_max_threads["serial"] = 1;
                               });
        REQUIRE(record.finished);
        CHECK(running_at_start(record) == std::vector<std::uint32_t>{1, 1, 1, 1});
        CHECK(nth<reporter::RunFinished>(record.events).stats.passed == 4);
    }

    TEST_CASE("a test outside a full group is started ahead of the group's waiting tests") {
        // Tests 0-2 share a one-thread group; test 3 is free. After test 0 starts, 1 and 2 must
        // wait, and 3 takes the second worker at once.
        RunRecord record = run(
            quiet_profile(), {"Quick.Passes", "Quick.Passes", "Quick.Passes", "Env.PrintsSlots"}, 2,
            {}, false, [](std::vector<PlannedTest>& planned, RunOptions& options) {
                for (std::size_t i = 0; i < 3; ++i) {
                    planned[i].settings.test_group = "db";
                }
                options.group_max_threads["db"] = 1;
            });
        REQUIRE(record.finished);
        std::vector<std::string> order = start_order(record);
        REQUIRE(order.size() == 4);
        CHECK(order[1] == "Env.PrintsSlots");
        CHECK(running_at_start(record)[1] == 2);
    }

    TEST_CASE("a heavy test holds its threads-required of its group's max-threads") {
        // Group of 2 threads on 3 workers: the heavy test (2) fills the group, so the light group
        // test behind it waits, and the free test takes the third worker.
        RunRecord record =
            run(quiet_profile(), {"Quick.Passes", "Quick.Passes", "Env.PrintsSlots"}, 3, {}, false,
                [](std::vector<PlannedTest>& planned, RunOptions& options) {
                    planned[0].settings.test_group = "pair";
                    planned[0].settings.threads_required = 2;
                    planned[1].settings.test_group = "pair";
                    options.group_max_threads["pair"] = 2;
                });
        REQUIRE(record.finished);
        std::vector<std::string> order = start_order(record);
        REQUIRE(order.size() == 3);
        CHECK(order[1] == "Env.PrintsSlots");
        CHECK(running_at_start(record)[1] == 2);
    }

    TEST_CASE("tests sharing a resource lock never overlap, other tests still run beside them") {
        RunRecord record = run(quiet_profile(), k_four_quick, 2, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions&) {
                                   for (PlannedTest& test : planned) {
                                       test.settings.resource_locks = {"database"};
                                   }
                               });
        REQUIRE(record.finished);
        CHECK(running_at_start(record) == std::vector<std::uint32_t>{1, 1, 1, 1});
    }

    TEST_CASE("a run-serial test waits for the running ones and runs alone") {
        RunRecord record = run(quiet_profile(), k_four_quick, 2, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions&) {
                                   planned[1].settings.run_serial = true;
                               });
        REQUIRE(record.finished);
        std::vector<std::uint32_t> counts = running_at_start(record);
        REQUIRE(counts.size() == 4);
        // Test 1 waits for test 0 (never starts beside it) and nothing starts beside test 1:
        // the next TestStarted after it again sees one running test.
        CHECK(counts[0] == 1);
        CHECK(counts[1] == 1);
        CHECK(counts[2] == 1);
        CHECK(nth<reporter::RunFinished>(record.events).stats.passed == 4);
    }

    TEST_CASE("a heavy test holds all the slots it needs, so it runs alone") {
        RunRecord record = run(quiet_profile(), k_four_quick, 2, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions&) {
                                   planned[0].settings.threads_required = 2;
                               });
        REQUIRE(record.finished);
        std::vector<std::uint32_t> counts = running_at_start(record);
        REQUIRE(counts.size() == 4);
        CHECK(counts[0] == 1);
        CHECK(counts[1] == 1); // Only after the heavy test finished.
        CHECK(counts[2] == 2);
    }

    TEST_CASE("a test needing more slots than exist still runs, alone") {
        RunRecord record = run(quiet_profile(), {"Quick.Passes", "Quick.Passes"}, 2, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions&) {
                                   planned[0].settings.threads_required = 64;
                               });
        REQUIRE(record.finished);
        CHECK(running_at_start(record) == std::vector<std::uint32_t>{1, 1});
    }

    TEST_CASE("each test sees its group and its slot numbers in the environment") {
        RunRecord record = run(quiet_profile(), {"Env.PrintsSlots", "Env.PrintsSlots"}, 2, {},
                               false, [](std::vector<PlannedTest>& planned, RunOptions& options) {
                                   planned[1].settings.test_group = "ports";
                                   options.group_max_threads["ports"] = 4;
                               });
        REQUIRE(record.finished);
        std::vector<std::string> texts = first_stdout(record);
        REQUIRE(texts.size() == 2);
        std::sort(texts.begin(), texts.end());
        // Both start at once, so they hold global slots 0 and 1 (in start order).
        CHECK(texts[0].find("group=@global global_slot=0 group_slot=none") != std::string::npos);
        CHECK(texts[1].find("group=ports global_slot=1 group_slot=0") != std::string::npos);
    }

    TEST_CASE("per-test retries apply to that test only") {
        RunRecord record =
            run(quiet_profile(), {"Flaky.PassesOnSecondAttempt", "Flaky.PassesOnSecondAttempt"}, 1,
                {}, false, [](std::vector<PlannedTest>& planned, RunOptions&) {
                    planned[0].settings.retries.count = 1;
                });
        REQUIRE(record.finished);
        const auto& first = nth<reporter::TestFinished>(record.events, 0);
        const auto& second = nth<reporter::TestFinished>(record.events, 1);
        CHECK(first.attempts.size() == 2);
        CHECK(first.last().status == AttemptStatus::pass);
        CHECK(second.attempts.size() == 1);
        CHECK(second.last().status == AttemptStatus::fail);
    }

    TEST_CASE("a per-test timeout terminates the attempt however long slow-timeout is") {
        RunRecord record = run(quiet_profile(), {"Slow.OneAndAHalfSeconds"}, 1, {}, false,
                               [](std::vector<PlannedTest>& planned, RunOptions&) {
                                   planned[0].settings.timeout = std::chrono::milliseconds(200);
                               });
        REQUIRE(record.finished);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::timeout);
        CHECK(result.signal == SIGTERM);
        // Terminated at its 200 ms limit, long before its own 1.5 s or the 60 s slow-timeout.
        CHECK(record.elapsed == 200ms);
        CHECK(result.duration == 200ms);
    }
}

} // namespace ptest::runner
