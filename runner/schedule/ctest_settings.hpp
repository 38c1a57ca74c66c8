// The scheduler side of CTest's test properties: TIMEOUT, RUN_SERIAL, RESOURCE_LOCK and PROCESSORS
// of a test imported from a build tree become its settings.
#pragma once

#include "runner/model/test_list.hpp"
#include "runner/schedule/planned_test.hpp"

namespace ptest::runner {

/// Apply the scheduler-side rules of `binary` (if it came from CTest) to `settings`: TIMEOUT as a
/// terminate deadline, RUN_SERIAL, RESOURCE_LOCK and PROCESSORS as threads-required.
void apply_ctest_rules(const TestBinary& binary, TestSettings& settings);

} // namespace ptest::runner
