// Tests of batch planning: balanced batches for many trivial cases, a slow case alone, estimates
// for cases without history, cases that cannot batch keeping their place, the case-count and argv
// limits, and a binary's adapter and history deciding what batches.
#include "runner/frameworks/batch.hpp"
#include "runner/plan/batch_plan.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

/// `count` batchable cases, each recorded at `each` (nullopt: never recorded).
std::vector<BatchCandidate> batchable(std::size_t count,
                                      std::optional<base::Duration> each = std::nullopt) {
    return std::vector<BatchCandidate>(count, BatchCandidate{true, each});
}

/// The indices first..last, inclusive.
std::vector<std::size_t> range(std::size_t first, std::size_t last) {
    std::vector<std::size_t> indices;
    for (std::size_t i = first; i <= last; ++i) {
        indices.push_back(i);
    }
    return indices;
}

BatchPlanSettings workers(int count) {
    BatchPlanSettings settings;
    settings.workers = count;
    return settings;
}

} // namespace

TEST_SUITE("runner::plan_batches") {
    TEST_CASE("2000 trivial cases on 2 workers make 8 batches of 250 cases in listing order") {
        const std::vector<PlannedBatch> units = plan_batches(batchable(2000), workers(2), {});
        REQUIRE(units.size() == 8);
        for (std::size_t i = 0; i < units.size(); ++i) {
            CHECK(units[i].batched);
            CHECK(units[i].cases == range(250 * i, 250 * i + 249));
            CHECK(units[i].estimate == milliseconds(2500));
        }
    }

    TEST_CASE("a slow case runs alone between the batches of the cases around it") {
        std::vector<BatchCandidate> cases = batchable(2000, milliseconds(1));
        cases[1000].recorded = seconds(10);
        BatchPlanSettings settings = workers(2);
        settings.max_cases = 2000;
        const std::vector<PlannedBatch> units = plan_batches(cases, settings, {});
        REQUIRE(units.size() == 3);
        CHECK(units[0].cases == range(0, 999));
        CHECK(units[0].batched);
        CHECK(units[1].cases == std::vector<std::size_t>{1000});
        CHECK_FALSE(units[1].batched);
        CHECK(units[1].estimate == seconds(10));
        CHECK(units[2].cases == range(1001, 1999));
        CHECK(units[2].estimate == milliseconds(999));
    }

    TEST_CASE("pieces are cut where the running sum crosses each equal share of the work") {
        // 999 cases of 1 ms at most 256 a batch: four pieces, cut at 249.75, 499.5 and 749.25 ms.
        const std::vector<PlannedBatch> units =
            plan_batches(batchable(999, milliseconds(1)), workers(1), {});
        REQUIRE(units.size() == 4);
        CHECK(units[0].cases == range(0, 249));
        CHECK(units[1].cases == range(250, 499));
        CHECK(units[2].cases == range(500, 748));
        CHECK(units[3].cases == range(749, 998));
    }

    TEST_CASE("cases of unequal length are balanced by their estimates, not their number") {
        // Two long cases then twelve short ones: two pieces of 110 ms each, of 3 and 11 cases.
        std::vector<BatchCandidate> cases = batchable(2, milliseconds(50));
        const std::vector<BatchCandidate> shorts = batchable(12, milliseconds(10));
        cases.insert(cases.end(), shorts.begin(), shorts.end());
        BatchPlanSettings settings = workers(1);
        settings.batches_per_worker = 2;
        const std::vector<PlannedBatch> units = plan_batches(cases, settings, {});
        REQUIRE(units.size() == 2);
        CHECK(units[0].cases == range(0, 2));
        CHECK(units[0].estimate == milliseconds(110));
        CHECK(units[1].cases == range(3, 13));
        CHECK(units[1].estimate == milliseconds(110));
    }

    TEST_CASE("a case without history weighs the median of the binary's recorded cases") {
        std::vector<BatchCandidate> cases{{true, milliseconds(1)}, {true, milliseconds(3)},
                                          {true, std::nullopt},    {true, milliseconds(2)},
                                          {true, milliseconds(8)}, {true, std::nullopt}};
        CHECK(estimate_cases(cases, seconds(5)) ==
              std::vector<base::Duration>{milliseconds(1), milliseconds(3), milliseconds(2),
                                          milliseconds(2), milliseconds(8), milliseconds(2)});
    }

    TEST_CASE("without any history every case weighs the default estimate, at least 1 us") {
        std::vector<BatchCandidate> none = batchable(2);
        CHECK(estimate_cases(none, milliseconds(7)) ==
              std::vector<base::Duration>{milliseconds(7), milliseconds(7)});
        std::vector<BatchCandidate> instant = batchable(1, base::Duration::zero());
        CHECK(estimate_cases(instant, milliseconds(7)) ==
              std::vector<base::Duration>{std::chrono::microseconds(1)});
    }

    TEST_CASE("a recorded duration loses its binary's start-up, which a batch pays once") {
        std::vector<BatchCandidate> cases{{true, milliseconds(25)},
                                          {true, milliseconds(3)},
                                          {true, milliseconds(9)},
                                          {true, std::nullopt}};
        CHECK(estimate_cases(cases, seconds(5), milliseconds(5)) ==
              std::vector<base::Duration>{milliseconds(20), std::chrono::microseconds(1),
                                          milliseconds(4), milliseconds(4)});
    }

    TEST_CASE("a binary slow to start gets fewer, longer batches") {
        // 2 s of work on 2 workers: 8 shares of 250 ms. With a start-up of 40 ms the target that
        // costs least, sqrt(2 s x 40 ms / 2) = 200 ms, is below a share; with 160 ms it is 400 ms.
        BatchPlanSettings settings = workers(2);
        settings.max_cases = 2000;
        settings.startup_cost = milliseconds(40);
        CHECK(batch_target(seconds(2), settings) == milliseconds(250));
        settings.startup_cost = milliseconds(160);
        CHECK(batch_target(seconds(2), settings) == milliseconds(400));
        // 2000 cases each timed alone at 161 ms, start-up included: 1 ms each in a batch, 2 s in
        // all, cut into 5 batches of 400 ms instead of 8.
        const std::vector<PlannedBatch> units =
            plan_batches(batchable(2000, milliseconds(161)), settings, {});
        REQUIRE(units.size() == 5);
        CHECK(units[0].cases == range(0, 399));
        CHECK(units[0].estimate == milliseconds(400));
    }

    TEST_CASE("a case ten times slower than its binary's typical case runs alone") {
        // One worker and one share: the target is the whole 149 ms, which no case reaches; the
        // 50 ms case is 50 times the 1 ms median and would hold up the batch it sat in.
        std::vector<BatchCandidate> cases = batchable(100, milliseconds(1));
        cases[60].recorded = milliseconds(50);
        BatchPlanSettings settings = workers(1);
        settings.batches_per_worker = 1;
        const std::vector<PlannedBatch> units = plan_batches(cases, settings, {});
        REQUIRE(units.size() == 3);
        CHECK(units[1].cases == std::vector<std::size_t>{60});
        CHECK_FALSE(units[1].batched);
        // Below ten times the start-up cost it stays in its batch: a process of its own would
        // cost more than a tenth of its time.
        settings.startup_cost = milliseconds(6);
        CHECK(outlier_estimate(estimate_cases(cases, settings.unknown_estimate), settings) ==
              milliseconds(60));
        CHECK(plan_batches(cases, settings, {}).size() == 1);
    }

    TEST_CASE("a case that cannot batch runs alone in its place and splits the batches") {
        std::vector<BatchCandidate> cases = batchable(10);
        cases[4].batchable = false;
        BatchPlanSettings settings = workers(1);
        settings.batches_per_worker = 1;
        const std::vector<PlannedBatch> units = plan_batches(cases, settings, {});
        REQUIRE(units.size() == 3);
        CHECK(units[0].cases == range(0, 3));
        CHECK(units[0].batched);
        CHECK(units[1].cases == std::vector<std::size_t>{4});
        CHECK_FALSE(units[1].batched);
        CHECK(units[2].cases == range(5, 9));
        CHECK(units[2].batched);
    }

    TEST_CASE("a binary with one case runs it alone") {
        const std::vector<PlannedBatch> units = plan_batches(batchable(1), workers(1), {});
        REQUIRE(units.size() == 1);
        CHECK(units[0].cases == std::vector<std::size_t>{0});
        CHECK_FALSE(units[0].batched);
    }

    TEST_CASE("a small binary alone in a run of many workers runs case by case") {
        // Four equal cases on 2 workers x 4 shares: each case is a whole share.
        const std::vector<PlannedBatch> units = plan_batches(batchable(4), workers(2), {});
        REQUIRE(units.size() == 4);
        for (const PlannedBatch& unit : units) {
            CHECK_FALSE(unit.batched);
        }
    }

    TEST_CASE("the same binary in a larger run becomes one batch") {
        BatchPlanSettings settings = workers(2);
        settings.total_work = seconds(60);
        const std::vector<PlannedBatch> units = plan_batches(batchable(4), settings, {});
        REQUIRE(units.size() == 1);
        CHECK(units[0].cases == range(0, 3));
        CHECK(units[0].batched);
    }

    TEST_CASE("a batch holds no more cases than its argv selects, and a lone rest runs alone") {
        BatchPlanSettings settings = workers(1);
        settings.batches_per_worker = 1;
        std::vector<std::size_t> asked;
        const BatchFit fit = [&](std::span<const std::size_t> cases) {
            asked.push_back(cases.size());
            return std::size_t{3};
        };
        const std::vector<PlannedBatch> units = plan_batches(batchable(10), settings, fit);
        REQUIRE(units.size() == 4);
        CHECK(units[0].cases == range(0, 2));
        CHECK(units[1].cases == range(3, 5));
        CHECK(units[2].cases == range(6, 8));
        CHECK(units[3].cases == std::vector<std::size_t>{9});
        CHECK_FALSE(units[3].batched);
        CHECK(asked == std::vector<std::size_t>{10, 7, 4});
    }

    TEST_CASE("every case of a Catch2 v3 binary, trivial, is cut into equal shards") {
        const BatchSelection selection{BatchSelector::names_or_shards, true, 2001};
        const std::vector<PlannedBatch> units =
            plan_batches(batchable(2000, std::chrono::microseconds(5)), workers(2), {}, selection);
        REQUIRE(units.size() == 8);
        for (std::size_t i = 0; i < units.size(); ++i) {
            CHECK(units[i].batched);
            CHECK(units[i].cases == range(250 * i, 250 * i + 249));
        }
    }

    TEST_CASE("a case far above the others stays in its shard instead of starting a process") {
        std::vector<BatchCandidate> cases = batchable(1000, std::chrono::microseconds(5));
        cases[10].recorded = milliseconds(40);
        const BatchSelection selection{BatchSelector::names_or_shards, true, 1000};
        const std::vector<PlannedBatch> units = plan_batches(cases, workers(2), {}, selection);
        REQUIRE(units.size() == 8);
        CHECK(units[0].cases == range(0, 124));
        CHECK(units[0].estimate == milliseconds(40) + std::chrono::microseconds(5 * 124));
    }

    TEST_CASE("every case of a Catch2 v2 binary, trivial, is one batch beyond the case limit") {
        const BatchSelection selection{BatchSelector::names_matched_by_every_case, true, 2000};
        const std::vector<PlannedBatch> units =
            plan_batches(batchable(2000, std::chrono::microseconds(5)), workers(2), {}, selection);
        REQUIRE(units.size() == 1);
        CHECK(units[0].batched);
        CHECK(units[0].cases == range(0, 1999));
    }

    TEST_CASE("a Catch2 v2 binary whose work outweighs matching its names is cut by names") {
        // 20 s of work: one batch ends after 20 s, named pieces after (20 s + 1 s) / 2.
        const BatchSelection selection{BatchSelector::names_matched_by_every_case, true, 2000};
        const std::vector<PlannedBatch> units =
            plan_batches(batchable(2000, milliseconds(10)), workers(2), {}, selection);
        CHECK(units.size() == 8);
    }

    TEST_CASE("a part of a binary, or a binary with a case that cannot batch, is cut by names") {
        BatchSelection selection{BatchSelector::names_or_shards, false, 2000};
        std::vector<BatchCandidate> cases = batchable(2000, std::chrono::microseconds(5));
        CHECK(plan_batches(cases, workers(2), {}, selection).size() == 8);
        selection.unfiltered = true;
        cases[5].batchable = false;
        const std::vector<PlannedBatch> units = plan_batches(cases, workers(2), {}, selection);
        REQUIRE(units.size() >= 2);
        CHECK(units[1].cases == std::vector<std::size_t>{5});
        CHECK_FALSE(units[1].batched);
    }

    TEST_CASE("the same cases and settings always give the same batches") {
        std::vector<BatchCandidate> cases = batchable(777);
        for (std::size_t i = 0; i < cases.size(); i += 7) {
            cases[i].recorded = milliseconds(static_cast<std::int64_t>(i % 13));
        }
        cases[100].batchable = false;
        const std::vector<PlannedBatch> first = plan_batches(cases, workers(3), {});
        const std::vector<PlannedBatch> second = plan_batches(cases, workers(3), {});
        REQUIRE(first.size() == second.size());
        std::size_t covered = 0;
        for (std::size_t i = 0; i < first.size(); ++i) {
            CHECK(first[i].cases == second[i].cases);
            CHECK(first[i].cases.front() == covered);
            covered = first[i].cases.back() + 1;
        }
        CHECK(covered == cases.size());
    }
}

