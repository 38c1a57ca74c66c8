// Tests of the pieces every adapter's batch support shares (runner/frameworks/batch.hpp) and of
// the adapter interface's batch defaults.
#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <array>

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
