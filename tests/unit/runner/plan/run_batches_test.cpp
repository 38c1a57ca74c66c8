// Tests of choosing a run's batches: only cases whose settings say isolation "batch" and that may
// share a process are grouped, each batch holds cases of one binary in listing order, and nothing
// is batched without capture.
#include "runner/plan/run_batches.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

/// A GoogleTest binary with `count` cases `S.c0`, `S.c1`, ...
TestBinary gtest_binary(int count) {
    TestBinary binary;
    binary.id = "unit";
    binary.kind = "gtest";
    for (int i = 0; i < count; ++i) {
        TestCase test;
        test.name = "S.c" + std::to_string(i);
        binary.cases.push_back(std::move(test));
    }
    return binary;
}

/// Every case of `binary`, planned with `isolation`, in reverse listing order (as a run ordered
/// by history may have them).
std::vector<PlannedTest> planned(const TestBinary& binary, profiles::Isolation isolation) {
    std::vector<PlannedTest> tests;
    for (auto it = binary.cases.rbegin(); it != binary.cases.rend(); ++it) {
        PlannedTest test;
        test.binary = &binary;
        test.test = &*it;
        test.settings.isolation = isolation;
        tests.push_back(std::move(test));
    }
    return tests;
}

} // namespace

TEST_SUITE("runner::plan_run_batches") {
    TEST_CASE("process isolation and --no-capture batch nothing") {
        const TestBinary binary = gtest_binary(40);
        CHECK(plan_run_batches(planned(binary, profiles::Isolation::process), nullptr, 2, false)
                  .empty());
        CHECK(plan_run_batches(planned(binary, profiles::Isolation::batch), nullptr, 2, true)
                  .empty());
    }

    TEST_CASE("batch isolation groups the cases in listing order, leaving out those that may not "
              "share a process") {
        const TestBinary binary = gtest_binary(40);
        std::vector<PlannedTest> tests = planned(binary, profiles::Isolation::batch);
        tests[0].settings.env["ONLY_ME"] = "1"; // S.c39
        tests[1].settings.threads_required = 2; // S.c38
        tests[2].settings.run_serial = true;    // S.c37
        const auto batches = plan_run_batches(tests, nullptr, 2, false);
        REQUIRE_FALSE(batches.empty());
        std::vector<bool> seen(tests.size(), false);
        for (const std::vector<std::size_t>& batch : batches) {
            CHECK(batch.size() >= 2);
            for (std::size_t i = 0; i < batch.size(); ++i) {
                CHECK_FALSE(seen[batch[i]]);
                seen[batch[i]] = true;
                if (i > 0) {
                    CHECK(tests[batch[i - 1]].test < tests[batch[i]].test);
                }
            }
        }
        CHECK_FALSE(seen[0]);
        CHECK_FALSE(seen[1]);
        CHECK_FALSE(seen[2]);
        CHECK(std::count(seen.begin(), seen.end(), true) == 37);
        CHECK_FALSE(may_share_process(tests[0]));
        CHECK(may_share_process(tests[3]));
    }

    TEST_CASE("cases recorded as taking no time are still batched") {
        const TestBinary binary = gtest_binary(40);
        HistoryStore history;
        for (const TestCase& test : binary.cases) {
            history.record("unit", test.name, {0.0, false});
        }
        const auto batches =
            plan_run_batches(planned(binary, profiles::Isolation::batch), &history, 2, false);
        std::size_t batched = 0;
        for (const std::vector<std::size_t>& batch : batches) {
            batched += batch.size();
        }
        CHECK(batched == 40);
    }

    TEST_CASE("the longest batches start first, whatever their binary's place in the list") {
        // `first` lists 20 cases of 1 ms, `second` 20 of 4 ms: 100 ms of work in 8 shares of
        // 12.5 ms cuts `first` into batches of 10 ms and `second` into longer ones.
        TestBinary first = gtest_binary(20);
        TestBinary second = gtest_binary(20);
        second.id = "second";
        HistoryStore history;
        for (const TestCase& test : first.cases) {
            history.record("unit", test.name, {0.001, false});
            history.record("second", test.name, {0.004, false});
        }
        std::vector<PlannedTest> tests = planned(first, profiles::Isolation::batch);
        for (PlannedTest& test : planned(second, profiles::Isolation::batch)) {
            tests.push_back(std::move(test));
        }
        const auto batches = plan_run_batches(tests, &history, 2, false);
        REQUIRE(batches.size() >= 3);
        CHECK(tests[batches.front().front()].binary == &second);
        double previous = 1.0;
        for (const std::vector<std::size_t>& batch : batches) {
            double work = 0;
            for (std::size_t index : batch) {
                work += tests[index].binary == &second ? 0.004 : 0.001;
            }
            CHECK(work <= previous + 1e-9);
            previous = work;
        }
    }

    TEST_CASE("a time recorded alone loses the binary's start-up before it sizes batches") {
        // 40 cases recorded at 21 ms each, 20 ms of it the start-up their binary's listing took:
        // 40 ms of work in batches, where a batch is worth its start-up at sqrt(40 ms x 20 ms / 2)
        // = 20 ms: 2 batches. Taken at 21 ms each, the 840 ms would make 8.
        TestBinary binary = gtest_binary(40);
        binary.listing_time = std::chrono::milliseconds(20);
        HistoryStore history;
        for (const TestCase& test : binary.cases) {
            history.record("unit", test.name, {0.021, false});
        }
        const auto batches =
            plan_run_batches(planned(binary, profiles::Isolation::batch), &history, 2, false);
        CHECK(batches.size() == 2);
    }
}

TEST_SUITE("runner::plan_hint_batches") {
    TEST_CASE("the hint measures the batches process isolation would make under batch isolation") {
        const TestBinary binary = gtest_binary(40);
        const auto hinted =
            plan_hint_batches(planned(binary, profiles::Isolation::process), nullptr, 2, false);
        const auto real =
            plan_run_batches(planned(binary, profiles::Isolation::batch), nullptr, 2, false);
        REQUIRE_FALSE(real.empty());
        CHECK(hinted == real);
    }

    TEST_CASE("tests that already ask for batches, may not share a process, or run without "
              "capture are in no hint batch") {
        const TestBinary binary = gtest_binary(40);
        CHECK(plan_hint_batches(planned(binary, profiles::Isolation::batch), nullptr, 2, false)
                  .empty());
        CHECK(plan_hint_batches(planned(binary, profiles::Isolation::process), nullptr, 2, true)
                  .empty());
        std::vector<PlannedTest> tests = planned(binary, profiles::Isolation::process);
        for (PlannedTest& test : tests) {
            test.settings.test_group = "serial";
        }
        CHECK(plan_hint_batches(tests, nullptr, 2, false).empty());
    }

    TEST_CASE("a binary whose adapter cannot batch is in no hint batch") {
        TestBinary binary = gtest_binary(40);
        binary.preselected = true;
        CHECK(plan_hint_batches(planned(binary, profiles::Isolation::process), nullptr, 2, false)
                  .empty());
    }
}

} // namespace ptest::runner
