// Partitioning the selected tests into shards (see partition.hpp).
#include "runner/plan/partition.hpp"

#include "base/error.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <string>

namespace ptest::runner {

namespace {

constexpr std::uint64_t k_fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t k_fnv_prime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= k_fnv_prime;
    }
    return hash;
}

[[noreturn]] void bad_partition(std::string_view text, const std::string& why) {
    throw Error(ExitCode::usage, "invalid --partition `" + std::string(text) + "`: " + why +
                                     " (expected count:K/N, slice:K/N, hash:K/N or "
                                     "duration:K/N with 1 <= K <= N)");
}

std::optional<std::uint32_t> parse_number(std::string_view text) {
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// Binary id, then name: the order every machine agrees on whatever the listing order.
bool by_id_and_name(const TestRef& a, const TestRef& b) {
    if (a.binary->id != b.binary->id) {
        return a.binary->id < b.binary->id;
    }
    return a.test->name < b.test->name;
}

std::vector<double> known_durations(const std::vector<TestRef>& tests,
                                    const DurationLookup& durations) {
    std::vector<double> seconds(tests.size(), -1.0);
    std::vector<double> known;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (durations) {
            if (const std::optional<double> d = durations(tests[i].binary->id, tests[i].test->name);
                d && *d >= 0.0) {
                seconds[i] = *d;
                known.push_back(*d);
            }
        }
    }
    double fallback = 1.0;
    if (!known.empty()) {
        std::sort(known.begin(), known.end());
        const std::size_t mid = known.size() / 2;
        fallback = known.size() % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2.0;
    }
    for (double& d : seconds) {
        if (d < 0.0) {
            d = fallback;
        }
    }
    return seconds;
}

} // namespace

Partition parse_partition(std::string_view text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
        bad_partition(text, "missing `KIND:`");
    }
    Partition partition;
    const std::string_view kind = text.substr(0, colon);
    if (kind == "count") {
        partition.kind = PartitionKind::count;
    } else if (kind == "slice") {
        partition.kind = PartitionKind::slice;
    } else if (kind == "hash") {
        partition.kind = PartitionKind::hash;
    } else if (kind == "duration") {
        partition.kind = PartitionKind::duration;
    } else {
        bad_partition(text, "unknown kind `" + std::string(kind) + "`");
    }
    const std::string_view numbers = text.substr(colon + 1);
    const std::size_t slash = numbers.find('/');
    if (slash == std::string_view::npos) {
        bad_partition(text, "missing `/N`");
    }
    const auto shard = parse_number(numbers.substr(0, slash));
    const auto total = parse_number(numbers.substr(slash + 1));
    if (!shard || !total) {
        bad_partition(text, "K and N must be positive integers");
    }
    if (*total == 0 || *shard == 0 || *shard > *total) {
        bad_partition(text, "K must be between 1 and N");
    }
    partition.shard = *shard;
    partition.total = *total;
    return partition;
}

std::uint64_t partition_hash(std::string_view binary_id, std::string_view test) {
    return fnv1a(fnv1a(fnv1a(k_fnv_offset, binary_id), std::string_view("\0", 1)), test);
}

std::vector<std::uint32_t> assign_shards(const std::vector<TestRef>& tests, PartitionKind kind,
                                         std::uint32_t total, const DurationLookup& durations) {
    std::vector<std::uint32_t> shards(tests.size(), 0);
    if (total <= 1) {
        return shards;
    }
    std::vector<std::size_t> order(tests.size());
    std::iota(order.begin(), order.end(), 0);
    switch (kind) {
    case PartitionKind::hash:
        for (std::size_t i = 0; i < tests.size(); ++i) {
            shards[i] = static_cast<std::uint32_t>(
                partition_hash(tests[i].binary->id, tests[i].test->name) % total);
        }
        break;
    case PartitionKind::count:
    case PartitionKind::slice: {
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return by_id_and_name(tests[a], tests[b]); });
        // `count` deals each binary's tests from the first shard again; `slice` deals on.
        std::size_t dealt = 0;
        for (std::size_t position = 0; position < order.size(); ++position) {
            if (kind == PartitionKind::count && position > 0 &&
                tests[order[position]].binary->id != tests[order[position - 1]].binary->id) {
                dealt = 0;
            }
            shards[order[position]] = static_cast<std::uint32_t>(dealt++ % total);
        }
        break;
    }
    case PartitionKind::duration: {
        const std::vector<double> seconds = known_durations(tests, durations);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (seconds[a] != seconds[b]) {
                return seconds[a] > seconds[b];
            }
            return by_id_and_name(tests[a], tests[b]);
        });
        std::vector<double> load(total, 0.0);
        for (const std::size_t i : order) {
            const auto lightest = static_cast<std::uint32_t>(
                std::min_element(load.begin(), load.end()) - load.begin());
            shards[i] = lightest;
            load[lightest] += seconds[i];
        }
        break;
    }
    }
    return shards;
}

void apply_partition(Selection& selection, const Partition& partition,
                     const DurationLookup& durations) {
    const std::vector<std::uint32_t> shards =
        assign_shards(selection.run, partition.kind, partition.total, durations);
    std::vector<TestRef> kept;
    for (std::size_t i = 0; i < selection.run.size(); ++i) {
        if (shards[i] == partition.shard - 1) {
            kept.push_back(selection.run[i]);
        } else {
            selection.skipped.push_back(selection.run[i]);
            selection.partitioned.insert(selection.run[i].test);
        }
    }
    selection.run = std::move(kept);
}

} // namespace ptest::runner
