// Tests of the Scheduler keeping CTest's order (FIXTURES_SETUP, FIXTURES_CLEANUP,
// FIXTURES_REQUIRED, DEPENDS) with fake CTest tests on a manual clock: setup before the tests
// requiring its fixture, cleanup after all of them, a failed setup keeping its dependents from
// running, DEPENDS as order only, the cases of an expanded test waiting as one, and the interplay
// with workers, test groups, retries and fail-fast.
#include "ctest_order_run.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;

TEST_SUITE("runner::Scheduler prerequisites") {
    TEST_CASE("tests requiring a fixture start after its setup test, listed after them, finished") {
        OrderRecord record = run_ctest_order({{.name = "use1", .required = {"db"}},
                                              {.name = "use2", .required = {"db"}},
                                              {.name = "setup", .runs_for = 50ms, .setup = {"db"}}},
                                             3);
        REQUIRE(record.run.finished);
        CHECK(record.start_order.front() == "setup");
        CHECK(*record.at("use1").started == 50ms);
        CHECK(*record.at("use2").started == 50ms);
        CHECK(nth<reporter::RunFinished>(record.run.events).stats.passed == 3);
    }

    TEST_CASE("the cleanup test starts after the setup test and every requiring test finished") {
        OrderRecord record =
            run_ctest_order({{.name = "cleanup", .cleanup = {"db"}},
                             {.name = "setup", .setup = {"db"}},
                             {.name = "use1", .runs_for = 30ms, .required = {"db"}},
                             {.name = "use2", .runs_for = 70ms, .required = {"db"}}},
                            4);
        REQUIRE(record.run.finished);
        CHECK(record.after("use1", "setup"));
        CHECK(record.after("cleanup", "use1"));
        CHECK(record.after("cleanup", "use2"));
        CHECK(*record.at("cleanup").started == k_quick + 70ms);
        CHECK(record.start_order.back() == "cleanup");
    }

    TEST_CASE("a failed setup test keeps the tests requiring its fixture from running") {
        OrderRecord record = run_ctest_order({{.name = "setup", .exit_code = 1, .setup = {"db"}},
                                              {.name = "use", .required = {"db"}},
                                              {.name = "cleanup", .cleanup = {"db"}},
                                              {.name = "other"}},
                                             2);
        REQUIRE(record.run.finished);
        CHECK(record.at("setup").result->status == AttemptStatus::fail);
        const reporter::AttemptResult& use = *record.at("use").result;
        CHECK(use.status == AttemptStatus::exec_fail);
        CHECK(use.reason ==
              "not run: the setup test `setup` of its fixture `db` failed (ctest reports it Not "
              "Run)");
        CHECK(use.duration == reporter::Duration::zero());
        // The cleanup still runs, after the setup test, as under ctest.
        CHECK(record.at("cleanup").result->status == AttemptStatus::pass);
        CHECK(record.after("cleanup", "setup"));
        // Only setup, cleanup and other were started: `use` never ran.
        CHECK(record.run.children.size() == 3);
        const auto& stats = nth<reporter::RunFinished>(record.run.events).stats;
        CHECK(stats.failed == 1);
        CHECK(stats.exec_failed == 1);
        CHECK(stats.passed == 2);
    }

    TEST_CASE("a setup test that is skipped does not keep its dependents from running") {
        OrderRecord record = run_ctest_order(
            {{.name = "setup", .exit_code = 4, .skip_return_code = 4, .setup = {"db"}},
             {.name = "use", .required = {"db"}}},
            2);
        REQUIRE(record.run.finished);
        CHECK(record.at("setup").result->status == AttemptStatus::skip);
        CHECK(record.at("use").result->status == AttemptStatus::pass);
        CHECK(record.after("use", "setup"));
    }

    TEST_CASE("nested fixtures order transitively, and a failed outer setup blocks them all") {
        std::vector<FakeCTest> tests = {
            {.name = "use", .required = {"inner"}},
            {.name = "inner", .setup = {"inner"}, .required = {"outer"}},
            {.name = "outer", .runs_for = 40ms, .setup = {"outer"}},
            {.name = "outer-cleanup", .cleanup = {"outer"}}};
        OrderRecord passing = run_ctest_order(tests, 4);
        REQUIRE(passing.run.finished);
        CHECK(passing.start_order ==
              std::vector<std::string>{"outer", "inner", "use", "outer-cleanup"});
        CHECK(passing.after("inner", "outer"));
        CHECK(passing.after("use", "inner"));
        CHECK(passing.after("outer-cleanup", "inner"));

        tests[2].exit_code = 1;
        OrderRecord failing = run_ctest_order(tests, 4);
        REQUIRE(failing.run.finished);
        CHECK(failing.at("inner").result->status == AttemptStatus::exec_fail);
        CHECK(failing.at("use").result->status == AttemptStatus::exec_fail);
        CHECK(failing.at("use").result->reason ==
              "not run: the setup test `inner` of its fixture `inner` failed (ctest reports it "
              "Not Run)");
        CHECK(failing.at("outer-cleanup").result->status == AttemptStatus::pass);
    }

    TEST_CASE("DEPENDS orders without blocking: a test starts after a failed one it depends on") {
        OrderRecord record = run_ctest_order({{.name = "second", .depends = {"first", "missing"}},
                                              {.name = "first", .runs_for = 60ms, .exit_code = 1},
                                              {.name = "free"}},
                                             3);
        REQUIRE(record.run.finished);
        CHECK(record.at("first").result->status == AttemptStatus::fail);
        CHECK(record.at("second").result->status == AttemptStatus::pass);
        CHECK(*record.at("second").started == 60ms);
        // A test without prerequisites does not wait behind one that has them.
        CHECK(*record.at("free").started == reporter::Duration::zero());
    }

    TEST_CASE("every case of an expanded requiring test waits for the setup, cleanup for all") {
        OrderRecord record = run_ctest_order(
            {{.name = "suite", .cases = {"A.one", "A.two", "A.three"}, .required = {"db"}},
             {.name = "cleanup", .cleanup = {"db"}},
             {.name = "setup", .runs_for = 25ms, .setup = {"db"}}},
            2);
        REQUIRE(record.run.finished);
        for (const char* name : {"suite/A.one", "suite/A.two", "suite/A.three"}) {
            CAPTURE(name);
            CHECK(record.after(name, "setup"));
            CHECK(record.after("cleanup", name));
        }
        // Two workers: two cases at 25 ms, the third at 35 ms, then the cleanup at 45 ms.
        CHECK(*record.at("cleanup").started == 25ms + 2 * k_quick);
    }

    TEST_CASE("a failed setup keeps every case of an expanded requiring test from running") {
        OrderRecord record =
            run_ctest_order({{.name = "setup", .exit_code = 1, .setup = {"db"}},
                             {.name = "suite", .cases = {"A.one", "A.two"}, .required = {"db"}}},
                            2);
        REQUIRE(record.run.finished);
        CHECK(record.at("suite/A.one").result->status == AttemptStatus::exec_fail);
        CHECK(record.at("suite/A.two").result->status == AttemptStatus::exec_fail);
        CHECK(nth<reporter::RunFinished>(record.run.events).stats.exec_failed == 2);
    }

    TEST_CASE("a setup test that passes on a retry lets its dependents run after that retry") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        OrderRecord record =
            run_ctest_order({{.name = "use", .required = {"db"}},
                             {.name = "setup", .fails_until_attempt = 2, .setup = {"db"}}},
                            2, profile);
        REQUIRE(record.run.finished);
        CHECK(record.at("setup").result->attempt == 2);
        CHECK(record.at("use").result->status == AttemptStatus::pass);
        CHECK(*record.at("use").started == 2 * k_quick);
    }

    TEST_CASE("a test group's limit still holds among tests that became ready together") {
        OrderRecord record = run_ctest_order(
            {{.name = "setup", .setup = {"db"}},
             {.name = "use1", .required = {"db"}},
             {.name = "use2", .required = {"db"}}},
            3, quiet_profile(), [](std::vector<PlannedTest>& planned, RunOptions& options) {
                planned[1].settings.test_group = "serial";
                planned[2].settings.test_group = "serial";
                options.group_max_threads["serial"] = 1;
            });
        REQUIRE(record.run.finished);
        CHECK(*record.at("use1").started == k_quick);
        CHECK(*record.at("use2").started == 2 * k_quick);
    }

    TEST_CASE("fail-fast on a failed setup test cancels the run: nothing else starts") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        OrderRecord record = run_ctest_order({{.name = "setup", .exit_code = 1, .setup = {"db"}},
                                              {.name = "use", .required = {"db"}},
                                              {.name = "cleanup", .cleanup = {"db"}}},
                                             2, profile);
        REQUIRE(record.run.finished);
        CHECK(record.run.cancelled);
        CHECK_FALSE(record.started("use"));
        CHECK_FALSE(record.started("cleanup"));
        CHECK(record.run.not_run == 2);
    }

    TEST_CASE("tests waiting for each other in a cycle still all run, the cycle broken") {
        OrderRecord record =
            run_ctest_order({{.name = "a", .depends = {"b"}}, {.name = "b", .depends = {"a"}}}, 2);
        REQUIRE(record.run.finished);
        CHECK(nth<reporter::RunFinished>(record.run.events).stats.passed == 2);
    }
}

} // namespace ptest::runner
