// The order CTest's properties impose on a run, as ctest 3.25 keeps it: a test requiring a fixture
// (FIXTURES_REQUIRED) starts after every setup test of that fixture (FIXTURES_SETUP) has finished,
// and is not run when one of them failed; a cleanup test (FIXTURES_CLEANUP) starts after every
// setup test and every requiring test of its fixture has finished, whatever their verdicts; a test
// starts after the tests its DEPENDS names have finished, whatever their verdicts (a name that is
// not in the run is ignored). Nested fixtures order transitively through these rules.
//
// The unit is the CTest test: every case of an expanded binary waits as one, and a test counts as
// finished when all of its cases in the run have. The scheduler asks `ready` before it admits a
// test, `blocked` once it has, and reports each finished test with `finished`. Tests that did not
// come from a build tree have no prerequisites.
#pragma once

#include "runner/model/ctest_rules.hpp"
#include "runner/schedule/planned_test.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ptest::runner {

/// When each test of a run may start, and whether it may run at all. Loop thread only.
class Prerequisites {
public:
    /// No tests, no order: every test is ready.
    Prerequisites() = default;

    /// The order among `tests`, the run's planned tests. Tests are told apart by their CTest
    /// rules, so any copy of a planned test (sharing its binary) can be asked about later. A
    /// dependency cycle is broken, so every test still gets to start, and described by `cycle`.
    explicit Prerequisites(const std::vector<PlannedTest>& tests);

    /// Whether `test` may start: every test it waits for has finished all its cases.
    [[nodiscard]] bool ready(const PlannedTest& test) const;

    /// Why `test` must not run even though it is ready: a setup test of a fixture it requires
    /// failed (ctest reports it "Not Run"). nullopt when it may run.
    [[nodiscard]] std::optional<std::string> blocked(const PlannedTest& test) const;

    /// One case of `test` has finished for good; `failed` is its verdict (a skip is no failure).
    /// When it was the last case of its CTest test, the tests waiting for it may become ready.
    void finished(const PlannedTest& test, bool failed);

    /// The first dependency cycle among the tests, as CTest test names, each waiting for the next
    /// and the last equal to the first (`a`, `b`, `a`); empty when there is none.
    [[nodiscard]] const std::vector<std::string>& cycle() const { return m_cycle; }

private:
    /// One CTest test in the run.
    struct Unit {
        std::string name;                    ///< Its CTest name.
        std::size_t unfinished = 0;          ///< Its cases in the run that have not finished.
        bool failed = false;                 ///< One of its cases failed.
        std::size_t waiting_for = 0;         ///< Units in `after` that have not finished.
        std::vector<std::size_t> after;      ///< Units that must finish before it starts.
        std::vector<std::size_t> dependents; ///< Units whose `after` holds it.
        /// The setup tests of the fixtures it requires, with the fixture, whose failure blocks it.
        std::vector<std::pair<std::size_t, std::string>> setups;
    };

    void link(const std::vector<const CTestRules*>& rules);
    void break_cycles();
    [[nodiscard]] const Unit* unit_of(const PlannedTest& test) const;

    std::vector<Unit> m_units;
    std::unordered_map<const CTestRules*, std::size_t> m_index;
    std::vector<std::string> m_cycle;
};

/// The first dependency cycle among `tests` (see `Prerequisites::cycle`) as one line,
/// `a -> b -> a`, each test waiting for the next; empty when there is none. ctest runs nothing
/// when its tests have one.
std::string prerequisite_cycle(const std::vector<PlannedTest>& tests);

} // namespace ptest::runner
