// Keeping chosen CTest tests with their fixture tests (see ctest_fixture_tests.hpp).
#include "runner/ctest/ctest_fixture_tests.hpp"

#include "runner/model/ctest_fixtures.hpp"

#include <algorithm>
#include <cstddef>

namespace ptest::runner {

std::size_t keep_tests_with_fixtures(std::vector<ImportedTest>& tests,
                                     const std::function<bool(const ImportedTest&)>& chosen) {
    std::vector<const CTestRules*> rules;
    std::vector<bool> keep;
    rules.reserve(tests.size());
    keep.reserve(tests.size());
    for (const ImportedTest& test : tests) {
        rules.push_back(test.rules.get());
        keep.push_back(chosen(test));
    }
    std::vector<bool> needed = with_fixture_tests(rules, keep);
    std::vector<ImportedTest> kept;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (needed[i]) {
            kept.push_back(std::move(tests[i]));
        }
    }
    std::size_t added =
        kept.size() - static_cast<std::size_t>(std::count(keep.begin(), keep.end(), true));
    tests = std::move(kept);
    return added;
}

} // namespace ptest::runner
