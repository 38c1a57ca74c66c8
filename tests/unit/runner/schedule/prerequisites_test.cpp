// Tests of Prerequisites, the order CTest's fixtures and DEPENDS impose, on its own: which tests
// are ready as others finish, which are blocked by a failed setup, and how a cycle is described.
#include "ctest_order_run.hpp"

#include "runner/schedule/prerequisites.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;

namespace {

/// The planned tests of `list`, one per case, with default settings.
std::vector<PlannedTest> planned_of(const TestList& list) {
    std::vector<PlannedTest> planned;
    for (const TestBinary& binary : list.binaries) {
        for (const TestCase& test : binary.cases) {
            PlannedTest one;
            one.binary = &binary;
            one.test = &test;
            planned.push_back(one);
        }
    }
    return planned;
}

} // namespace

TEST_SUITE("runner::Prerequisites") {
    TEST_CASE("a requiring test is ready once every case of every setup test has finished") {
        TestList list =
            fake_ctest_list({{.name = "setup", .cases = {"S.a", "S.b"}, .setup = {"db"}},
                             {.name = "use", .required = {"db"}}});
        std::vector<PlannedTest> planned = planned_of(list);
        Prerequisites order(planned);
        CHECK(order.ready(planned[0]));
        CHECK_FALSE(order.ready(planned[2]));
        order.finished(planned[0], false);
        CHECK_FALSE(order.ready(planned[2]));
        order.finished(planned[1], false);
        CHECK(order.ready(planned[2]));
        CHECK_FALSE(order.blocked(planned[2]).has_value());
    }

    TEST_CASE("one failed case of a setup test blocks its dependents, naming test and fixture") {
        TestList list =
            fake_ctest_list({{.name = "setup", .cases = {"S.a", "S.b"}, .setup = {"db"}},
                             {.name = "use", .required = {"db"}},
                             {.name = "after", .depends = {"setup"}}});
        std::vector<PlannedTest> planned = planned_of(list);
        Prerequisites order(planned);
        order.finished(planned[0], true);
        order.finished(planned[1], false);
        REQUIRE(order.ready(planned[2]));
        CHECK(order.blocked(planned[2]) ==
              "not run: the setup test `setup` of its fixture `db` failed (ctest reports it Not "
              "Run)");
        // DEPENDS is order only: a failed test it names blocks nothing.
        CHECK(order.ready(planned[3]));
        CHECK_FALSE(order.blocked(planned[3]).has_value());
    }

    TEST_CASE("DEPENDS counts every test of that name, and a name not in the run is ignored") {
        TestList list = fake_ctest_list(
            {{.name = "x"}, {.name = "x"}, {.name = "late", .depends = {"x", "nowhere", "late"}}});
        std::vector<PlannedTest> planned = planned_of(list);
        Prerequisites order(planned);
        order.finished(planned[0], false);
        CHECK_FALSE(order.ready(planned[2]));
        order.finished(planned[1], false);
        CHECK(order.ready(planned[2]));
        CHECK(order.cycle().empty());
    }

    TEST_CASE("a test not from CTest, or with no relation, is always ready") {
        TestList list = fake_ctest_list({{.name = "solo"}});
        list.binaries.push_back(fake_behaviour({"Quick.Passes"}));
        std::vector<PlannedTest> planned = planned_of(list);
        Prerequisites order(planned);
        CHECK(order.ready(planned[0]));
        CHECK(order.ready(planned[1]));
        order.finished(planned[1], true);
        CHECK_FALSE(order.blocked(planned[0]).has_value());
        CHECK(Prerequisites().ready(planned[0]));
    }

    TEST_CASE("a cycle is broken so every test can start, and described for the command line") {
        TestList list = fake_ctest_list({{.name = "a", .depends = {"b"}},
                                         {.name = "b", .required = {"fx"}},
                                         {.name = "c", .setup = {"fx"}, .depends = {"a"}}});
        std::vector<PlannedTest> planned = planned_of(list);
        Prerequisites order(planned);
        CHECK(order.cycle() == std::vector<std::string>{"a", "b", "c", "a"});
        CHECK(prerequisite_cycle(planned) == "a -> b -> c -> a");
        // With the closing edge dropped, one test of the cycle is ready at once.
        int ready = 0;
        for (const PlannedTest& test : planned) {
            ready += order.ready(test) ? 1 : 0;
        }
        CHECK(ready == 1);
    }
}

} // namespace ptest::runner
