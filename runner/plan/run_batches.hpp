// Which planned tests of a run share a process (`isolation = "batch"`, issue 15). For each binary
// it picks the cases whose settings let them share a process and hands them to
// `plan_binary_batches`; the scheduler then runs each batch of two or more cases as one process on
// one worker slot and every other test as in process mode.
#pragma once

#include "runner/history/history_store.hpp"
#include "runner/schedule/planned_test.hpp"

#include <cstddef>
#include <vector>

namespace ptest::runner {

/// Whether `test`'s own settings let it share a process with other cases of its binary: isolation
/// "batch", one worker slot, the global test group, no resource lock, not run-serial, no
/// environment of its own, no CTest prerequisites (fixtures, DEPENDS), and a process to run in.
[[nodiscard]] bool may_share_process(const PlannedTest& test);

/// The batches of `tests` (the run's planned tests, in the order the scheduler gets them): each a
/// list of two or more indices into `tests`, cases of one binary in listing order; the batches
/// longest expected first (the order the scheduler starts them in). Empty when no
/// test asks for batches, or when `no_capture` (no report to read) is set. `history` (null: none)
/// sizes the batches; `workers` is the run's `test-threads`.
std::vector<std::vector<std::size_t>> plan_run_batches(const std::vector<PlannedTest>& tests,
                                                       const HistoryStore* history, int workers,
                                                       bool no_capture);

/// The batches `plan_run_batches` would make if the tests that run one process each (isolation
/// "process") but could otherwise share one asked for batches: what the batch hint measures
/// (runner/schedule/batch_hint.hpp). Tests that already ask for batches are in none of them.
std::vector<std::vector<std::size_t>> plan_hint_batches(const std::vector<PlannedTest>& tests,
                                                        const HistoryStore* history, int workers,
                                                        bool no_capture);

} // namespace ptest::runner
