// Which CTest tests a filtered run needs besides the ones the filter chose: as ctest does for
// `-R`, the setup and cleanup tests (FIXTURES_SETUP, FIXTURES_CLEANUP) of every fixture a chosen
// test requires (FIXTURES_REQUIRED), and, since a setup or cleanup test may require fixtures of
// its own, theirs in turn. DEPENDS pulls nothing in, as under ctest.
#pragma once

#include "runner/model/ctest_rules.hpp"

#include <vector>

namespace ptest::runner {

/// `chosen` (one flag per entry of `tests`, each a CTest test's rules, or null for a test that
/// did not come from CTest) with the flags of the fixture tests the chosen ones need added.
std::vector<bool> with_fixture_tests(const std::vector<const CTestRules*>& tests,
                                     std::vector<bool> chosen);

} // namespace ptest::runner
