// Tests of `--binary-id` on a build tree keeping the fixture tests of the tests it keeps.
#include "runner/ctest/ctest_fixture_tests.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

ImportedTest imported(const std::string& name, std::vector<std::string> setup,
                      std::vector<std::string> cleanup, std::vector<std::string> required) {
    ImportedTest test;
    test.binary.id = name;
    auto rules = std::make_shared<CTestRules>();
    rules->test_name = name;
    rules->fixtures_setup = std::move(setup);
    rules->fixtures_cleanup = std::move(cleanup);
    rules->fixtures_required = std::move(required);
    test.rules = rules;
    return test;
}

} // namespace

TEST_SUITE("runner::keep_tests_with_fixtures") {
    TEST_CASE("a kept requiring test keeps its fixture's setup and cleanup tests, in order") {
        std::vector<ImportedTest> tests = {
            imported("setup", {"db"}, {}, {}), imported("other", {}, {}, {}),
            imported("use", {}, {}, {"db"}), imported("cleanup", {}, {"db"}, {})};
        CHECK(keep_tests_with_fixtures(
                  tests, [](const ImportedTest& test) { return test.binary.id == "use"; }) == 2);
        std::vector<std::string> ids;
        for (const ImportedTest& test : tests) {
            ids.push_back(test.binary.id);
        }
        CHECK(ids == std::vector<std::string>{"setup", "use", "cleanup"});
    }
}

} // namespace ptest::runner
