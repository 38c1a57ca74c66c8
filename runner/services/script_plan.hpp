// Which scripts a run runs, and in what order (pure functions, tested directly). A rule of
// `[[profile.NAME.scripts]]` is active when its filter matches at least one selected test; the
// setup scripts of the active rules run in rule order, each once; the teardown scripts of the
// rules the setup reached run in the reverse order, each once.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "profiles/scripts.hpp"
#include "runner/model/test_list.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ptest::runner {

/// Whether `rule`'s filter matches `test` (`default()` as the profile's `default_filter` says).
bool rule_matches(const profiles::ScriptRule& rule, const TestRef& test,
                  const profiles::Filterset& default_filter);

/// The indices of the rules of `config` that match at least one of `tests`, in rule order.
template <typename Tests>
std::vector<std::size_t> active_rules(const profiles::ScriptsConfig& config, const Tests& tests,
                                      const profiles::Filterset& default_filter) {
    std::vector<std::size_t> active;
    for (std::size_t i = 0; i < config.rules.size(); ++i) {
        for (const auto& test : tests) {
            if (rule_matches(config.rules[i], test, default_filter)) {
                active.push_back(i);
                break;
            }
        }
    }
    return active;
}

/// The setup scripts of the `rules` (indices into `config.rules`) in the order they run: rule by
/// rule, each script once, where it is first named.
std::vector<std::string> setup_order(const profiles::ScriptsConfig& config,
                                     const std::vector<std::size_t>& rules);

/// The teardown scripts to run after the setup reached `reached` (indices into `config.rules`, in
/// the order reached): the last rule's first, each rule's in the order it lists them, each
/// script once.
std::vector<std::string> teardown_order(const profiles::ScriptsConfig& config,
                                        const std::vector<std::size_t>& reached);

} // namespace ptest::runner
