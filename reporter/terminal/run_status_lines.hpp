// The lines of status on demand (SIGUSR1, the `t` key) and of the slowest tests after the summary:
//
//       STATUS 2 running, 5/20 finished after 3.201s
//      RUNNING [   2.300s] binary-id test-name (slot 0, pid 4242, attempt 1/1)
//      WAITING [         ] binary-id test-name (slot 1, to retry after attempt 1/3)
//        BATCH [   0.500s] binary-id first-case (slot 2, pid 4243, 5 cases)
//
//      Slowest 2 tests
//              [   1.503s] binary-id test-name
//              [   0.900s] binary-id test-name (3 attempts)
//
// Pure functions: they return lines and never print.
#pragma once

#include "reporter/events.hpp"
#include "reporter/slowest_tests.hpp"

#include <string>
#include <vector>

namespace ptest::reporter {

/// The lines that answer a status request: a header, then one line per test or batch that
/// holds a worker slot, in slot order.
std::vector<std::string> run_status_lines(const RunStatus& status, bool color);

/// The lines of the slowest tests (`slowest_tests`), slowest first, under a header; none when
/// `slowest` is empty.
std::vector<std::string> slowest_lines(const std::vector<TestTime>& slowest, bool color);

} // namespace ptest::reporter