TEST_SUITE("runner::plan_binary_batches") {
    /// A GoogleTest binary with the given cases.
    TestBinary gtest_binary(std::initializer_list<const char*> names) {
        TestBinary binary;
        binary.id = "unit";
        binary.kind = "gtest";
        for (const char* name : names) {
            TestCase test;
            test.name = name;
            binary.cases.push_back(std::move(test));
        }
        return binary;
    }

    std::vector<const TestCase*> all_of(const TestBinary& binary) {
        std::vector<const TestCase*> selected;
        for (const TestCase& test : binary.cases) {
            selected.push_back(&test);
        }
        return selected;
    }

    TEST_CASE("the adapter decides what batches and history weighs the cases") {
        const TestBinary binary = gtest_binary({"A.a", "A.b", "A.c", "What.Is?", "A.d", "A.e"});
        HistoryStore history;
        for (const char* name : {"A.a", "A.b", "A.c", "A.d"}) {
            history.record("unit", name, {0.001, false});
        }
        history.record("unit", "A.e", {30.0, false});
        BatchPlanSettings settings;
        settings.workers = 2;
        settings.batches_per_worker = 1;
        const std::vector<PlannedBatch> units =
            plan_binary_batches(binary, all_of(binary), &history, settings);
        REQUIRE(units.size() == 4);
        CHECK(units[0].cases == range(0, 2));
        CHECK(units[0].batched);
        CHECK(units[1].cases == std::vector<std::size_t>{3});
        CHECK(units[2].cases == std::vector<std::size_t>{4});
        CHECK_FALSE(units[2].batched);
        CHECK(units[3].cases == std::vector<std::size_t>{5});
        CHECK(units[3].estimate == seconds(30));
    }

    TEST_CASE("a selection of some cases is planned by their positions in the selection") {
        const TestBinary binary = gtest_binary({"A.a", "A.b", "A.c", "A.d"});
        const std::vector<const TestCase*> selected{&binary.cases[1], &binary.cases[3]};
        BatchPlanSettings settings;
        settings.batches_per_worker = 1;
        const std::vector<PlannedBatch> units =
            plan_binary_batches(binary, selected, nullptr, settings);
        REQUIRE(units.size() == 1);
        CHECK(units[0].cases == range(0, 1));
        CHECK(units[0].batched);
    }

    TEST_CASE("a case its settings keep out of batches runs alone in its place") {
        const TestBinary binary = gtest_binary({"A.a", "A.b", "A.c", "A.d", "A.e"});
        const std::array<bool, 5> eligible{true, true, false, true, true};
        BatchPlanSettings settings;
        settings.batches_per_worker = 1;
        const std::vector<PlannedBatch> units =
            plan_binary_batches(binary, all_of(binary), nullptr, settings, eligible);
        REQUIRE(units.size() == 3);
        CHECK(units[0].cases == range(0, 1));
        CHECK(units[1].cases == std::vector<std::size_t>{2});
        CHECK_FALSE(units[1].batched);
        CHECK(units[2].cases == range(3, 4));
    }

    /// A Catch2 binary of major version `major` with the given cases, `hidden` ones ignored.
    TestBinary catch2_binary(int major, std::initializer_list<const char*> names) {
        TestBinary binary;
        binary.id = "unit";
        binary.kind = "catch2";
        binary.framework_version = major;
        for (const char* name : names) {
            TestCase test;
            test.name = name;
            test.ignored = std::string_view(name).starts_with("hidden");
            binary.cases.push_back(std::move(test));
        }
        return binary;
    }

    /// The cases of `binary` that are not ignored.
    std::vector<const TestCase*> unignored(const TestBinary& binary) {
        std::vector<const TestCase*> selected;
        for (const TestCase& test : binary.cases) {
            if (!test.ignored) {
                selected.push_back(&test);
            }
        }
        return selected;
    }

    TEST_CASE(
        "every case a Catch2 v3 run selects unfiltered is planned in shards it runs as such") {
        const TestBinary binary = catch2_binary(3, {"a", "b", "hidden", "c", "d"});
        BatchPlanSettings settings;
        settings.batches_per_worker = 2;
        const std::vector<PlannedBatch> units =
            plan_binary_batches(binary, unignored(binary), nullptr, settings);
        REQUIRE(units.size() == 2);
        CHECK(units[1].cases == range(2, 3));
        const std::vector<const TestCase*> second{&binary.cases[3], &binary.cases[4]};
        const BatchArguments arguments = binary_batch_arguments(binary, second, "r.xml");
        CHECK(arguments.args[2] == "--shard-count");
        CHECK(arguments.args[5] == "1");
    }

    TEST_CASE("every case a Catch2 v2 run selects unfiltered is one batch with no names") {
        const TestBinary binary = catch2_binary(2, {"a", "b", "hidden", "c", "d"});
        BatchPlanSettings settings;
        settings.batches_per_worker = 2;
        const std::vector<const TestCase*> selected = unignored(binary);
        const std::vector<PlannedBatch> units =
            plan_binary_batches(binary, selected, nullptr, settings);
        REQUIRE(units.size() == 1);
        CHECK(units[0].cases == range(0, 3));
        CHECK(binary_batch_arguments(binary, selected, "r.xml").args ==
              std::vector<std::string>{"--use-colour", "no", "-r", "xml", "-o", "r.xml", "-d",
                                       "yes"});
    }

    TEST_CASE("a Catch2 binary with arguments of its own, or a part of it, is planned by names") {
        TestBinary with_args = catch2_binary(2, {"a", "b", "c", "d"});
        with_args.args = {"--order", "decl"};
        BatchPlanSettings settings;
        settings.batches_per_worker = 2;
        CHECK(plan_binary_batches(with_args, unignored(with_args), nullptr, settings).size() == 2);
        const TestBinary binary = catch2_binary(2, {"a", "b", "c", "d"});
        const std::vector<const TestCase*> part{&binary.cases[0], &binary.cases[1],
                                                &binary.cases[2]};
        CHECK(plan_binary_batches(binary, part, nullptr, settings).size() == 2);
    }

    TEST_CASE("a binary that asks for a report of its own, or is preselected, never batches") {
        TestBinary own = gtest_binary({"A.a", "A.b", "A.c"});
        own.args = {"--gtest_output=xml:mine.xml"};
        TestBinary preselected = gtest_binary({"A.a", "A.b", "A.c"});
        preselected.preselected = true;
        BatchPlanSettings settings;
        settings.batches_per_worker = 1;
        for (const TestBinary* binary : {&own, &preselected}) {
            const std::vector<PlannedBatch> units =
                plan_binary_batches(*binary, all_of(*binary), nullptr, settings);
            REQUIRE(units.size() == 3);
            for (const PlannedBatch& unit : units) {
                CHECK_FALSE(unit.batched);
            }
        }
    }
}

} // namespace ptest::runner
