// The selection with ctest's rule for fixtures: when a filter (names, `--skip`, `-E`, the default
// filter, a partition) selects a test requiring a fixture, the setup and cleanup tests of that
// fixture run too, as ctest adds them to a run filtered with `-R` or `-E`
// (runner/model/ctest_fixtures.hpp). Without this, the requiring test would run without its
// fixture, or the fixture would never be cleaned up.
#pragma once

#include "runner/list/selection.hpp"
#include "runner/model/test_list.hpp"

#include <cstddef>

namespace ptest::runner {

/// Move from `selection.skipped` into `selection.run` every case of the fixture tests the selected
/// tests of `list` need, except ignored (DISABLED) ones; `selection.run` stays in test-list order.
/// Returns how many cases were added.
std::size_t add_fixture_tests(Selection& selection, const TestList& list);

} // namespace ptest::runner
