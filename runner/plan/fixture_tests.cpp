// Adding the fixture tests a selection needs (see fixture_tests.hpp).
#include "runner/plan/fixture_tests.hpp"

#include "runner/model/ctest_fixtures.hpp"

#include <algorithm>
#include <set>
#include <vector>

namespace ptest::runner {

std::size_t add_fixture_tests(Selection& selection, const TestList& list) {
    std::set<const TestBinary*> selected_binaries;
    for (const TestRef& ref : selection.run) {
        selected_binaries.insert(ref.binary);
    }
    std::vector<const CTestRules*> rules;
    std::vector<bool> chosen;
    for (const TestBinary& binary : list.binaries) {
        rules.push_back(binary.ctest.get());
        chosen.push_back(selected_binaries.count(&binary) > 0);
    }
    std::vector<bool> needed = with_fixture_tests(rules, chosen);

    std::set<const TestCase*> running;
    for (const TestRef& ref : selection.run) {
        running.insert(ref.test);
    }
    std::set<const TestCase*> added;
    std::vector<TestRef> run;
    for (std::size_t i = 0; i < list.binaries.size(); ++i) {
        const TestBinary& binary = list.binaries[i];
        for (const TestCase& test : binary.cases) {
            if (running.count(&test) > 0) {
                run.push_back({&binary, &test});
            } else if (needed[i] && !chosen[i] && !test.ignored) {
                run.push_back({&binary, &test});
                added.insert(&test);
            }
        }
    }
    if (added.empty()) {
        return 0;
    }
    // Rebuilt in test-list order, the order `selection.run` is always in.
    selection.run = std::move(run);
    std::erase_if(selection.skipped, [&](const TestRef& ref) { return added.count(ref.test) > 0; });
    return added.size();
}

} // namespace ptest::runner
