// Tests of --partition: parsing and its errors, the fixed hash values, how `count:` (per binary)
// and `slice:` (across binaries) deal, and for every kind that the N shards together hold each
// selected test exactly once; `duration:` on a skewed set keeps its slowest shard within 10% of
// the ideal where `count:` and `hash:` do not.
#include "base/error.hpp"

#include "runner/plan/partition.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

/// Two binaries with `per_binary` tests each, listed in reverse name order.
TestList make_list(int per_binary) {
    TestList list;
    for (const char* id : {"beta", "alpha"}) {
        TestBinary binary;
        binary.id = id;
        for (int i = per_binary - 1; i >= 0; --i) {
            TestCase test;
            test.name = "Case." + std::to_string(i);
            binary.cases.push_back(test);
        }
        list.binaries.push_back(binary);
    }
    return list;
}

std::vector<TestRef> refs(const TestList& list) {
    std::vector<TestRef> out;
    for (const TestBinary& binary : list.binaries) {
        for (const TestCase& test : binary.cases) {
            out.push_back({&binary, &test});
        }
    }
    return out;
}

std::string key(const TestRef& ref) {
    return ref.binary->id + ":" + ref.test->name;
}

std::string usage_error(const std::string& text) {
    try {
        (void)parse_partition(text);
    } catch (const Error& error) {
        return error.code() == ExitCode::usage ? error.what() : "<wrong exit code>";
    }
    return "<no error>";
}

/// The largest shard total of `seconds` split by `kind` into `total` shards.
double slowest_shard(const std::vector<TestRef>& tests,
                     const std::map<std::string, double>& seconds, PartitionKind kind,
                     std::uint32_t total) {
    const DurationLookup lookup = [&](std::string_view id, std::string_view name) {
        return std::optional<double>(seconds.at(std::string(id) + ":" + std::string(name)));
    };
    const std::vector<std::uint32_t> shards = assign_shards(tests, kind, total, lookup);
    std::vector<double> load(total, 0.0);
    for (std::size_t i = 0; i < tests.size(); ++i) {
        load[shards[i]] += seconds.at(key(tests[i]));
    }
    return *std::max_element(load.begin(), load.end());
}

} // namespace

