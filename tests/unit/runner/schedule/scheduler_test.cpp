// Tests of the Scheduler driving fake test cases on a manual clock: the event sequence of a pass,
// a flaky retry with its backoff, a slow test terminated after terminate-after periods, a leak,
// parallel workers, and refused and skipped tests. Every duration is exact: time moves only from
// one timer to the next.
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using reporter::LeakStatus;
using Kinds = std::vector<std::string>;

TEST_SUITE("runner::Scheduler") {
    TEST_CASE("a passing test is started, finished and counted") {
        RunRecord record = run(quiet_profile(), {"Quick.Passes"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) ==
              Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
        const auto& started = nth<reporter::RunStarted>(record.events);
        CHECK(started.test_count == 1);
        CHECK(started.binary_ids == std::vector<std::string>{"behaviour"});
        const auto& test_started = nth<reporter::TestStarted>(record.events);
        CHECK(test_started.test == reporter::TestId{"behaviour", "Quick.Passes"});
        CHECK(test_started.running == 1);
        const auto& finished = nth<reporter::TestFinished>(record.events);
        REQUIRE(finished.attempts.size() == 1);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.last().exit_code == 0);
        CHECK(finished.last().reason == "");
        CHECK(finished.last().stdout_output.text == "quick: passing\n");
        CHECK(finished.last().duration == k_quick);
        CHECK(finished.running == 0);
        const auto& run_finished = nth<reporter::RunFinished>(record.events);
        CHECK(run_finished.stats.passed == 1);
        CHECK(run_finished.stats.finished_count == 1);
        CHECK_FALSE(run_finished.stats.any_failed());
        CHECK(run_finished.not_run == 0);
        CHECK(run_finished.elapsed == k_quick);
    }

    TEST_CASE("a test that passes on its second attempt is retried and reported flaky") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        RunRecord record = run(profile, {"Flaky.PassesOnSecondAttempt"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted",
                                            "TestAttemptFailedWillRetry", "TestRetryStarted",
                                            "TestFinished", "RunFinished"});
        const auto& will_retry = nth<reporter::TestAttemptFailedWillRetry>(record.events);
        CHECK(will_retry.result.status == AttemptStatus::fail);
        CHECK(will_retry.result.attempt == 1);
        CHECK(will_retry.result.total_attempts == 2);
        CHECK(will_retry.result.exit_code == 1);
        CHECK(will_retry.delay_before_next == reporter::Duration::zero());
        const auto& retry = nth<reporter::TestRetryStarted>(record.events);
        CHECK(retry.attempt == 2);
        CHECK(retry.total_attempts == 2);
        const auto& finished = nth<reporter::TestFinished>(record.events);
        REQUIRE(finished.attempts.size() == 2);
        CHECK(finished.attempts[0].status == AttemptStatus::fail);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.last().attempt == 2);
        CHECK(finished.is_flaky());
        const auto& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.passed == 1);
        CHECK(stats.flaky == 1);
        CHECK(stats.failed == 0);
        CHECK(record.elapsed == 2 * k_quick); // No delay between the attempts.
    }

    TEST_CASE("a hanging test is reported slow each period and terminated after terminate-after") {
        profiles::Profile profile = quiet_profile();
        profile.slow_timeout.period = std::chrono::milliseconds(200);
        profile.slow_timeout.terminate_after = 2;
        profile.slow_timeout.grace_period = std::chrono::milliseconds(200);
        RunRecord record = run(profile, {"Hang.Forever"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted", "TestSlow", "TestSlow",
                                            "TestFinished", "RunFinished"});
        const auto& first = nth<reporter::TestSlow>(record.events, 0);
        CHECK(first.elapsed == std::chrono::milliseconds(200));
        CHECK_FALSE(first.will_terminate);
        const auto& second = nth<reporter::TestSlow>(record.events, 1);
        CHECK(second.elapsed == std::chrono::milliseconds(400));
        CHECK(second.will_terminate);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::timeout);
        CHECK(result.signal == SIGTERM);
        CHECK(result.slow);
        // SIGTERM at the end of the second period ends it at once (the SIGKILL is the sweep of
        // its group as the attempt finishes).
        CHECK(record.children.at(0)->signals == std::vector<int>{SIGTERM, SIGKILL});
        CHECK(result.duration == 400ms);
        CHECK(nth<reporter::RunFinished>(record.events).stats.timed_out == 1);
        CHECK(record.elapsed == 400ms);
    }

    TEST_CASE("output held open past leak-timeout is a leak with the configured result") {
        for (profiles::LeakResult leak_result :
             {profiles::LeakResult::pass, profiles::LeakResult::fail}) {
            bool fails = leak_result == profiles::LeakResult::fail;
            CAPTURE(fails);
            profiles::Profile profile = quiet_profile();
            profile.leak_timeout.period = std::chrono::milliseconds(100);
            profile.leak_timeout.result = leak_result;
            RunRecord record = run(profile, {"Leak.GrandchildHoldsStdout"});
            REQUIRE(record.finished);
            CHECK(kinds(record.events) ==
                  Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
            const auto& result = nth<reporter::TestFinished>(record.events).last();
            CHECK(result.status == AttemptStatus::pass);
            CHECK(result.leak == (fails ? LeakStatus::leaked_fail : LeakStatus::leaked_pass));
            CHECK(result.is_success() == !fails);
            const auto& stats = nth<reporter::RunFinished>(record.events).stats;
            CHECK(stats.leaky == (fails ? 0U : 1U));
            CHECK(stats.leaky_failed == (fails ? 1U : 0U));
            CHECK(stats.failed == (fails ? 1U : 0U));
            // The descendant holds the output for 2 s; the leak check gives up after 100 ms and
            // kills the test's group, descendant included.
            CHECK(record.elapsed == k_quick + 100ms);
            CHECK(result.duration == k_quick);
            const FakeChild& child = *record.children.at(0);
            CHECK(child.signals == std::vector<int>{SIGKILL, SIGKILL});
            CHECK_FALSE(child.holder_running);
        }
    }

    TEST_CASE("retries wait their exponential backoff delay before each new attempt") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 2;
        profile.retries.backoff = profiles::Backoff::exponential;
        profile.retries.delay = std::chrono::milliseconds(100);
        RunRecord record = run(profile, {"Flaky.PassesEveryThirdAttempt"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted",
                                            "TestAttemptFailedWillRetry", "TestRetryStarted",
                                            "TestAttemptFailedWillRetry", "TestRetryStarted",
                                            "TestFinished", "RunFinished"});
        CHECK(nth<reporter::TestAttemptFailedWillRetry>(record.events, 0).delay_before_next ==
              std::chrono::milliseconds(100));
        CHECK(nth<reporter::TestAttemptFailedWillRetry>(record.events, 1).delay_before_next ==
              std::chrono::milliseconds(200));
        CHECK(nth<reporter::TestRetryStarted>(record.events, 1).attempt == 3);
        const auto& finished = nth<reporter::TestFinished>(record.events);
        REQUIRE(finished.attempts.size() == 3);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.is_flaky());
        // Three attempts, and 100 ms then 200 ms of backoff between them.
        CHECK(record.children.at(1)->started - record.children.at(0)->started == k_quick + 100ms);
        CHECK(record.children.at(2)->started - record.children.at(1)->started == k_quick + 200ms);
        CHECK(record.elapsed == 3 * k_quick + 300ms);
    }

    TEST_CASE("a case its framework cannot select alone is skipped without starting a process, "
              "and a CTest test ptest cannot run as registered fails as under ctest") {
        for (const bool from_ctest : {false, true}) {
            CAPTURE(from_ctest);
            TestList list;
            list.binaries.push_back(fake_behaviour({"Quick.Passes"}));
            list.binaries[0].cases[0].unselectable = "its name is a wildcard pattern";
            if (from_ctest) {
                list.binaries[0].ctest = std::make_shared<CTestRules>();
            }
            RunOptions options;
            options.profile = quiet_profile();
            FakeWorld world;
            RecordingSink sink;
            Scheduler scheduler(world.launcher.loop(), sink, options,
                                {PlannedTest{{&list.binaries[0], &list.binaries[0].cases[0]}, {}}},
                                {});
            RunRecord record;
            drive(world, scheduler, record);
            REQUIRE(record.finished);
            CHECK(record.children.empty());
            CHECK(kinds(sink.events) ==
                  Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
            const auto& result = nth<reporter::TestFinished>(sink.events).last();
            const reporter::RunStats& stats = nth<reporter::RunFinished>(sink.events).stats;
            if (from_ctest) {
                CHECK(result.status == AttemptStatus::exec_fail);
                CHECK(result.reason == "refused: its name is a wildcard pattern");
                CHECK(stats.exec_failed == 1);
            } else {
                CHECK(result.status == AttemptStatus::skip);
                CHECK(result.skip_message ==
                      "cannot be run on its own: its name is a wildcard pattern");
                CHECK(stats.exec_failed == 0);
                CHECK(stats.failed == 0);
                CHECK(stats.skipped_at_runtime == 1);
            }
        }
    }

    TEST_CASE("a run or refused case's result carries its listed location") {
        for (const bool refused : {false, true}) {
            CAPTURE(refused);
            TestList list;
            list.binaries.push_back(fake_behaviour({"Quick.Passes"}));
            TestCase& test = list.binaries[0].cases[0];
            test.file = "tests/quick_test.cpp";
            test.line = 8;
            if (refused) {
                test.unselectable = "its name is a wildcard pattern";
            }
            RunOptions options;
            options.profile = quiet_profile();
            FakeWorld world;
            RecordingSink sink;
            Scheduler scheduler(world.launcher.loop(), sink, options,
                                {PlannedTest{{&list.binaries[0], &test}, {}}}, {});
            RunRecord record;
            drive(world, scheduler, record);
            REQUIRE(record.finished);
            const auto& result = nth<reporter::TestFinished>(sink.events).last();
            CHECK(result.location.file == "tests/quick_test.cpp");
            CHECK(result.location.line == 8);
        }
    }

    TEST_CASE("skipped tests are reported with their reason before any test starts") {
        TestList list;
        list.binaries.push_back(fake_behaviour({"Quick.Passes", "DISABLED_Off", "Other"}));
        list.binaries[0].cases[1].ignored = true;
        const TestBinary& binary = list.binaries[0];
        RunOptions options;
        options.profile = quiet_profile();
        FakeWorld world;
        RecordingSink sink;
        Scheduler scheduler(
            world.launcher.loop(), sink, options, {PlannedTest{{&binary, &binary.cases[0]}, {}}},
            {TestRef{&binary, &binary.cases[1]}, TestRef{&binary, &binary.cases[2]}});
        RunRecord record;
        drive(world, scheduler, record);
        REQUIRE(record.finished);
        CHECK(record.children.size() == 1);
        CHECK(kinds(sink.events) == Kinds{"RunStarted", "TestSkipped", "TestSkipped", "TestStarted",
                                          "TestFinished", "RunFinished"});
        CHECK(nth<reporter::RunStarted>(sink.events).skipped_count == 2);
        CHECK(nth<reporter::TestSkipped>(sink.events, 0).reason == reporter::SkipReason::ignored);
        CHECK(nth<reporter::TestSkipped>(sink.events, 1).reason == reporter::SkipReason::filtered);
        const auto& stats = nth<reporter::RunFinished>(sink.events).stats;
        CHECK(stats.skipped == 2);
        CHECK(stats.passed == 1);
    }

    TEST_CASE("a test another --partition shard runs is skipped for that reason and counted") {
        TestList list;
        list.binaries.push_back(fake_behaviour({"Quick.Passes", "Elsewhere", "Other"}));
        const TestBinary& binary = list.binaries[0];
        RunOptions options;
        options.profile = quiet_profile();
        options.partitioned = {&binary.cases[1]};
        FakeWorld world;
        RecordingSink sink;
        Scheduler scheduler(
            world.launcher.loop(), sink, options, {PlannedTest{{&binary, &binary.cases[0]}, {}}},
            {TestRef{&binary, &binary.cases[1]}, TestRef{&binary, &binary.cases[2]}});
        RunRecord record;
        drive(world, scheduler, record);
        REQUIRE(record.finished);
        CHECK(nth<reporter::TestSkipped>(sink.events, 0).reason == reporter::SkipReason::partition);
        CHECK(nth<reporter::TestSkipped>(sink.events, 1).reason == reporter::SkipReason::filtered);
        const auto& stats = nth<reporter::RunFinished>(sink.events).stats;
        CHECK(stats.skipped == 2);
        CHECK(stats.skipped_partition == 1);
    }

    TEST_CASE("with --no-capture the test inherits ptest's output and still passes") {
        RunRecord record = run(quiet_profile(), {"Quick.Passes"}, 1, {}, true);
        REQUIRE(record.finished);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::pass);
        CHECK(result.reason == "");
        CHECK(result.stdout_output.text == "");
        CHECK_FALSE(record.children.at(0)->request.capture);
    }

    TEST_CASE("a test that requires two threads runs alone on two workers") {
        profiles::Profile profile = quiet_profile();
        profile.threads_required = {profiles::ThreadCount::Kind::count, 2};
        RunRecord record = run(profile, {"Quick.Passes", "Flaky.PassesOnSecondAttempt"}, 2);
        REQUIRE(record.finished);
        // Each test holds both slots, so the second starts only after the first finished.
        CHECK(nth<reporter::TestStarted>(record.events, 0).running == 1);
        CHECK(nth<reporter::TestStarted>(record.events, 1).running == 1);
        CHECK(kinds(record.events)[2] == "TestFinished");
    }

    TEST_CASE("tests run in parallel up to the worker count") {
        profiles::Profile profile = quiet_profile();
        RunRecord record =
            run(profile,
                {"Quick.Passes", "Flaky.PassesOnSecondAttempt", "Leak.GrandchildHoldsStdout"}, 2);
        REQUIRE(record.finished);
        CHECK(nth<reporter::TestStarted>(record.events, 0).running == 1);
        CHECK(nth<reporter::TestStarted>(record.events, 1).running == 2);
        const auto& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.finished_count == 3);
        CHECK(stats.passed == 2);
        CHECK(stats.failed == 1);
    }
}

} // namespace ptest::runner
