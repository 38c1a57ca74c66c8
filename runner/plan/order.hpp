// The order a run starts its tests in (`ptest run --order`). Tests with a higher `priority`
// always start first; within one priority:
//
// - `duration` (the default): the tests that failed last time first, then the others longest
//   first by their recorded duration (longest-processing-time scheduling, which brings the
//   run's makespan close to max(longest test, total / workers)), then the tests with no history
//   in list order. Ties keep list order.
// - `declared`: list order (binaries in configuration order, cases as the framework lists them).
// - `random:SEED`: a shuffle that depends only on SEED and the list, the same on every machine
//   and standard library (a Fisher-Yates shuffle driven by splitmix64 with rejection sampling,
//   not `std::shuffle`, whose algorithm is unspecified).
#pragma once

#include "runner/history/history_store.hpp"
#include "runner/schedule/planned_test.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// `--order`: how tests of equal priority are ordered.
enum class OrderKind { duration, declared, random };

/// A parsed `--order` value.
struct Order {
    OrderKind kind = OrderKind::duration;
    std::uint64_t seed = 0; ///< For `random`.

    friend bool operator==(const Order&, const Order&) = default;
};

/// Parses `duration`, `declared` or `random:SEED` (SEED a decimal 64-bit unsigned integer).
/// Throws `ptest::Error(ExitCode::usage)` with the accepted forms otherwise.
Order parse_order(std::string_view text);

/// The `--order` spelling of `order` (`random:42`).
std::string to_string(const Order& order);

/// Reorders `tests` (given in list order) into the order the run starts them. `history` is only
/// read for `duration`; null or empty gives list order within each priority.
void order_tests(std::vector<PlannedTest>& tests, const Order& order, const HistoryStore* history);

/// splitmix64 (Steele, Lea and Flood 2014): the generator behind `random:SEED`. `state` is
/// advanced; returns the next 64-bit output.
std::uint64_t splitmix64_next(std::uint64_t& state);

} // namespace ptest::runner
