// Tests of the Scheduler driving real GoogleTest fixture cases on a real io_context: the event
// sequence of a pass, a flaky retry with its backoff, a slow test terminated after terminate-after
// periods, a leak, parallel workers, refused and skipped tests, and a premature exit.
#include "scheduler_run.hpp"

#include "runner/process/environment.hpp"
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
        CHECK(started.binary_ids == std::vector<std::string>{"gtest_behaviour"});
        const auto& test_started = nth<reporter::TestStarted>(record.events);
        CHECK(test_started.test == reporter::TestId{"gtest_behaviour", "Quick.Passes"});
        CHECK(test_started.running == 1);
        const auto& finished = nth<reporter::TestFinished>(record.events);
        REQUIRE(finished.attempts.size() == 1);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.last().exit_code == 0);
        CHECK(finished.last().reason == "");
        CHECK(finished.running == 0);
        const auto& run_finished = nth<reporter::RunFinished>(record.events);
        CHECK(run_finished.stats.passed == 1);
        CHECK(run_finished.stats.finished_count == 1);
        CHECK_FALSE(run_finished.stats.any_failed());
        CHECK(run_finished.not_run == 0);
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
        CHECK(result.duration >= std::chrono::milliseconds(400));
        CHECK(nth<reporter::RunFinished>(record.events).stats.timed_out == 1);
        CHECK(record.seconds < 8.0);
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
            // The grandchild sleeps 2 s; the leak check must not wait for it.
            CHECK(record.seconds < 1.8);
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
        CHECK(record.seconds >= 0.25);
    }

    TEST_CASE("a case that cannot be selected exactly is refused without starting a process") {
        TestList list;
        list.binaries.push_back(gtest_behaviour({"Quick.Passes"}));
        list.binaries[0].path = "/nonexistent/ptest-never-started";
        list.binaries[0].cases[0].unselectable = "its name is a wildcard pattern";
        RunOptions options;
        options.profile = quiet_profile();
        boost::asio::io_context io;
        ChildReaper reaper(io);
        RecordingSink sink;
        Scheduler scheduler(io, reaper, sink, options,
                            {PlannedTest{{&list.binaries[0], &list.binaries[0].cases[0]}, {}}}, {});
        scheduler.on_finished([&] { io.stop(); });
        scheduler.start();
        io.run_for(std::chrono::seconds(10));
        CHECK(kinds(sink.events) ==
              Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
        const auto& result = nth<reporter::TestFinished>(sink.events).last();
        CHECK(result.status == AttemptStatus::exec_fail);
        CHECK(result.reason == "refused: its name is a wildcard pattern");
        CHECK(nth<reporter::RunFinished>(sink.events).stats.exec_failed == 1);
    }

    TEST_CASE("skipped tests are reported with their reason before any test starts") {
        TestList list;
        list.binaries.push_back(gtest_behaviour({"Quick.Passes", "DISABLED_Off", "Other"}));
        list.binaries[0].cases[1].ignored = true;
        const TestBinary& binary = list.binaries[0];
        RunOptions options;
        options.profile = quiet_profile();
        options.base_env = clean_environment(environ);
        boost::asio::io_context io;
        ChildReaper reaper(io);
        RecordingSink sink;
        Scheduler scheduler(
            io, reaper, sink, options, {PlannedTest{{&binary, &binary.cases[0]}, {}}},
            {TestRef{&binary, &binary.cases[1]}, TestRef{&binary, &binary.cases[2]}});
        scheduler.on_finished([&] { io.stop(); });
        scheduler.start();
        io.run_for(std::chrono::seconds(10));
        CHECK(kinds(sink.events) == Kinds{"RunStarted", "TestSkipped", "TestSkipped", "TestStarted",
                                          "TestFinished", "RunFinished"});
        CHECK(nth<reporter::RunStarted>(sink.events).skipped_count == 2);
        CHECK(nth<reporter::TestSkipped>(sink.events, 0).reason == reporter::SkipReason::ignored);
        CHECK(nth<reporter::TestSkipped>(sink.events, 1).reason == reporter::SkipReason::filtered);
        const auto& stats = nth<reporter::RunFinished>(sink.events).stats;
        CHECK(stats.skipped == 2);
        CHECK(stats.passed == 1);
    }

    TEST_CASE("a GoogleTest case that exits 0 before finishing fails through its premature-exit "
              "file") {
        ScratchDir scratch;
        TestList list;
        list.binaries.push_back(gtest_fixture("gtest_basic", {"Exit.PrematureZero"}));
        const TestBinary& binary = list.binaries[0];
        RunOptions options;
        options.profile = quiet_profile();
        options.temp_dir = scratch.path();
        options.base_env = clean_environment(environ);
        boost::asio::io_context io;
        ChildReaper reaper(io);
        RecordingSink sink;
        Scheduler scheduler(io, reaper, sink, options,
                            {PlannedTest{{&binary, &binary.cases[0]}, {}}}, {});
        scheduler.on_finished([&] { io.stop(); });
        scheduler.start();
        io.run_for(std::chrono::seconds(10));
        REQUIRE(kinds(sink.events) ==
                Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
        const auto& result = nth<reporter::TestFinished>(sink.events).last();
        CHECK(result.status == AttemptStatus::fail);
        CHECK(result.exit_code == 0);
        CHECK(result.reason == "the process exited with code 0 before the test case finished");
        CHECK(std::filesystem::is_empty(scratch.path()));
    }

    // Without capture there is no report to read, so the exit status alone decides.
    TEST_CASE("with --no-capture a passing test still passes") {
        // The test writes to ptest's own stdout and stderr: point them at /dev/null meanwhile.
        RunRecord record = [] {
            RedirectedToDevNull quiet;
            return run(quiet_profile(), {"Quick.Passes"}, 1, {}, true);
        }();
        REQUIRE(record.finished);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::pass);
        CHECK(result.reason == "");
        CHECK(result.stdout_output.text == "");
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
