// CTest's scheduler-side properties applied to a test's settings (see ctest_settings.hpp).
#include "runner/schedule/ctest_settings.hpp"

#include "runner/model/ctest_rules.hpp"

#include <algorithm>

namespace ptest::runner {

void apply_ctest_rules(const TestBinary& binary, TestSettings& settings) {
    if (!binary.ctest) {
        return;
    }
    const CTestRules& rules = *binary.ctest;
    if (rules.timeout) {
        settings.timeout = rules.timeout;
    }
    settings.run_serial = settings.run_serial || rules.run_serial;
    for (const std::string& lock : rules.resource_locks) {
        if (std::find(settings.resource_locks.begin(), settings.resource_locks.end(), lock) ==
            settings.resource_locks.end()) {
            settings.resource_locks.push_back(lock);
        }
    }
    if (rules.processors > 0) {
        settings.threads_required = std::max(settings.threads_required, rules.processors);
    }
}

} // namespace ptest::runner
