// Tests of how the Scheduler stops early, with fake test cases on a manual clock: fail-fast
// (waiting or terminating the running tests), an interrupt, a second interrupt that kills at once,
// an interrupt during a retry delay, and pause/resume freezing a test and its slow-timeout clock.
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <doctest/doctest.h>

#include <csignal>
#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using Kinds = std::vector<std::string>;

TEST_SUITE("runner::Scheduler") {
    TEST_CASE("fail-fast after one failure on one worker leaves the other tests not run") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        RunRecord record = run(profile, {"Flaky.PassesOnSecondAttempt", "Quick.Passes",
                                         "Flaky.PassesEveryThirdAttempt"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) ==
              Kinds{"RunStarted", "TestStarted", "TestFinished", "RunCancelling", "RunFinished"});
        const auto& cancelling = nth<reporter::RunCancelling>(record.events);
        CHECK(cancelling.reason == reporter::CancelReason::fail_fast);
        CHECK(cancelling.running == 0);
        CHECK_FALSE(cancelling.signal.has_value());
        CHECK(nth<reporter::TestFinished>(record.events).test.name ==
              "Flaky.PassesOnSecondAttempt");
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.not_run == 2);
        CHECK(finished.stats.failed == 1);
        CHECK(finished.stats.finished_count == 1);
        CHECK(record.not_run == 2);
        CHECK(record.cancelled);
    }

    TEST_CASE("an interrupt cancels the run and the running test is reported cancelled") {
        auto interrupt_once_started = [](Scheduler& scheduler, FakeWorld& world,
                                         const reporter::Event& event) {
            if (std::holds_alternative<reporter::TestStarted>(event)) {
                boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGTERM); });
            }
        };
        RunRecord record =
            run(quiet_profile(), {"Hang.Forever", "Quick.Passes"}, 1, interrupt_once_started);
        REQUIRE(record.finished);
        CHECK(kinds(record.events) ==
              Kinds{"RunStarted", "TestStarted", "RunCancelling", "TestFinished", "RunFinished"});
        const auto& cancelling = nth<reporter::RunCancelling>(record.events);
        CHECK(cancelling.reason == reporter::CancelReason::signal);
        CHECK(cancelling.signal == SIGTERM);
        CHECK(cancelling.running == 1);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::cancelled);
        CHECK(result.reason == "cancelled by SIGTERM");
        CHECK(result.signal == SIGTERM);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.cancelled == 1);
        CHECK(finished.not_run == 1);
        CHECK(record.cancelled);
        CHECK(record.children.size() == 1); // Quick.Passes never started.
        CHECK(record.elapsed == 0ms);       // Hang.Forever ended on SIGTERM, without a SIGKILL.
    }

    TEST_CASE("a second interrupt kills a test that ignores SIGTERM without waiting for grace") {
        // The first interrupt forwards SIGTERM, which the test ignores; the second must SIGKILL
        // it at once rather than after the 10 s grace period.
        auto react = [](Scheduler& scheduler, FakeWorld& world, const reporter::Event& event) {
            if (std::holds_alternative<reporter::TestStarted>(event)) {
                boost::asio::post(world.io, [&scheduler, &world] {
                    scheduler.interrupt(SIGTERM);
                    boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGINT); });
                });
            }
        };
        RunRecord record = run(quiet_profile(), {"Hang.IgnoresSigterm"}, 1, react);
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted", "RunCancelling",
                                            "RunCancelling", "TestFinished", "RunFinished"});
        CHECK(nth<reporter::RunCancelling>(record.events, 0).reason ==
              reporter::CancelReason::signal);
        const auto& second = nth<reporter::RunCancelling>(record.events, 1);
        CHECK(second.reason == reporter::CancelReason::second_signal);
        CHECK(second.signal == SIGINT);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::cancelled);
        CHECK(result.reason == "cancelled by SIGTERM");
        CHECK(result.signal == SIGKILL);
        const FakeChild& child = *record.children.at(0);
        REQUIRE(child.signals.size() >= 2);
        CHECK(child.signals[0] == SIGTERM);
        CHECK(child.signals[1] == SIGKILL);
        CHECK(record.elapsed == 0ms); // No time passed: the grace period was not waited out.
    }

    TEST_CASE("a paused test is stopped and its slow-timeout clock frozen until resumed") {
        profiles::Profile profile = quiet_profile();
        profile.slow_timeout.period = 200ms;
        profile.slow_timeout.terminate_after = 1;
        profile.slow_timeout.grace_period = 200ms;
        std::unique_ptr<LoopTimer> resume_timer;
        bool stopped_while_paused = false;
        auto react = [&](Scheduler& scheduler, FakeWorld& world, const reporter::Event& event) {
            if (std::holds_alternative<reporter::TestStarted>(event)) {
                boost::asio::post(world.io, [&scheduler] { scheduler.pause(); });
            } else if (std::holds_alternative<reporter::RunPaused>(event)) {
                resume_timer = world.clock.make_timer();
                resume_timer->expires_after(400ms);
                resume_timer->async_wait([&](bool aborted) {
                    if (aborted) {
                        return;
                    }
                    stopped_while_paused = world.launcher.children.at(0)->stopped;
                    scheduler.resume();
                });
            }
        };
        RunRecord record = run(profile, {"Hang.Forever"}, 1, react);
        resume_timer.reset();
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted", "RunPaused",
                                            "RunContinued", "TestSlow", "TestFinished",
                                            "RunFinished"});
        CHECK(stopped_while_paused);
        CHECK(record.children.at(0)->signals ==
              std::vector<int>{SIGSTOP, SIGCONT, SIGTERM, SIGKILL});
        const auto& slow = nth<reporter::TestSlow>(record.events);
        CHECK(slow.elapsed == 200ms);
        CHECK(slow.will_terminate);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::timeout);
        // The 400 ms pause counts neither towards the period nor the reported duration.
        CHECK(record.elapsed == 400ms + 200ms);
        CHECK(result.duration == 200ms);
    }

    TEST_CASE("fail-fast with terminate immediate cancels the test still running") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        profile.fail_fast.terminate = profiles::FailFastTerminate::immediate;
        RunRecord record = run(profile, {"Hang.Forever", "Flaky.PassesOnSecondAttempt"}, 2);
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted", "TestStarted",
                                            "TestFinished", "RunCancelling", "TestFinished",
                                            "RunFinished"});
        const auto& failed = nth<reporter::TestFinished>(record.events, 0);
        CHECK(failed.test.name == "Flaky.PassesOnSecondAttempt");
        CHECK(failed.last().status == AttemptStatus::fail);
        const auto& cancelling = nth<reporter::RunCancelling>(record.events);
        CHECK(cancelling.reason == reporter::CancelReason::fail_fast);
        CHECK(cancelling.running == 1);
        const auto& cancelled = nth<reporter::TestFinished>(record.events, 1);
        CHECK(cancelled.test.name == "Hang.Forever");
        CHECK(cancelled.last().status == AttemptStatus::cancelled);
        CHECK(cancelled.last().signal == SIGTERM);
        const auto& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.failed == 1);
        CHECK(stats.cancelled == 1);
        CHECK(record.elapsed == k_quick); // Cancelled as the other test failed.
    }

    TEST_CASE("an interrupt during a retry delay ends the test with its failed attempt") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        profile.retries.delay = std::chrono::seconds(10);
        auto interrupt_on_retry = [](Scheduler& scheduler, FakeWorld& world,
                                     const reporter::Event& event) {
            if (std::holds_alternative<reporter::TestAttemptFailedWillRetry>(event)) {
                boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGINT); });
            }
        };
        RunRecord record = run(profile, {"Flaky.PassesOnSecondAttempt"}, 1, interrupt_on_retry);
        REQUIRE(record.finished);
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted",
                                            "TestAttemptFailedWillRetry", "RunCancelling",
                                            "TestFinished", "RunFinished"});
        const auto& finished = nth<reporter::TestFinished>(record.events);
        REQUIRE(finished.attempts.size() == 1);
        CHECK(finished.last().status == AttemptStatus::fail);
        CHECK(nth<reporter::RunFinished>(record.events).stats.failed == 1);
        CHECK(record.children.size() == 1);
        CHECK(record.elapsed == k_quick); // The 10 s retry delay was not waited out.
    }
    TEST_CASE("an interrupt while paused cancels, then resumes, without starting a waiting test") {
        // -j2: pausing as the second test starts leaves it running unpaused (its attempt starts
        // after the event), so it finishes while the run is paused and frees a worker that must
        // stay free once the interrupt arrives.
        auto react = [](Scheduler& scheduler, FakeWorld& world, const reporter::Event& event) {
            if (const auto* started = std::get_if<reporter::TestStarted>(&event)) {
                if (started->test.name == "Quick.Passes") {
                    scheduler.pause();
                }
            } else if (const auto* finished = std::get_if<reporter::TestFinished>(&event);
                       finished != nullptr && finished->test.name == "Quick.Passes") {
                boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGTERM); });
            }
        };
        RunRecord record =
            run(quiet_profile(), {"Hang.Forever", "Quick.Passes", "Flaky.PassesEveryThirdAttempt"},
                2, react);
        REQUIRE(record.finished);
        CAPTURE(kinds_text(record.events));
        CHECK(kinds(record.events) == Kinds{"RunStarted", "TestStarted", "TestStarted", "RunPaused",
                                            "TestFinished", "RunCancelling", "RunContinued",
                                            "TestFinished", "RunFinished"});
        const auto& cancelled = nth<reporter::TestFinished>(record.events, 1);
        CHECK(cancelled.test.name == "Hang.Forever");
        CHECK(cancelled.last().status == AttemptStatus::cancelled);
        CHECK(record.not_run == 1);
        CHECK(record.children.size() == 2);
    }
}

} // namespace ptest::runner
