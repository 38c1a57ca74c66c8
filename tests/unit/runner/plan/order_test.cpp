// Tests of run ordering: parsing --order, declared order, duration order (last failures first,
// then longest first, then the tests without history in list order), priority above all, and
// the seeded shuffle being a fixed, reproducible permutation.
#include "base/error.hpp"

#include "runner/plan/order.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

/// A binary `unit` with the given cases, and the planned tests for them in list order.
struct Fixture {
    TestBinary binary;
    std::vector<PlannedTest> tests;

    explicit Fixture(const std::vector<std::string>& names) {
        binary.id = "unit";
        for (const std::string& name : names) {
            TestCase test;
            test.name = name;
            binary.cases.push_back(test);
        }
        for (const TestCase& test : binary.cases) {
            PlannedTest planned;
            planned.binary = &binary;
            planned.test = &test;
            tests.push_back(planned);
        }
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;

    void set_priority(const std::string& name, std::int32_t priority) {
        for (PlannedTest& test : tests) {
            if (test.test->name == name) {
                test.settings.priority = priority;
            }
        }
    }
};

std::vector<std::string> names(const std::vector<PlannedTest>& tests) {
    std::vector<std::string> out;
    for (const PlannedTest& test : tests) {
        out.push_back(test.test->name);
    }
    return out;
}

using Names = std::vector<std::string>;

} // namespace

TEST_SUITE("runner::order") {
    TEST_CASE("--order accepts duration, declared and random:SEED") {
        CHECK(parse_order("duration") == Order{OrderKind::duration, 0});
        CHECK(parse_order("declared") == Order{OrderKind::declared, 0});
        CHECK(parse_order("random:42") == Order{OrderKind::random, 42});
        CHECK(parse_order("random:18446744073709551615") ==
              Order{OrderKind::random, 18446744073709551615ULL});
        CHECK(to_string(parse_order("random:7")) == "random:7");
        CHECK(to_string(Order{}) == "duration");
    }

    TEST_CASE("a bad --order value is a usage error listing the accepted forms") {
        for (const char* text : {"", "Duration", "random", "random:", "random:-1", "random:1x",
                                 "random:18446744073709551616", "longest"}) {
            CAPTURE(text);
            try {
                parse_order(text);
                FAIL("accepted");
            } catch (const Error& error) {
                CHECK(error.code() == ExitCode::usage);
                CHECK(std::string(error.what()) ==
                      "invalid --order value `" + std::string(text) +
                          "` (expected duration, declared or random:SEED)");
            }
        }
    }

    TEST_CASE("declared order keeps the list order") {
        Fixture fixture({"a", "b", "c"});
        HistoryStore history;
        history.record("unit", "c", {9.0, true});
        order_tests(fixture.tests, {OrderKind::declared, 0}, &history);
        CHECK(names(fixture.tests) == Names{"a", "b", "c"});
    }

    TEST_CASE("duration order: last failures, then longest first, then the unknown in list "
              "order") {
        Fixture fixture({"new1", "short", "failed_short", "long", "new2", "failed_long", "mid"});
        HistoryStore history;
        history.record("unit", "short", {0.1, false});
        history.record("unit", "failed_short", {0.2, true});
        history.record("unit", "long", {5.0, false});
        history.record("unit", "failed_long", {3.0, true});
        history.record("unit", "mid", {1.0, false});
        history.record("other", "new1", {100.0, true}); // Another binary's test of that name.
        order_tests(fixture.tests, {}, &history);
        CHECK(names(fixture.tests) ==
              Names{"failed_long", "failed_short", "long", "mid", "short", "new1", "new2"});
    }

    TEST_CASE("equal durations keep list order") {
        Fixture fixture({"a", "b", "c", "d"});
        HistoryStore history;
        for (const char* name : {"a", "b", "c", "d"}) {
            history.record("unit", name, {1.0, false});
        }
        order_tests(fixture.tests, {}, &history);
        CHECK(names(fixture.tests) == Names{"a", "b", "c", "d"});
    }

    TEST_CASE("without history, duration order is list order") {
        Fixture fixture({"c", "a", "b"});
        order_tests(fixture.tests, {}, nullptr);
        CHECK(names(fixture.tests) == Names{"c", "a", "b"});
        HistoryStore empty;
        order_tests(fixture.tests, {}, &empty);
        CHECK(names(fixture.tests) == Names{"c", "a", "b"});
    }

    TEST_CASE("a higher priority starts first whatever the order") {
        Fixture fixture({"a", "b", "c", "d"});
        fixture.set_priority("c", 10);
        fixture.set_priority("d", -5);
        fixture.set_priority("b", 10);
        HistoryStore history;
        history.record("unit", "a", {9.0, true});
        history.record("unit", "c", {1.0, false});
        history.record("unit", "b", {0.5, false});

        order_tests(fixture.tests, {}, &history);
        CHECK(names(fixture.tests) == Names{"c", "b", "a", "d"});

        Fixture declared({"a", "b", "c", "d"});
        declared.set_priority("c", 10);
        declared.set_priority("d", -5);
        declared.set_priority("b", 10);
        order_tests(declared.tests, {OrderKind::declared, 0}, &history);
        CHECK(names(declared.tests) == Names{"b", "c", "a", "d"});

        Fixture shuffled({"a", "b", "c", "d"});
        shuffled.set_priority("d", 1);
        order_tests(shuffled.tests, {OrderKind::random, 3}, nullptr);
        CHECK(shuffled.tests.front().test->name == "d");
    }

    TEST_CASE("splitmix64 gives the published sequence for seed 0") {
        std::uint64_t state = 0;
        CHECK(splitmix64_next(state) == 0xe220a8397b1dcdafULL);
        CHECK(splitmix64_next(state) == 0x6e789e6aa1b965f4ULL);
        CHECK(splitmix64_next(state) == 0x06c45d188009454fULL);
    }

    TEST_CASE("random:SEED is a fixed permutation of the list, different for another seed") {
        const Names list{"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"};
        Fixture first(list);
        order_tests(first.tests, {OrderKind::random, 42}, nullptr);
        Fixture again(list);
        order_tests(again.tests, {OrderKind::random, 42}, nullptr);
        Fixture other(list);
        order_tests(other.tests, {OrderKind::random, 43}, nullptr);

        CHECK(names(first.tests) == names(again.tests));
        CHECK(names(first.tests) != names(other.tests));
        CHECK(names(first.tests) != list);
        Names sorted = names(first.tests);
        std::sort(sorted.begin(), sorted.end());
        CHECK(sorted == list);
        // Pinned: the shuffle is part of the documented behaviour, the same on every machine.
        CHECK(names(first.tests) ==
              Names{"t0", "t9", "t5", "t8", "t6", "t4", "t7", "t2", "t1", "t3"});
    }
}

} // namespace ptest::runner
