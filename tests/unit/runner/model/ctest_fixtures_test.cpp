// Tests of the fixture closure: the setup and cleanup tests a filtered run needs, as ctest adds
// them for `-R`.
#include "runner/model/ctest_fixtures.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

CTestRules rules(std::vector<std::string> setup, std::vector<std::string> cleanup,
                 std::vector<std::string> required, std::vector<std::string> depends = {}) {
    CTestRules out;
    out.fixtures_setup = std::move(setup);
    out.fixtures_cleanup = std::move(cleanup);
    out.fixtures_required = std::move(required);
    out.depends = std::move(depends);
    return out;
}

} // namespace

TEST_SUITE("runner::with_fixture_tests") {
    TEST_CASE("a chosen requiring test brings its setup and cleanup tests, nested transitively") {
        CTestRules outer = rules({"outer"}, {}, {});
        CTestRules inner = rules({"inner"}, {}, {"outer"});
        CTestRules use = rules({}, {}, {"inner"});
        CTestRules outer_cleanup = rules({}, {"outer"}, {});
        CTestRules unrelated = rules({"other"}, {"other"}, {});
        std::vector<const CTestRules*> tests = {&outer,         &inner,     &use,
                                                &outer_cleanup, &unrelated, nullptr};
        CHECK(with_fixture_tests(tests, {false, false, true, false, false, false}) ==
              std::vector<bool>{true, true, true, true, false, false});
    }

    TEST_CASE("a chosen setup test or a DEPENDS brings nothing in, as under ctest") {
        CTestRules setup = rules({"db"}, {}, {});
        CTestRules cleanup = rules({}, {"db"}, {});
        CTestRules first = rules({}, {}, {});
        CTestRules second = rules({}, {}, {}, {"first"});
        std::vector<const CTestRules*> tests = {&setup, &cleanup, &first, &second};
        CHECK(with_fixture_tests(tests, {true, false, false, true}) ==
              std::vector<bool>{true, false, false, true});
    }
}

} // namespace ptest::runner