TEST_SUITE("runner::partition") {
    TEST_CASE("count, slice, hash and duration parse with 1 <= K <= N") {
        const Partition p = parse_partition("hash:2/3");
        CHECK(p.kind == PartitionKind::hash);
        CHECK(p.shard == 2);
        CHECK(p.total == 3);
        CHECK(parse_partition("count:1/1").kind == PartitionKind::count);
        CHECK(parse_partition("duration:4/4").kind == PartitionKind::duration);
        CHECK(parse_partition("slice:2/5").kind == PartitionKind::slice);
    }

    TEST_CASE("bad partitions are usage errors that say what is expected") {
        const std::string tail =
            " (expected count:K/N, slice:K/N, hash:K/N or duration:K/N with 1 <= K <= N)";
        CHECK(usage_error("count:0/2") == "invalid --partition `count:0/2`: K must be between 1 "
                                          "and N" +
                                              tail);
        CHECK(usage_error("count:3/2") == "invalid --partition `count:3/2`: K must be between 1 "
                                          "and N" +
                                              tail);
        CHECK(usage_error("slices:1/2") ==
              "invalid --partition `slices:1/2`: unknown kind `slices`" + tail);
        CHECK(usage_error("1/2") == "invalid --partition `1/2`: missing `KIND:`" + tail);
        CHECK(usage_error("hash:1") == "invalid --partition `hash:1`: missing `/N`" + tail);
        CHECK(usage_error("hash:a/2") ==
              "invalid --partition `hash:a/2`: K and N must be positive integers" + tail);
        CHECK(usage_error("hash:1/-2") ==
              "invalid --partition `hash:1/-2`: K and N must be positive integers" + tail);
    }

    TEST_CASE("the hash is FNV-1a 64 of binary id, NUL, test name: fixed known values") {
        CHECK(partition_hash("", "") == 0xaf63bd4c8601b7dfULL);
        CHECK(partition_hash("unit", "Math.Adds") == 0x4c39f151de2ed4dfULL);
        CHECK(partition_hash("gtest_basic", "Crash.Segfault") == 0x4a9c4c7a1156c4d5ULL);
        // The separator keeps `ab`+`c` and `a`+`bc` apart.
        CHECK(partition_hash("ab", "c") != partition_hash("a", "bc"));
    }

    TEST_CASE("count deals each binary's tests sorted by name from the first shard again") {
        TestList list = make_list(3); // beta: Case.2, Case.1, Case.0; alpha: the same
        const std::vector<TestRef> tests = refs(list);
        const std::vector<std::uint32_t> shards =
            assign_shards(tests, PartitionKind::count, 2, nullptr);
        std::map<std::string, std::uint32_t> by_key;
        for (std::size_t i = 0; i < tests.size(); ++i) {
            by_key[key(tests[i])] = shards[i];
        }
        CHECK(by_key == std::map<std::string, std::uint32_t>{{"alpha:Case.0", 0},
                                                             {"alpha:Case.1", 1},
                                                             {"alpha:Case.2", 0},
                                                             {"beta:Case.0", 0},
                                                             {"beta:Case.1", 1},
                                                             {"beta:Case.2", 0}});
    }

    TEST_CASE("slice deals all tests sorted by binary id then name, round-robin across binaries") {
        TestList list = make_list(3);
        const std::vector<TestRef> tests = refs(list);
        const std::vector<std::uint32_t> shards =
            assign_shards(tests, PartitionKind::slice, 2, nullptr);
        std::map<std::string, std::uint32_t> by_key;
        for (std::size_t i = 0; i < tests.size(); ++i) {
            by_key[key(tests[i])] = shards[i];
        }
        CHECK(by_key == std::map<std::string, std::uint32_t>{{"alpha:Case.0", 0},
                                                             {"alpha:Case.1", 1},
                                                             {"alpha:Case.2", 0},
                                                             {"beta:Case.0", 1},
                                                             {"beta:Case.1", 0},
                                                             {"beta:Case.2", 1}});
    }

    TEST_CASE("every kind splits the selection into N disjoint shards whose union is all") {
        TestList list = make_list(37);
        Selection full;
        full.run = refs(list);
        std::map<std::string, double> seconds;
        for (const TestRef& ref : full.run) {
            seconds[key(ref)] = static_cast<double>(ref.test->name.size() % 7);
        }
        const DurationLookup lookup = [&](std::string_view id, std::string_view name) {
            return std::optional<double>(seconds.at(std::string(id) + ":" + std::string(name)));
        };
        for (const char* kind : {"count", "slice", "hash", "duration"}) {
            for (std::uint32_t total : {1U, 2U, 3U, 5U, 100U}) {
                CAPTURE(kind);
                CAPTURE(total);
                std::multiset<std::string> seen;
                std::vector<std::size_t> sizes;
                for (std::uint32_t shard = 1; shard <= total; ++shard) {
                    Selection selection = full;
                    apply_partition(selection,
                                    parse_partition(std::string(kind) + ":" +
                                                    std::to_string(shard) + "/" +
                                                    std::to_string(total)),
                                    lookup);
                    CHECK(selection.run.size() + selection.skipped.size() == full.run.size());
                    // Every test the shard left out is marked as the partition's, none it runs.
                    CHECK(selection.partitioned.size() == selection.skipped.size());
                    for (const TestRef& ref : selection.skipped) {
                        CHECK(selection.partitioned.count(ref.test) == 1);
                    }
                    sizes.push_back(selection.run.size());
                    for (const TestRef& ref : selection.run) {
                        seen.insert(key(ref));
                    }
                }
                CHECK(seen.size() == full.run.size());
                CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == full.run.size());
                if (std::string(kind) == "slice") {
                    // Dealt across binaries, shard sizes differ by at most one.
                    CHECK(*std::max_element(sizes.begin(), sizes.end()) -
                              *std::min_element(sizes.begin(), sizes.end()) <=
                          1);
                }
            }
        }
    }

    TEST_CASE("a shard keeps the selection's order") {
        TestList list = make_list(10);
        Selection selection;
        selection.run = refs(list);
        apply_partition(selection, parse_partition("hash:1/2"), nullptr);
        std::vector<std::string> kept;
        for (const TestRef& ref : selection.run) {
            kept.push_back(key(ref));
        }
        std::vector<std::string> in_list_order;
        for (const TestRef& ref : refs(list)) {
            if (std::find(kept.begin(), kept.end(), key(ref)) != kept.end()) {
                in_list_order.push_back(key(ref));
            }
        }
        CHECK(kept == in_list_order);
    }

    TEST_CASE("duration balances a skewed set within 10% of the ideal; count and hash do not") {
        // Per binary: five 8 s tests (Case.0, Case.20, …) and 95 of 0.1 s; 99 s in all.
        TestList list = make_list(100);
        const std::vector<TestRef> tests = refs(list);
        std::map<std::string, double> seconds;
        for (const TestRef& ref : tests) {
            const int index = std::stoi(ref.test->name.substr(5));
            seconds[key(ref)] = index % 20 == 0 ? 8.0 : 0.1;
        }
        double total = 0;
        for (const auto& [name, s] : seconds) {
            total += s;
        }
        const std::uint32_t shards = 4;
        const double ideal = total / shards;
        const double by_duration = slowest_shard(tests, seconds, PartitionKind::duration, shards);
        const double by_count = slowest_shard(tests, seconds, PartitionKind::count, shards);
        const double by_hash = slowest_shard(tests, seconds, PartitionKind::hash, shards);
        CAPTURE(ideal);
        CAPTURE(by_duration);
        CAPTURE(by_count);
        CAPTURE(by_hash);
        CHECK(by_duration <= ideal * 1.10);
        CHECK(by_count > ideal * 1.10);
        CHECK(by_hash > ideal * 1.10);
    }

    TEST_CASE("unrecorded tests count as the median of the recorded ones, or 1 s") {
        TestList list = make_list(2);
        const std::vector<TestRef> tests = refs(list); // beta 1, beta 0, alpha 1, alpha 0
        // Recorded: 10, 2 and 4 (median 4); alpha:Case.0 unknown counts as 4.
        const std::map<std::string, double> recorded = {
            {"beta:Case.1", 10.0}, {"beta:Case.0", 2.0}, {"alpha:Case.1", 4.0}};
        const DurationLookup lookup = [&](std::string_view id, std::string_view name) {
            const auto it = recorded.find(std::string(id) + ":" + std::string(name));
            return it == recorded.end() ? std::nullopt : std::optional<double>(it->second);
        };
        // Longest first: beta:1 (10) -> 0; alpha:0 (4) and alpha:1 (4) -> 1, 1; beta:0 (2) -> 1.
        CHECK(assign_shards(tests, PartitionKind::duration, 2, lookup) ==
              std::vector<std::uint32_t>{0, 1, 1, 1});
        // With no history every test weighs 1 s: alpha:0, alpha:1, beta:0, beta:1 dealt in turn.
        CHECK(assign_shards(tests, PartitionKind::duration, 2, nullptr) ==
              std::vector<std::uint32_t>{1, 0, 1, 0});
    }
}

} // namespace ptest::runner
