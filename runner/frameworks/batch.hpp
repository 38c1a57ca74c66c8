// Pieces every adapter's batch support shares: packing case selectors into one command-line
// argument under the kernel's limit on a single argument, reading a report's duration, results
// for cases a batch cannot account for, and giving every case an empty output when the batch
// printed nothing. Pure functions; each adapter's batch file (gtest_batch.cpp, catch2_batch.cpp,
// doctest_batch.cpp, boost_batch.cpp) builds on them.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptest::runner {

/// The longest single command-line argument ptest builds, in bytes without its terminating NUL:
/// Linux refuses a longer one with E2BIG (MAX_ARG_STRLEN, 32 pages of 4 KiB, NUL included).
constexpr std::size_t k_batch_argument_limit = 32 * 4096 - 1;

/// A list of selectors joined into one argument.
struct JoinedSelectors {
    std::string argument;  ///< `prefix` followed by the selectors, separated by `separator`.
    std::size_t count = 0; ///< How many of the leading selectors it holds.
};

/// Join `prefix` and the leading `selectors` with `separator` between them, as many as keep the
/// argument within `limit` bytes, but always the first (a single case's argument is never split;
/// the kernel then judges it as it would a lone run's).
JoinedSelectors join_selectors(std::string_view prefix, std::span<const std::string> selectors,
                               char separator, std::size_t limit = k_batch_argument_limit);

/// Where a batch sits among the cases an unfiltered run of its binary selects.
struct UnfilteredPlace {
    std::size_t begin = 0; ///< The index of its first case among them.
    std::size_t size = 0;  ///< How many cases it holds.
    std::size_t total = 0; ///< How many cases an unfiltered run selects.
    /// Whether the batch is every case an unfiltered run selects: it needs no selector at all.
    [[nodiscard]] bool whole() const { return begin == 0 && size == total; }
};

/// The place of `batch` among the cases of `listed` that are not ignored (what an unfiltered run
/// selects, in listing order), when `batch` is exactly a contiguous run of them (pointers into
/// `listed`); nullopt when it is not, or when `listed` or `batch` is empty.
std::optional<UnfilteredPlace> unfiltered_place(std::span<const TestCase> listed,
                                                std::span<const TestCase* const> batch);

/// One of N equal contiguous shards of `total` cases, cut as Catch2 v3's `--shard-count`
/// cuts them: shard i starts at i x (total / N) + min(i, total mod N) and holds total / N cases,
/// one more for the first total mod N shards.
struct EqualShard {
    std::size_t begin = 0; ///< The index of its first case.
    std::size_t size = 0;  ///< How many cases it holds.
};

/// Shard `index` (below `count`, which is at least 1) of `total` cases.
EqualShard equal_shard(std::size_t total, std::size_t count, std::size_t index);

/// The shard count and index whose shard of `total` cases is exactly the `size` cases from
/// `begin`, with a count of at least 2; nullopt when no equal cut gives that range.
std::optional<std::pair<std::size_t, std::size_t>>
find_equal_shard(std::size_t total, std::size_t begin, std::size_t size);

/// The args (after the binary path) of a batch of `cases`, cases of `binary` in listing order:
/// the binary's configured `args`, then its adapter's `batch_arguments` writing the report to
/// `report_path`, given the binary's listing when it has no `args` (an unfiltered run then runs
/// exactly its cases that are not ignored). `count` says how many leading cases they select (0:
/// the adapter cannot batch). The planner sizes batches by it and the scheduler runs them with
/// it, so both see the same argv.
BatchArguments binary_batch_arguments(const TestBinary& binary,
                                      std::span<const TestCase* const> cases,
                                      std::string_view report_path);

/// `count` results that attribute nothing, each with `reason`.
std::vector<BatchCaseResult> unattributed_results(std::size_t count, const std::string& reason);

/// Withdraw the verdict of every attributed result that is not a failure, giving `reason`: for a
/// batch whose exit code or console casts doubt on every pass it reports. Failures stay (they are
/// re-run alone anyway).
void withdraw_passes(std::vector<BatchCaseResult>& results, const std::string& reason);

/// Give every attributed result an empty stdout when the batch's whole stdout is empty, and
/// likewise for stderr: a batch that printed nothing on a stream printed nothing for any case. A
/// result whose output is already known keeps it.
void give_silent_output(std::vector<BatchCaseResult>& results, std::string_view stdout_text,
                        std::string_view stderr_text);

/// A duration written as decimal seconds (`0.002`, GoogleTest 1.18's `0.`, Catch2's
/// `1.2e-05`); nullopt when `seconds` is empty, not a number or negative.
std::optional<std::chrono::nanoseconds> parse_seconds(std::string_view seconds);

} // namespace ptest::runner
