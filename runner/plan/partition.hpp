// Partitions (`--partition count:K/N | slice:K/N | hash:K/N | duration:K/N`): split the selected
// tests into N shards so that N CI machines each run one, every selected test on exactly one
// machine. Every kind is a pure function of its inputs, so every machine computes the same split.
// Tests outside the chosen shard count as skipped, as nextest does.
#pragma once

#include "runner/list/selection.hpp"
#include "runner/model/test_list.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace ptest::runner {

enum class PartitionKind {
    count,    ///< Round-robin within each binary, over its tests sorted by name (nextest's).
    slice,    ///< Round-robin over all selected tests sorted by binary id, then name.
    hash,     ///< By a stable hash of binary id and name: a test never changes shard.
    duration, ///< Balanced by recorded durations (greedy longest-first).
};

/// `--partition KIND:K/N`: run shard `shard` (1-based) of `total`.
struct Partition {
    PartitionKind kind = PartitionKind::count;
    std::uint32_t shard = 1;
    std::uint32_t total = 1;
};

/// Parse `count:K/N`, `slice:K/N`, `hash:K/N` or `duration:K/N` with 1 <= K <= N. Throws
/// `ptest::Error`
/// (`ExitCode::usage`) naming what is wrong.
Partition parse_partition(std::string_view text);

/// The recorded duration of a test in seconds, if it ran before.
using DurationLookup =
    std::function<std::optional<double>(std::string_view binary_id, std::string_view test)>;

/// FNV-1a (64 bit) of `binary_id`, one NUL byte, and `test`: the `hash:` partition's hash, fixed
/// for all versions of ptest and all machines.
std::uint64_t partition_hash(std::string_view binary_id, std::string_view test);

/// The 0-based shard of each of `tests` (same order) among `total` shards. `durations` is read by
/// `duration` only: a test never recorded counts as the median of the recorded ones (1 s when
/// none is), then tests go, longest first (ties by binary id, then name), each to the shard with
/// the least total so far (ties to the lowest shard).
std::vector<std::uint32_t> assign_shards(const std::vector<TestRef>& tests, PartitionKind kind,
                                         std::uint32_t total, const DurationLookup& durations);

/// Keep in `selection.run` only the tests of `partition`'s shard (in their order); move the
/// others to the end of `selection.skipped`.
void apply_partition(Selection& selection, const Partition& partition,
                     const DurationLookup& durations);

} // namespace ptest::runner
