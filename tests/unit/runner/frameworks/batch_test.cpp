// Tests of the pieces every adapter's batch support shares (runner/frameworks/batch.hpp) and of
// the adapter interface's batch defaults.
#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <utility>

namespace ptest::runner {

TEST_SUITE("runner::batch") {
    TEST_CASE("selectors are joined as long as the argument stays within the limit") {
        const std::array<std::string, 3> selectors{"aa", "bbb", "c"};
        JoinedSelectors all = join_selectors("-f=", selectors, ':', 100);
        CHECK(all.argument == "-f=aa:bbb:c");
        CHECK(all.count == 3);
        JoinedSelectors two = join_selectors("-f=", selectors, ':', 9);
        CHECK(two.argument == "-f=aa:bbb");
        CHECK(two.count == 2);
        JoinedSelectors one = join_selectors("-f=", selectors, ':', 2);
        CHECK(one.argument == "-f=aa");
        CHECK(one.count == 1);
    }

    TEST_CASE("equal shards are cut as Catch2 v3 cuts them, the longer ones first") {
        CHECK(equal_shard(10, 3, 0).begin == 0);
        CHECK(equal_shard(10, 3, 0).size == 4);
        CHECK(equal_shard(10, 3, 1).begin == 4);
        CHECK(equal_shard(10, 3, 1).size == 3);
        CHECK(equal_shard(10, 3, 2).begin == 7);
        CHECK(equal_shard(10, 3, 2).size == 3);
        CHECK(equal_shard(2000, 8, 3).begin == 750);
        CHECK(equal_shard(2000, 8, 3).size == 250);
    }

    TEST_CASE("a range is found as the shard it is, and only a range that is a shard") {
        CHECK(find_equal_shard(2000, 750, 250) == std::pair<std::size_t, std::size_t>{8, 3});
        CHECK(find_equal_shard(10, 4, 3) == std::pair<std::size_t, std::size_t>{3, 1});
        CHECK_FALSE(find_equal_shard(10, 0, 10).has_value()); // The whole is no shard of two.
        CHECK_FALSE(find_equal_shard(5, 1, 2).has_value());
        CHECK_FALSE(find_equal_shard(5, 4, 2).has_value()); // Past the end.
        for (std::size_t total = 2; total <= 40; ++total) {
            for (std::size_t count = 2; count <= total; ++count) {
                for (std::size_t index = 0; index < count; ++index) {
                    const EqualShard shard = equal_shard(total, count, index);
                    const auto found = find_equal_shard(total, shard.begin, shard.size);
                    REQUIRE(found.has_value());
                    const EqualShard again = equal_shard(total, found->first, found->second);
                    CHECK(again.begin == shard.begin);
                    CHECK(again.size == shard.size);
                }
            }
        }
    }

    TEST_CASE("a binary's batch argv gets its listing only when it has no arguments of its own") {
        TestBinary binary;
        binary.kind = "catch2";
        for (const char* name : {"a", "b"}) {
            TestCase test;
            test.name = name;
            binary.cases.push_back(std::move(test));
        }
        const std::vector<const TestCase*> batch{&binary.cases[0], &binary.cases[1]};
        BatchArguments whole = binary_batch_arguments(binary, batch, "r.xml");
        CHECK(whole.count == 2);
        CHECK(std::find(whole.args.begin(), whole.args.end(), "a,b") == whole.args.end());
        binary.args = {"--order", "decl"};
        BatchArguments named = binary_batch_arguments(binary, batch, "r.xml");
        CHECK(named.args.front() == "--order");
        CHECK(std::find(named.args.begin(), named.args.end(), "a,b") != named.args.end());
    }

    TEST_CASE("the argument limit is Linux's limit on one argument, without its NUL") {
        CHECK(k_batch_argument_limit == 131071);
    }

    TEST_CASE("durations are read from decimal seconds, and nothing else") {
        CHECK(parse_seconds("0.002") == std::chrono::milliseconds(2));
        CHECK(parse_seconds("0.") == std::chrono::nanoseconds(0));
        CHECK(parse_seconds("1.2e-05") == std::chrono::microseconds(12));
        CHECK_FALSE(parse_seconds("").has_value());
        CHECK_FALSE(parse_seconds("soon").has_value());
        CHECK_FALSE(parse_seconds("-1").has_value());
        CHECK_FALSE(parse_seconds("1s").has_value());
    }

    TEST_CASE("only an attributed pass or skip without disagreement is final") {
        BatchCaseResult result;
        result.attributed = true;
        result.verdict.from_report = true;
        CHECK(batch_verdict_is_final(result));
        result.verdict.skipped = true;
        CHECK(batch_verdict_is_final(result));
        result.verdict.failed = true;
        CHECK_FALSE(batch_verdict_is_final(result));
        result.verdict.failed = false;
        result.verdict.disagreement = "the exit code disagrees";
        CHECK_FALSE(batch_verdict_is_final(result));
        result.verdict.disagreement.clear();
        result.attributed = false;
        CHECK_FALSE(batch_verdict_is_final(result));
    }

    TEST_CASE("withdrawn passes are unattributed with the reason, and failures stay") {
        std::vector<BatchCaseResult> results(2);
        for (BatchCaseResult& result : results) {
            result.attributed = true;
            result.verdict.from_report = true;
        }
        results[1].verdict.failed = true;
        withdraw_passes(results, "doubt");
        CHECK_FALSE(results[0].attributed);
        CHECK(results[0].unattributed_reason == "doubt");
        CHECK(results[1].attributed);
    }

    TEST_CASE("a silent stream gives every attributed case an empty output on it") {
        std::vector<BatchCaseResult> results(2);
        results[0].attributed = true;
        give_silent_output(results, "", "noise");
        CHECK(results[0].stdout_text == std::optional<std::string>(""));
        CHECK_FALSE(results[0].stderr_text.has_value());
        CHECK_FALSE(results[1].stdout_text.has_value());
    }

    TEST_CASE("a plain command never batches") {
        const FrameworkAdapter* command = find_framework("command");
        REQUIRE(command != nullptr);
        std::vector<TestCase> listed(2);
        CHECK(command->batchable_cases(listed) == std::vector<bool>{false, false});
        CHECK(command->batch_arguments({}, "r.xml").count == 0);
        std::vector<BatchCaseResult> results =
            command->interpret_batch(std::vector<const TestCase*>{&listed[0]}, "", 0, "", "");
        REQUIRE(results.size() == 1);
        CHECK_FALSE(results[0].attributed);
    }
}

} // namespace ptest::runner
