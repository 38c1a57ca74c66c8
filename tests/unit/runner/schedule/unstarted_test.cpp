// Tests of the results of tests the scheduler reports without starting a process, and of a run
// holding the one case of a binary whose listing failed: it fails once with the listing's output
// (never retried), counts as failed, and stops a fail-fast run like any failure.
#include "scheduler_run.hpp"

#include "runner/schedule/unstarted.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;

namespace {

/// A binary `broken` whose listing was killed by SIGABRT after printing on both streams.
TestBinary unlisted_binary() {
    TestBinary binary;
    binary.id = "broken";
    binary.path = "/fake/broken";
    binary.kind = "gtest";
    ListingFailure failure;
    failure.problem = "listing was killed by SIGABRT";
    failure.message = "could not list the tests of `broken` (/fake/broken): " + failure.problem;
    failure.stdout_output.text = "Stress.\n  Passes\n";
    failure.stderr_output.text = "did not fail as expected\n";
    binary.listing_failure = failure;
    TestCase listing;
    listing.name = k_listing_case;
    binary.cases.push_back(listing);
    return binary;
}

} // namespace

TEST_SUITE("runner::unstarted") {
    TEST_CASE("the case of an unlisted binary fails with the listing's problem and output") {
        const TestBinary binary = unlisted_binary();
        CHECK(runs_without_process(binary, binary.cases[0]));
        const reporter::AttemptResult result = unstarted_result(binary, binary.cases[0]);
        CHECK(result.status == AttemptStatus::fail);
        CHECK(result.reason == "could not list its tests: listing was killed by SIGABRT");
        CHECK(result.failure_message ==
              "could not list the tests of `broken` (/fake/broken): listing was killed by "
              "SIGABRT");
        CHECK(result.stdout_output.text == "Stress.\n  Passes\n");
        CHECK(result.stderr_output.text == "did not fail as expected\n");
        CHECK(result.total_attempts == 1);
        CHECK_FALSE(result.is_success());
    }

    TEST_CASE("a case its framework cannot select is skipped, and a refused CTest test fails") {
        TestBinary binary = fake_behaviour({"Quick.Passes"});
        CHECK_FALSE(runs_without_process(binary, binary.cases[0]));
        binary.cases[0].unselectable = "duplicate name";
        binary.cases[0].file = "quick_test.cpp";
        binary.cases[0].line = 4;
        CHECK(runs_without_process(binary, binary.cases[0]));
        reporter::AttemptResult skipped = unstarted_result(binary, binary.cases[0]);
        CHECK(skipped.status == AttemptStatus::skip);
        CHECK(skipped.skip_message == "cannot be run on its own: duplicate name");
        CHECK(skipped.location.file == "quick_test.cpp");
        CHECK(skipped.location.line == 4);
        binary.ctest = std::make_shared<CTestRules>();
        reporter::AttemptResult refused = unstarted_result(binary, binary.cases[0]);
        CHECK(refused.status == AttemptStatus::exec_fail);
        CHECK(refused.reason == "refused: duplicate name");
    }

    TEST_CASE("an unlisted binary's case runs no process, is never retried, and stops a "
              "fail-fast run like any failure") {
        for (const bool fail_fast : {false, true}) {
            CAPTURE(fail_fast);
            TestList list;
            list.binaries.push_back(unlisted_binary());
            list.binaries.push_back(fake_behaviour({"Quick.Passes"}));
            RunOptions options;
            options.profile = quiet_profile();
            options.profile.retries.count = 2;
            if (fail_fast) {
                options.profile.fail_fast.max_fail = 1;
            }
            std::vector<PlannedTest> planned;
            for (TestBinary& binary : list.binaries) {
                PlannedTest test{{&binary, &binary.cases[0]}, {}};
                test.settings.retries = options.profile.retries;
                planned.push_back(test);
            }
            FakeWorld world;
            RecordingSink sink;
            Scheduler scheduler(world.launcher.loop(), sink, options, planned, {});
            RunRecord record;
            drive(world, scheduler, record);
            REQUIRE(record.finished);
            const auto& finished = nth<reporter::TestFinished>(sink.events);
            CHECK(finished.test == reporter::TestId{"broken", k_listing_case});
            REQUIRE(finished.attempts.size() == 1);
            CHECK(finished.last().status == AttemptStatus::fail);
            const reporter::RunStats& stats = nth<reporter::RunFinished>(sink.events).stats;
            CHECK(stats.failed == 1);
            CHECK(stats.any_failed());
            // The other binary's case runs, unless fail-fast stopped the run first.
            CHECK(record.children.size() == (fail_fast ? 0U : 1U));
            CHECK(stats.passed == (fail_fast ? 0U : 1U));
            CHECK(record.not_run == (fail_fast ? 1U : 0U));
        }
    }
}

} // namespace ptest::runner
