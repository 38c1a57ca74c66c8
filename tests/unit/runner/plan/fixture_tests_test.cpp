// Tests of adding the fixture tests a selection needs: a filter that selects only a requiring
// test still runs its fixture's setup and cleanup tests, in test-list order.
#include "runner/plan/fixture_tests.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

TestBinary ctest_binary(const std::string& name, std::vector<std::string> cases,
                        std::vector<std::string> setup, std::vector<std::string> cleanup,
                        std::vector<std::string> required) {
    TestBinary binary;
    binary.id = name;
    auto rules = std::make_shared<CTestRules>();
    rules->test_name = name;
    rules->fixtures_setup = std::move(setup);
    rules->fixtures_cleanup = std::move(cleanup);
    rules->fixtures_required = std::move(required);
    binary.ctest = rules;
    for (std::string& case_name : cases) {
        TestCase test;
        test.name = std::move(case_name);
        binary.cases.push_back(test);
    }
    return binary;
}

std::vector<std::string> names(const std::vector<TestRef>& refs) {
    std::vector<std::string> out;
    for (const TestRef& ref : refs) {
        out.push_back(ref.binary->id + "/" + ref.test->name);
    }
    return out;
}

} // namespace

TEST_SUITE("runner::add_fixture_tests") {
    TEST_CASE("selecting one requiring test adds every case of its setup and cleanup tests") {
        TestList list;
        list.binaries.push_back(ctest_binary("setup", {"S.a", "S.b"}, {"db"}, {}, {}));
        list.binaries.push_back(ctest_binary("use", {"use"}, {}, {}, {"db"}));
        list.binaries.push_back(ctest_binary("cleanup", {"cleanup"}, {}, {"db"}, {}));
        list.binaries.push_back(ctest_binary("other", {"other"}, {}, {}, {}));
        list.binaries[0].cases[1].ignored = true; // A DISABLED case is never brought in.
        Selection selection;
        selection.run = {{&list.binaries[1], &list.binaries[1].cases[0]}};
        for (const TestBinary& binary : list.binaries) {
            for (const TestCase& test : binary.cases) {
                if (&binary != &list.binaries[1]) {
                    selection.skipped.push_back({&binary, &test});
                }
            }
        }
        CHECK(add_fixture_tests(selection, list) == 2);
        CHECK(names(selection.run) ==
              std::vector<std::string>{"setup/S.a", "use/use", "cleanup/cleanup"});
        CHECK(names(selection.skipped) == std::vector<std::string>{"setup/S.b", "other/other"});
    }

    TEST_CASE("a selection without requiring tests is left as it is") {
        TestList list;
        list.binaries.push_back(ctest_binary("setup", {"setup"}, {"db"}, {}, {}));
        list.binaries.push_back(ctest_binary("use", {"use"}, {}, {}, {"db"}));
        Selection selection;
        selection.run = {{&list.binaries[0], &list.binaries[0].cases[0]}};
        selection.skipped = {{&list.binaries[1], &list.binaries[1].cases[0]}};
        CHECK(add_fixture_tests(selection, list) == 0);
        CHECK(names(selection.run) == std::vector<std::string>{"setup/setup"});
        CHECK(selection.skipped.size() == 1);
    }
}

} // namespace ptest::runner
