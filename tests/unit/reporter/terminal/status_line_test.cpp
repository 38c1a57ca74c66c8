// Tests of status words, status levels and the fixed-width fields of status lines.
#include "terminal_fixture.hpp"

#include "reporter/terminal/status_line.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;
using ptest::profiles::FinalStatusLevel;
using ptest::profiles::StatusLevel;

TEST_SUITE("reporter::status_line") {
    TEST_CASE("durations are bracketed, right-aligned and rounded to milliseconds") {
        CHECK(bracketed_duration(ms(12)) == "[   0.012s]");
        CHECK(bracketed_duration(std::chrono::microseconds(15'749'600)) == "[  15.750s]");
        CHECK(bracketed_duration(std::chrono::seconds(1234)) == "[1234.000s]");
        CHECK(slow_duration(std::chrono::seconds(60)) == "[> 60.000s]");
        CHECK(slow_duration(std::chrono::seconds(120)) == "[>120.000s]");
        CHECK(empty_duration().size() == bracketed_duration(ms(1)).size());
    }

    TEST_CASE("a status line right-aligns the word in twelve columns") {
        CHECK(status_line({"PASS", Style::pass}, "[   0.012s]", id("bin", "Suite.name"), false) ==
              "        PASS [   0.012s] bin Suite.name");
        CHECK(status_line({"TRY 2 TRMNTG", Style::retry}, "[>120.000s]", id("b", "t"), false) ==
              "TRY 2 TRMNTG [>120.000s] b t");
    }

    TEST_CASE("colour paints the word, the binary id and the test name") {
        CHECK(status_line({"FAIL", Style::fail}, "[   0.001s]", id("bin", "t"), true) ==
              "        \x1b[1;31mFAIL\x1b[0m [   0.001s] \x1b[1;35mbin\x1b[0m "
              "\x1b[1;34mt\x1b[0m");
    }

    TEST_CASE("signals are named like nextest, long and short") {
        AttemptResult segv = attempt(AttemptStatus::abort, 1);
        segv.signal = SIGSEGV;
        CHECK(status_word(segv) == "SIGSEGV");
        CHECK(short_status_word(segv) == "SEGV");
        segv.signal = 40;
        CHECK(status_word(segv) == "ABORT SIG 40");
        CHECK(short_status_word(segv) == "SIG 40");
    }

    TEST_CASE("status levels follow nextest: flaky needs retry, leaks need leak") {
        CHECK(status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::fail, 1)})) ==
              StatusLevel::fail);
        CHECK(status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::fail, 1, 1, 2),
                                                      attempt(AttemptStatus::pass, 1, 2, 2)})) ==
              StatusLevel::retry);
        AttemptResult leak = attempt(AttemptStatus::pass, 1);
        leak.leak = LeakStatus::leaked_pass;
        CHECK(status_level_of(finished(id("b", "t"), {leak})) == StatusLevel::leak);
        CHECK(status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::pass, 1)})) ==
              StatusLevel::pass);
        // A test that ran and reported skipped finished, so it shows where passes do.
        CHECK(status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::skip, 1)})) ==
              StatusLevel::pass);
    }

    TEST_CASE("final status levels put slow above plain passes") {
        AttemptResult slow = attempt(AttemptStatus::pass, 1);
        slow.slow = true;
        CHECK(final_status_level_of(finished(id("b", "t"), {slow})) == FinalStatusLevel::slow);
        CHECK(final_status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::pass, 1)})) ==
              FinalStatusLevel::pass);
        CHECK(final_status_level_of(finished(id("b", "t"), {attempt(AttemptStatus::timeout, 1)})) ==
              FinalStatusLevel::fail);
    }

    TEST_CASE("a last attempt that leaked with result fail is a failure, not a flaky pass") {
        AttemptResult leak_fail = attempt(AttemptStatus::pass, 1, 2, 2);
        leak_fail.leak = LeakStatus::leaked_fail;
        const TestFinished event =
            finished(id("b", "t"), {attempt(AttemptStatus::fail, 1, 1, 2), leak_fail});
        CHECK_FALSE(passed_on_retry(event));
        CHECK(live_status_word(event).text == "TRY 2 LKFAIL");
        CHECK(final_status_word(event).text == "TRY 2 LKFAIL");
    }

    TEST_CASE("cancel states map signals and fail-fast") {
        CHECK(cancel_state_of(RunCancelling{CancelReason::signal, SIGINT, 0}) ==
              CancelState::interrupt);
        CHECK(cancel_state_of(RunCancelling{CancelReason::signal, SIGTERM, 0}) ==
              CancelState::signal);
        CHECK(cancel_state_of(RunCancelling{CancelReason::fail_fast, std::nullopt, 0}) ==
              CancelState::test_failure);
        CHECK(cancel_state_of(RunCancelling{CancelReason::second_signal, SIGINT, 0}) ==
              CancelState::second_signal);
    }

    TEST_CASE("a test the run skipped says why it was not run and how to run it") {
        CHECK(skip_reason_text(SkipReason::ignored) ==
              "not run: ignored (DISABLED_, hidden or skip-decorated); --run-ignored all runs it");
        CHECK(skip_reason_text(SkipReason::filtered) ==
              "not run: not selected by the filters, --skip, -E or the default-filter");
        CHECK(skip_reason_text(SkipReason::partition) ==
              "not run: in another shard of --partition; that shard runs it");
    }

    TEST_CASE("a location reads file:line, or the file alone when the line is unknown") {
        CHECK(location_text({"tests/math_test.cpp", 12}) == "tests/math_test.cpp:12");
        CHECK(location_text({"tests/math_test.cpp", 0}) == "tests/math_test.cpp");
        CHECK(location_text({"", 12}).empty());
    }

    TEST_CASE("only a failed attempt with a known location gets a location detail") {
        AttemptResult result;
        result.status = AttemptStatus::fail;
        result.location = {"../tests/a b.cpp", 40};
        CHECK(location_detail(result) == "at ../tests/a b.cpp:40");
        result.status = AttemptStatus::timeout;
        CHECK(location_detail(result) == "at ../tests/a b.cpp:40");
        result.status = AttemptStatus::pass;
        CHECK(location_detail(result).empty());
        result.status = AttemptStatus::skip;
        CHECK(location_detail(result).empty());
        result.status = AttemptStatus::fail;
        result.location = {};
        CHECK(location_detail(result).empty());
    }

    TEST_CASE("detail lines stay on one sanitised line") {
        CHECK(detail_line("no test case ran") == "           - no test case ran");
        CHECK(detail_line("two\nlines\x1b[2J\n") == "           - two lines");
    }

    TEST_CASE("a failure says how its process ended, unless the status word already does") {
        AttemptResult result = attempt(AttemptStatus::fail, 4);
        CHECK(exit_status_text(result) == "exited with code 1");
        result.exit_code = 0; // Exit 0, but the framework's report disagrees.
        CHECK(exit_status_text(result) == "exited with code 0");
        AttemptResult timeout = attempt(AttemptStatus::timeout, 4);
        timeout.signal = SIGTERM;
        CHECK(exit_status_text(timeout) == "terminated with SIGTERM");
        timeout.signal.reset();
        timeout.exit_code = 3;
        CHECK(exit_status_text(timeout) == "exited with code 3 when terminated");
        AttemptResult leak_fail = attempt(AttemptStatus::pass, 4);
        leak_fail.leak = LeakStatus::leaked_fail;
        leak_fail.exit_code = 0;
        CHECK(exit_status_text(leak_fail) == "exited with code 0");
    }

    TEST_CASE("a success, an abort, a cancel and an exec failure add no exit detail") {
        AttemptResult pass = attempt(AttemptStatus::pass, 1);
        pass.exit_code = 0;
        CHECK(exit_status_text(pass).empty());
        AttemptResult segv = attempt(AttemptStatus::abort, 1);
        segv.signal = SIGSEGV;
        CHECK(exit_status_text(segv).empty());
        CHECK(exit_status_text(attempt(AttemptStatus::cancelled, 1)).empty());
        CHECK(exit_status_text(attempt(AttemptStatus::exec_fail, 1)).empty());
        AttemptResult unknown = attempt(AttemptStatus::fail, 1);
        unknown.exit_code.reset();
        CHECK(exit_status_text(unknown).empty());
    }
}
