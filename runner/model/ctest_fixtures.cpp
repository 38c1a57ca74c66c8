// The fixture closure of a set of CTest tests (see ctest_fixtures.hpp).
#include "runner/model/ctest_fixtures.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace ptest::runner {

std::vector<bool> with_fixture_tests(const std::vector<const CTestRules*>& tests,
                                     std::vector<bool> chosen) {
    std::map<std::string, std::vector<std::size_t>> providers; // fixture -> setup and cleanup
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (tests[i] == nullptr) {
            continue;
        }
        for (const std::string& fixture : tests[i]->fixtures_setup) {
            providers[fixture].push_back(i);
        }
        for (const std::string& fixture : tests[i]->fixtures_cleanup) {
            providers[fixture].push_back(i);
        }
    }
    std::vector<std::size_t> queue;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (chosen[i] && tests[i] != nullptr) {
            queue.push_back(i);
        }
    }
    std::set<std::string> seen;
    while (!queue.empty()) {
        std::size_t test = queue.back();
        queue.pop_back();
        for (const std::string& fixture : tests[test]->fixtures_required) {
            if (!seen.insert(fixture).second) {
                continue;
            }
            auto found = providers.find(fixture);
            if (found == providers.end()) {
                continue;
            }
            for (std::size_t provider : found->second) {
                if (!chosen[provider]) {
                    chosen[provider] = true;
                    queue.push_back(provider);
                }
            }
        }
    }
    return chosen;
}

} // namespace ptest::runner
