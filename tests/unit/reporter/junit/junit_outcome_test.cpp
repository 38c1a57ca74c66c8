// The wording of failed attempts and the number formats of the JUnit report, checked one by one
// against the strings contract §2/§3 prescribes.
#include "junit_test_support.hpp"

#include "reporter/junit/junit_outcome.hpp"

#include <doctest/doctest.h>

using namespace ptest::reporter;
using namespace ptest::reporter::test;

TEST_SUITE("reporter::JunitOutcome") {

    TEST_CASE("seconds have exactly three decimals and round to the millisecond") {
        CHECK(format_seconds(Duration{0}) == "0.000");
        CHECK(format_seconds(std::chrono::microseconds(4499)) == "0.004");
        CHECK(format_seconds(std::chrono::microseconds(4500)) == "0.005");
        CHECK(format_seconds(std::chrono::milliseconds(12345)) == "12.345");
        CHECK(format_seconds(std::chrono::hours(2)) == "7200.000");
        CHECK(format_seconds(Duration{-5}) == "0.000");
    }

    TEST_CASE("timestamps are RFC 3339 UTC with milliseconds and +00:00") {
        CHECK(format_timestamp(run_start()) == "2025-01-09T07:50:12.664+00:00");
        CHECK(format_timestamp(WallClock::time_point{}) == "1970-01-01T00:00:00.000+00:00");
    }

    TEST_CASE("a failure that also leaked says so in its type") {
        AttemptResult attempt = make_attempt(AttemptStatus::fail, 0, 1);
        attempt.exit_code = 2;
        attempt.leak = LeakStatus::leaked_pass;
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, {});
        CHECK(verdict.kind == NonSuccessKind::failure);
        CHECK(verdict.type == "test failure with exit code 2 (leaked handles)");
        CHECK(verdict.message == "test failed with exit code 2");
        CHECK(verdict.description.empty());
    }

    TEST_CASE("an abort uses the fallback even when the framework printed a failure line") {
        AttemptResult attempt = make_attempt(AttemptStatus::abort, 0, 1);
        attempt.signal = 64;
        attempt.failure_message = "a.cpp:1: Failure";
        attempt.failure_description = "a.cpp:1: Failure\n";
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, {});
        CHECK(verdict.type == "test abort");
        CHECK(verdict.message == "test aborted by signal 64");
        CHECK(verdict.description == "a.cpp:1: Failure\n");
    }

    TEST_CASE("a timeout without terminate-after reports the attempt's own duration") {
        const AttemptResult attempt = make_attempt(AttemptStatus::timeout, 0, 2500);
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, {});
        CHECK(verdict.message == "test timeout after 2.500s");
    }

    TEST_CASE("a cancel without a reason names the run's cancel cause") {
        const AttemptResult attempt = make_attempt(AttemptStatus::cancelled, 0, 1500);
        OutcomeContext context;
        context.cancel_cause = "fail-fast";
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, context);
        CHECK(verdict.kind == NonSuccessKind::error);
        CHECK(verdict.message == "cancelled by fail-fast after 1.500s");
    }

    TEST_CASE("a cancel whose reason already says cancelled by names the signal once") {
        AttemptResult attempt = make_attempt(AttemptStatus::cancelled, 0, 13);
        attempt.reason = "cancelled by SIGTERM";
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, {});
        CHECK(verdict.message == "cancelled by SIGTERM after 0.013s");
    }

    TEST_CASE("a framework message is made one line and bounded") {
        AttemptResult attempt = make_attempt(AttemptStatus::fail, 0, 1);
        attempt.exit_code = 1;
        attempt.failure_message =
            "t.cpp:3: REQUIRE(\x1b[1ma\x1b[0m == b)\n" + std::string(600, 'x');
        const AttemptVerdict verdict = describe_failed_attempt(attempt, {"bin", "t"}, {});
        CHECK(verdict.message.starts_with("t.cpp:3: REQUIRE(a == b) xxx"));
        CHECK(verdict.message.size() == 512);
        CHECK(verdict.message.ends_with("\xE2\x80\xA6"));
    }

} // TEST_SUITE
