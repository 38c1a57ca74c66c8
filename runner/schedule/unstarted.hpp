// The results of tests the scheduler reports without starting a process: a case its framework
// cannot run on its own, a CTest test ptest refuses, and the one case of a binary whose listing
// failed. Pure, so each is unit-tested.
#pragma once

#include "reporter/events.hpp"
#include "runner/model/test_list.hpp"

namespace ptest::runner {

/// Whether the scheduler reports `test` of `binary` without starting it: the case is
/// `unselectable`, or the binary's listing failed.
[[nodiscard]] bool runs_without_process(const TestBinary& binary, const TestCase& test);

/// The one attempt of such a test (`runs_without_process` is true), without its start time:
/// - a binary whose listing failed: `fail`, with the listing's problem as the reason, the failure
///   message naming the binary, and the listing's output as the attempt's output;
/// - a CTest test ptest refuses: `exec_fail` (ctest's "Not Run"), with the reason;
/// - any other case its framework cannot run on its own: `skip`, never a failure.
[[nodiscard]] reporter::AttemptResult unstarted_result(const TestBinary& binary,
                                                       const TestCase& test);

} // namespace ptest::runner
