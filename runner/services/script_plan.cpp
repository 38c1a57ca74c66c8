// Rule matching and script order (see script_plan.hpp).
#include "runner/services/script_plan.hpp"

#include "runner/list/test_query.hpp"

#include <algorithm>

namespace ptest::runner {

namespace {

void append_once(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
    }
}

} // namespace

bool rule_matches(const profiles::ScriptRule& rule, const TestRef& test,
                  const profiles::Filterset& default_filter) {
    return rule.filter.matches(filter_query(test, in_default_set(test, default_filter)));
}

std::vector<std::string> setup_order(const profiles::ScriptsConfig& config,
                                     const std::vector<std::size_t>& rules) {
    std::vector<std::string> names;
    for (std::size_t index : rules) {
        for (const std::string& name : config.rules.at(index).setup) {
            append_once(names, name);
        }
    }
    return names;
}

std::vector<std::string> teardown_order(const profiles::ScriptsConfig& config,
                                        const std::vector<std::size_t>& reached) {
    std::vector<std::string> names;
    for (auto it = reached.rbegin(); it != reached.rend(); ++it) {
        for (const std::string& name : config.rules.at(*it).teardown) {
            append_once(names, name);
        }
    }
    return names;
}

} // namespace ptest::runner
