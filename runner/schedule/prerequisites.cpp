// Prerequisites: the graph of CTest tests in a run (fixtures and DEPENDS), its cycles broken, and
// the count of unfinished prerequisites each test waits on.
#include "runner/schedule/prerequisites.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <utility>

namespace ptest::runner {

Prerequisites::Prerequisites(const std::vector<PlannedTest>& tests) {
    std::vector<const CTestRules*> rules;
    for (const PlannedTest& test : tests) {
        const CTestRules* ctest = test.binary->ctest.get();
        if (ctest == nullptr) {
            continue;
        }
        auto [it, inserted] = m_index.try_emplace(ctest, m_units.size());
        if (inserted) {
            m_units.emplace_back();
            m_units.back().name = ctest->test_name;
            rules.push_back(ctest);
        }
        ++m_units[it->second].unfinished;
    }
    link(rules);
    break_cycles();
    for (std::size_t unit = 0; unit < m_units.size(); ++unit) {
        m_units[unit].waiting_for = m_units[unit].after.size();
        for (std::size_t before : m_units[unit].after) {
            m_units[before].dependents.push_back(unit);
        }
    }
}

void Prerequisites::link(const std::vector<const CTestRules*>& rules) {
    // CTest names are unique per directory only, and fixtures are global: every test of a name
    // or a fixture counts.
    using Index = std::map<std::string, std::vector<std::size_t>>;
    Index by_name;
    Index setups;
    Index requirers;
    for (std::size_t unit = 0; unit < rules.size(); ++unit) {
        by_name[rules[unit]->test_name].push_back(unit);
        for (const std::string& fixture : rules[unit]->fixtures_setup) {
            setups[fixture].push_back(unit);
        }
        for (const std::string& fixture : rules[unit]->fixtures_required) {
            requirers[fixture].push_back(unit);
        }
    }
    auto units_of = [](const Index& index, const std::string& key) {
        auto found = index.find(key);
        return found == index.end() ? std::vector<std::size_t>{} : found->second;
    };
    for (std::size_t unit = 0; unit < rules.size(); ++unit) {
        std::vector<std::size_t>& after = m_units[unit].after;
        auto wait_for = [&](const std::vector<std::size_t>& others) {
            std::copy_if(others.begin(), others.end(), std::back_inserter(after),
                         [unit](std::size_t other) { return other != unit; });
        };
        for (const std::string& name : rules[unit]->depends) {
            wait_for(units_of(by_name, name));
        }
        for (const std::string& fixture : rules[unit]->fixtures_required) {
            for (std::size_t setup : units_of(setups, fixture)) {
                if (setup != unit) {
                    after.push_back(setup);
                    m_units[unit].setups.emplace_back(setup, fixture);
                }
            }
        }
        for (const std::string& fixture : rules[unit]->fixtures_cleanup) {
            wait_for(units_of(setups, fixture));
            wait_for(units_of(requirers, fixture));
        }
        std::sort(after.begin(), after.end());
        after.erase(std::unique(after.begin(), after.end()), after.end());
    }
}

void Prerequisites::break_cycles() {
    // A depth-first search that drops every edge closing a cycle (leaving a graph without one,
    // so that no test waits forever) and remembers the first cycle it closed.
    enum class Mark { new_, open, done };
    std::vector<Mark> marks(m_units.size(), Mark::new_);
    std::vector<std::pair<std::size_t, std::size_t>> stack; // (unit, next edge)
    for (std::size_t root = 0; root < m_units.size(); ++root) {
        if (marks[root] != Mark::new_) {
            continue;
        }
        stack.emplace_back(root, 0);
        marks[root] = Mark::open;
        while (!stack.empty()) {
            auto [unit, edge] = stack.back();
            std::vector<std::size_t>& after = m_units[unit].after;
            if (edge == after.size()) {
                marks[unit] = Mark::done;
                stack.pop_back();
                continue;
            }
            std::size_t next = after[edge];
            if (marks[next] == Mark::open) {
                if (m_cycle.empty()) {
                    auto from = std::find_if(stack.begin(), stack.end(), [next](const auto& entry) {
                        return entry.first == next;
                    });
                    for (; from != stack.end(); ++from) {
                        m_cycle.push_back(m_units[from->first].name);
                    }
                    m_cycle.push_back(m_units[next].name);
                }
                after.erase(after.begin() + static_cast<std::ptrdiff_t>(edge));
                continue;
            }
            stack.back().second = edge + 1;
            if (marks[next] == Mark::new_) {
                marks[next] = Mark::open;
                stack.emplace_back(next, 0);
            }
        }
    }
}

const Prerequisites::Unit* Prerequisites::unit_of(const PlannedTest& test) const {
    if (m_units.empty()) {
        return nullptr;
    }
    auto found = m_index.find(test.binary->ctest.get());
    return found == m_index.end() ? nullptr : &m_units[found->second];
}

bool Prerequisites::ready(const PlannedTest& test) const {
    const Unit* unit = unit_of(test);
    return unit == nullptr || unit->waiting_for == 0;
}

std::optional<std::string> Prerequisites::blocked(const PlannedTest& test) const {
    const Unit* unit = unit_of(test);
    if (unit == nullptr) {
        return std::nullopt;
    }
    for (const auto& [setup, fixture] : unit->setups) {
        if (m_units[setup].failed) {
            return "not run: the setup test `" + m_units[setup].name + "` of its fixture `" +
                   fixture + "` failed (ctest reports it Not Run)";
        }
    }
    return std::nullopt;
}

void Prerequisites::finished(const PlannedTest& test, bool failed) {
    const Unit* found = unit_of(test);
    if (found == nullptr) {
        return;
    }
    Unit& unit = m_units[static_cast<std::size_t>(found - m_units.data())];
    unit.failed = unit.failed || failed;
    if (unit.unfinished == 0 || --unit.unfinished > 0) {
        return;
    }
    for (std::size_t dependent : unit.dependents) {
        --m_units[dependent].waiting_for;
    }
}

std::string prerequisite_cycle(const std::vector<PlannedTest>& tests) {
    Prerequisites prerequisites(tests);
    std::string text;
    for (const std::string& name : prerequisites.cycle()) {
        text += (text.empty() ? "" : " -> ") + name;
    }
    return text;
}

} // namespace ptest::runner
