// `--binary-id` on a build tree's tests, with ctest's rule for fixtures: a test kept brings the
// setup and cleanup tests of the fixtures it requires (runner/model/ctest_fixtures.hpp), as
// `ctest -R` does, so that they are listed and can run before and after it.
#pragma once

#include "runner/ctest/ctest_import.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace ptest::runner {

/// Keep in `tests` (in their order) those `chosen` returns true for, and the fixture tests they
/// need; drop the others. Returns how many fixture tests were kept that `chosen` did not choose.
std::size_t keep_tests_with_fixtures(std::vector<ImportedTest>& tests,
                                     const std::function<bool(const ImportedTest&)>& chosen);

} // namespace ptest::runner
