// Tests of the Scheduler's `global-timeout` and `flaky-result`, with fake test cases on a manual
// clock: the timeout cancels a hanging run at exactly its limit (SIGKILL after the grace period
// for a test that ignores SIGTERM), leaves a run that ends in time alone, and stops the tests
// fail-fast let run; `flaky-result = "fail"` turns a flaky pass into a failure that counts toward
// fail-fast.
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using Kinds = std::vector<std::string>;

TEST_SUITE("runner::Scheduler global-timeout") {
    TEST_CASE("the global timeout cancels a hanging test at its limit and says why") {
        profiles::Profile profile = quiet_profile();
        profile.global_timeout = 2s;
        RunRecord record = run(profile, {"Hang.Forever", "Quick.Passes"});
        REQUIRE(record.finished);
        CHECK(kinds(record.events) ==
              Kinds{"RunStarted", "TestStarted", "RunCancelling", "TestFinished", "RunFinished"});
        const auto& cancelling = nth<reporter::RunCancelling>(record.events);
        CHECK(cancelling.reason == reporter::CancelReason::global_timeout);
        CHECK_FALSE(cancelling.signal.has_value());
        CHECK(cancelling.running == 1);
        const auto& result = nth<reporter::TestFinished>(record.events).last();
        CHECK(result.status == AttemptStatus::cancelled);
        CHECK(result.reason == "cancelled by global-timeout (2s)");
        CHECK(record.children.at(0)->signals.at(0) == SIGTERM);
        CHECK(record.cancelled);
        CHECK(record.not_run == 1);
        CHECK(record.elapsed == 2s); // Ended on SIGTERM: no grace period was waited out.
    }

    TEST_CASE("a test that ignores SIGTERM is killed after the grace period") {
        profiles::Profile profile = quiet_profile();
        profile.global_timeout = 1s;
        profile.slow_timeout.grace_period = 300ms;
        RunRecord record = run(profile, {"Hang.IgnoresSigterm"});
        REQUIRE(record.finished);
        const FakeChild& child = *record.children.at(0);
        REQUIRE(child.signals.size() >= 2);
        CHECK(child.signals[0] == SIGTERM);
        CHECK(child.signals[1] == SIGKILL);
        CHECK(record.elapsed == 1300ms);
    }

    TEST_CASE("a run that ends before its global timeout is not cancelled") {
        profiles::Profile profile = quiet_profile();
        profile.global_timeout = 1s;
        RunRecord record = run(profile, {"Quick.Passes"});
        REQUIRE(record.finished);
        CHECK_FALSE(record.cancelled);
        CHECK(record.elapsed == k_quick);
        CHECK(nth<reporter::RunFinished>(record.events).stats.passed == 1);
    }

    TEST_CASE("the global timeout stops the tests that fail-fast with terminate wait let run") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        profile.fail_fast.terminate = profiles::FailFastTerminate::wait;
        profile.global_timeout = 5s;
        RunRecord record = run(profile, {"Hang.Forever", "Flaky.PassesOnSecondAttempt"}, 2);
        REQUIRE(record.finished);
        CHECK(nth<reporter::RunCancelling>(record.events, 0).reason ==
              reporter::CancelReason::fail_fast);
        CHECK(nth<reporter::RunCancelling>(record.events, 1).reason ==
              reporter::CancelReason::global_timeout);
        CHECK(record.elapsed == 5s);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.cancelled == 1);
        CHECK(finished.stats.failed == 1);
    }
}

TEST_SUITE("runner::Scheduler flaky-result") {
    TEST_CASE("with flaky-result pass a flaky test counts as passed") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        RunRecord record = run(profile, {"Flaky.PassesOnSecondAttempt"});
        const auto& finished = nth<reporter::TestFinished>(record.events);
        CHECK(finished.is_flaky());
        CHECK_FALSE(finished.flaky_fail);
        const reporter::RunStats& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.passed == 1);
        CHECK(stats.flaky == 1);
        CHECK_FALSE(stats.any_failed());
    }

    TEST_CASE("with flaky-result fail a flaky test counts as failed and triggers fail-fast") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        profile.flaky_result = profiles::FlakyResult::fail;
        profile.fail_fast.max_fail = 1;
        RunRecord record = run(profile, {"Flaky.PassesOnSecondAttempt", "Quick.Passes"});
        REQUIRE(record.finished);
        const auto& finished = nth<reporter::TestFinished>(record.events);
        CHECK(finished.flaky_fail);
        const reporter::RunStats& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.passed == 0);
        CHECK(stats.failed == 1);
        CHECK(stats.flaky_failed == 1);
        CHECK(stats.any_failed());
        CHECK(nth<reporter::RunCancelling>(record.events).reason ==
              reporter::CancelReason::fail_fast);
        CHECK(record.not_run == 1);
    }
}

} // namespace ptest::runner
