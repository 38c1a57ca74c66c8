// The selection as `RunStarted` describes it: each binary the run's tests come from, once, in the
// order of its first test, with its kind, path and number of tests. Pure, so it is unit-tested.
#pragma once

#include "reporter/events.hpp"
#include "runner/model/test_list.hpp"

namespace ptest::runner {

/// Count one test of `binary` into `started`: the binary's id joins `binary_ids` and
/// `binaries` the first time it is seen; its `tests` count grows by one.
void add_to_selection(reporter::RunStarted& started, const TestBinary& binary);

} // namespace ptest::runner
