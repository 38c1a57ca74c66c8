// Snapshot tests of the terminal reporter: hand-built events with fixed durations go through a
// colourless in-memory printer and the text is compared with tests/snapshots/terminal/*.txt.
#include "terminal_fixture.hpp"

#include "reporter/terminal/terminal_reporter.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace ptest::reporter;
using namespace std::string_literals;
using namespace ptest::reporter::fixture;
using ptest::profiles::FinalStatusLevel;
using ptest::profiles::Profile;
using ptest::profiles::StatusLevel;
using ptest::profiles::TestOutputDisplay;

namespace {

Profile quiet_profile(StatusLevel status, FinalStatusLevel final_level) {
    Profile profile;
    profile.status_level = status;
    profile.final_status_level = final_level;
    profile.failure_output = TestOutputDisplay::never;
    profile.success_output = TestOutputDisplay::never;
    return profile;
}

AttemptResult leaked(AttemptResult result, LeakStatus leak) {
    result.leak = leak;
    return result;
}

AttemptResult slow(AttemptResult result) {
    result.slow = true;
    return result;
}

AttemptResult aborted(int signal, std::int64_t millis, std::uint32_t number = 1,
                      std::uint32_t total = 1) {
    AttemptResult result = attempt(AttemptStatus::abort, millis, number, total);
    result.signal = signal;
    return result;
}

AttemptResult with_reason(AttemptResult result, std::string reason) {
    result.reason = std::move(reason);
    return result;
}

AttemptResult located(AttemptResult result, std::string file, std::uint32_t line) {
    result.location = {std::move(file), line};
    return result;
}

TestSlow slow_event(TestId test, std::int64_t millis, std::uint32_t number, std::uint32_t total,
                    bool will_terminate) {
    return TestSlow{std::move(test), number, total, ms(millis), will_terminate};
}

} // namespace

TEST_SUITE("reporter::TerminalReporter") {
    TEST_CASE("every status-line variant is printed in nextest's shape") {
        const TestId t = id("app-tests", "Suite.case");
        AttemptResult skip = attempt(AttemptStatus::skip, 3);
        skip.skip_message = "needs a GPU";
        AttemptResult timeout = attempt(AttemptStatus::timeout, 120000);
        AttemptResult exec_fail = with_reason(attempt(AttemptStatus::exec_fail, 0),
                                              "No such file or directory (os error 2)");
        AttemptResult cancelled = with_reason(attempt(AttemptStatus::cancelled, 500), "SIGTERM");

        std::vector<Event> events = {
            run_started(24, 2, 1),
            finished(id("app-tests", "pass"),
                     {located(attempt(AttemptStatus::pass, 12), "tests/app_test.cpp", 3)}),
            finished(id("app-tests", "leak_pass"),
                     {leaked(attempt(AttemptStatus::pass, 2000), LeakStatus::leaked_pass)}),
            finished(id("app-tests", "slow_pass"), {slow(attempt(AttemptStatus::pass, 75000))}),
            finished(id("app-tests", "slow_leak_pass"),
                     {slow(leaked(attempt(AttemptStatus::pass, 61000), LeakStatus::leaked_pass))}),
            finished(id("app-tests", "runtime_skip"), {skip}),
            finished(id("app-tests", "flaky"), {attempt(AttemptStatus::fail, 10, 1, 2),
                                                attempt(AttemptStatus::pass, 11, 2, 2)}),
            finished(id("app-tests", "fail"),
                     {located(attempt(AttemptStatus::fail, 4), "tests/app_test.cpp", 12)}),
            finished(id("app-tests", "fail_no_case"),
                     {located(with_reason(attempt(AttemptStatus::fail, 4), "no test case ran"),
                              "tests/app_test.cpp", 0)}),
            finished(id("app-tests", "fail_leak"),
                     {leaked(attempt(AttemptStatus::fail, 5), LeakStatus::leaked_pass)}),
            finished(id("app-tests", "exec_fail"), {exec_fail}),
            finished(id("app-tests", "leak_fail"),
                     {leaked(attempt(AttemptStatus::pass, 6), LeakStatus::leaked_fail)}),
            finished(id("app-tests", "timeout"), {timeout}),
            finished(id("app-tests", "segfault"), {aborted(SIGSEGV, 7)}),
            finished(id("app-tests", "abort"), {aborted(SIGABRT, 8)}),
            finished(id("app-tests", "unnamed_signal"), {aborted(40, 9)}),
            finished(id("app-tests", "cancelled"), {cancelled}),
            finished(id("app-tests", "fail_retry"), {attempt(AttemptStatus::fail, 1, 1, 2),
                                                     attempt(AttemptStatus::fail, 1, 2, 2)}),
            finished(id("app-tests", "fail_leak_retry"),
                     {attempt(AttemptStatus::fail, 1, 1, 2),
                      leaked(attempt(AttemptStatus::fail, 1, 2, 2), LeakStatus::leaked_pass)}),
            finished(id("app-tests", "leak_fail_retry"),
                     {attempt(AttemptStatus::fail, 1, 1, 2),
                      leaked(attempt(AttemptStatus::pass, 1, 2, 2), LeakStatus::leaked_fail)}),
            finished(id("app-tests", "timeout_retry"),
                     {attempt(AttemptStatus::timeout, 60000, 1, 2),
                      attempt(AttemptStatus::timeout, 60000, 2, 2)}),
            finished(id("app-tests", "segfault_retry"),
                     {attempt(AttemptStatus::fail, 1, 1, 2), aborted(SIGSEGV, 1, 2, 2)}),
            TestSkipped{id("other-tests", "ignored"), SkipReason::ignored},
            slow_event(t, 60000, 1, 1, false),
            slow_event(t, 60000, 2, 3, false),
            slow_event(t, 120000, 1, 1, true),
            slow_event(t, 120000, 2, 3, true),
            TestAttemptFailedWillRetry{
                t, located(attempt(AttemptStatus::fail, 30, 1, 3), "../src/suite.cpp", 7),
                ms(1500)},
            TestRetryStarted{t, 2, 3},
        };
        RunStats stats;
        stats.initial_run_count = 24;
        stats.finished_count = 21;
        stats.passed = 7;
        stats.passed_slow = 2;
        stats.flaky = 1;
        stats.leaky = 2;
        stats.failed = 9;
        stats.leaky_failed = 2;
        stats.timed_out = 2;
        stats.exec_failed = 1;
        stats.cancelled = 1;
        stats.skipped = 1;
        stats.skipped_at_runtime = 1;
        events.emplace_back(run_finished(stats, 15750, 3));

        check_snapshot("status_line_all_variants",
                       render(quiet_profile(StatusLevel::all, FinalStatusLevel::all), events));
    }

    TEST_CASE("a flaky test shows each failed try, the retries and its output") {
        Profile profile;
        profile.status_level = StatusLevel::retry;
        profile.final_status_level = FinalStatusLevel::flaky;
        profile.failure_output = TestOutputDisplay::immediate_final;
        const TestId flaky = id("math", "Math.Flaky");
        const TestId broken = id("math", "Math.Broken");
        const AttemptResult try1 =
            with_output(attempt(AttemptStatus::fail, 21, 1, 3), "attempt 1\n", "flaked\n");
        const AttemptResult try2 = with_output(attempt(AttemptStatus::fail, 22, 2, 3), "", "x");
        const AttemptResult broken1 =
            with_output(attempt(AttemptStatus::fail, 5, 1, 2), "expected 4, got 5\n", "");
        const AttemptResult broken2 =
            with_output(attempt(AttemptStatus::fail, 6, 2, 2), "expected 4, got 5\n", "");
        RunStats stats;
        stats.initial_run_count = 3;
        stats.finished_count = 3;
        stats.passed = 2;
        stats.flaky = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(3, 1),
            TestStarted{flaky, 1},
            TestStarted{broken, 2},
            TestAttemptFailedWillRetry{flaky, try1, ms(0)},
            TestRetryStarted{flaky, 2, 3},
            TestAttemptFailedWillRetry{broken, broken1, ms(250)},
            TestRetryStarted{broken, 2, 2},
            TestAttemptFailedWillRetry{flaky, try2, ms(0)},
            TestRetryStarted{flaky, 3, 3},
            finished(id("math", "Math.Ok"), {attempt(AttemptStatus::pass, 1)}, 2),
            finished(flaky, {try1, try2, attempt(AttemptStatus::pass, 23, 3, 3)}, 1),
            finished(broken, {broken1, broken2}, 0),
            run_finished(stats, 1234),
        };
        check_snapshot("flaky_with_retries", render(profile, events));
    }

    TEST_CASE("a case that passes only when re-run alone is flaky with the reason, and the summary "
              "suggests the fix for its binary") {
        Profile profile = quiet_profile(StatusLevel::retry, FinalStatusLevel::flaky);
        const TestId shared = id("os-test", "ostream_test.buffer_size");
        const TestId broken = id("os-test", "file_test.broken");
        AttemptResult shared1 = attempt(AttemptStatus::fail, 12, 1, 1);
        AttemptResult shared2 = attempt(AttemptStatus::pass, 11, 2, 2);
        shared2.ran_alone = true;
        AttemptResult broken1 = attempt(AttemptStatus::fail, 5, 1, 1);
        AttemptResult broken2 = attempt(AttemptStatus::fail, 6, 2, 2);
        broken2.ran_alone = true;
        RunStats stats;
        stats.initial_run_count = 2;
        stats.finished_count = 2;
        stats.passed = 1;
        stats.flaky = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(2, 1),
            TestStarted{shared, 1},
            TestStarted{broken, 2},
            TestAttemptFailedWillRetry{shared, shared1, ms(0), true},
            TestAttemptFailedWillRetry{broken, broken1, ms(0), true},
            TestRetryStarted{shared, 2, 2, true},
            finished(shared, {shared1, shared2}, 0),
            TestRetryStarted{broken, 2, 2, true},
            finished(broken, {broken1, broken2}, 0),
            run_finished(stats, 1234),
        };
        check_snapshot("passes_alone", render(profile, events));
    }

    TEST_CASE("an interrupted run says so, hides the closing list and counts the tests not run") {
        Profile profile;
        profile.failure_output = TestOutputDisplay::immediate_final;
        AttemptResult stopped = with_output(
            with_reason(attempt(AttemptStatus::cancelled, 800), "SIGINT"), "half done\n", "");
        RunStats stats;
        stats.initial_run_count = 10;
        stats.finished_count = 3;
        stats.passed = 2;
        stats.cancelled = 1;
        const std::vector<Event> events = {
            run_started(10, 2),
            finished(id("net", "Net.Fast"), {attempt(AttemptStatus::pass, 3)}, 2),
            RunCancelling{CancelReason::signal, SIGINT, 2},
            finished(id("net", "Net.Done"), {attempt(AttemptStatus::pass, 400)}, 1),
            finished(id("net", "Net.Slow"), {stopped}, 0),
            run_finished(stats, 900, 7),
        };
        check_snapshot("cancelled_by_interrupt", render(profile, events));
    }

    TEST_CASE("fail-fast stops the run and warns how many tests were not run") {
        Profile profile;
        profile.failure_output = TestOutputDisplay::immediate_final;
        const AttemptResult failure =
            with_output(attempt(AttemptStatus::fail, 15), "", "assertion failed: a == b\n");
        AttemptResult stopped = with_reason(attempt(AttemptStatus::cancelled, 20), "SIGTERM");
        stopped.stdout_output.text = "output of a test ptest stopped\n";
        RunStats stats;
        stats.initial_run_count = 10;
        stats.finished_count = 2;
        stats.failed = 1;
        stats.cancelled = 1;
        const std::vector<Event> events = {
            run_started(10, 1),
            finished(id("core", "Core.Fails"), {failure}, 1),
            RunCancelling{CancelReason::fail_fast, std::nullopt, 1},
            finished(id("core", "Core.Running"), {stopped}, 0),
            run_finished(stats, 50, 8),
        };
        check_snapshot("fail_fast_not_run", render(profile, events));
    }

    TEST_CASE("status level fail hides passing and skipped tests but not failures") {
        Profile profile;
        profile.status_level = StatusLevel::fail;
        profile.final_status_level = FinalStatusLevel::none;
        RunStats stats;
        stats.initial_run_count = 3;
        stats.finished_count = 3;
        stats.passed = 2;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(3, 1),
            finished(id("io", "Io.A"), {attempt(AttemptStatus::pass, 1)}),
            finished(id("io", "Io.B"), {with_output(attempt(AttemptStatus::fail, 2), "b\n", "")}),
            finished(id("io", "Io.C"), {slow(attempt(AttemptStatus::pass, 70000))}),
            TestSkipped{id("io", "Io.Ignored"), SkipReason::ignored},
            run_finished(stats, 70001),
        };
        check_snapshot("status_level_fail", render(profile, events));
    }

    TEST_CASE("final status level slow lists slow, flaky and failing tests but not passes") {
        Profile profile = quiet_profile(StatusLevel::pass, FinalStatusLevel::slow);
        RunStats stats;
        stats.initial_run_count = 5;
        stats.finished_count = 5;
        stats.passed = 4;
        stats.passed_slow = 1;
        stats.flaky = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(5, 2),
            finished(id("b", "zeta"), {attempt(AttemptStatus::fail, 3)}),
            finished(id("b", "slow"), {slow(attempt(AttemptStatus::pass, 65000))}),
            finished(id("a", "flaky"), {attempt(AttemptStatus::fail, 1, 1, 2),
                                        attempt(AttemptStatus::pass, 2, 2, 2)}),
            finished(id("a", "plain"), {attempt(AttemptStatus::pass, 2)}),
            finished(id("a", "skipped"), {attempt(AttemptStatus::skip, 2)}),
            run_finished(stats, 65432),
        };
        check_snapshot("final_status_level_slow", render(profile, events));
    }

    TEST_CASE("captured output is sanitised, cut where it was truncated and ends on a new line") {
        Profile profile;
        AttemptResult result = attempt(AttemptStatus::fail, 9);
        result.stdout_output.text = "\x1b[31mred\x1b[0m NUL:\0: bad:\xff\xfe end"s;
        result.stderr_output.text = "head line\ntail line";
        result.stderr_output.dropped_bytes = 4096;
        result.stderr_output.head_bytes = 10;
        RunStats stats;
        stats.initial_run_count = 1;
        stats.finished_count = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(1, 1),
            finished(id("noisy", "Noisy.Output"), {result}),
            run_finished(stats, 10),
        };
        check_snapshot("captured_output_sanitised", render(profile, events));
    }

    TEST_CASE("failure lines only in the framework's report get a FAILURE block, once") {
        Profile profile;
        AttemptResult from_report = attempt(AttemptStatus::fail, 4);
        from_report.failure_description = "t.cpp:20: ERROR: CHECK( 1 == 2 ) is NOT correct!\n"
                                          "  values: CHECK( 1 == 2 )\n";
        from_report.stdout_output.text = "the test's own output\n";
        AttemptResult on_console = attempt(AttemptStatus::fail, 4);
        on_console.failure_description = "t.cpp:20: Failure\nExpected equality\n";
        on_console.stdout_output.text = "[ RUN      ] A.B\nt.cpp:20: Failure\nExpected equality\n";
        RunStats stats;
        stats.initial_run_count = 2;
        stats.finished_count = 2;
        stats.failed = 2;
        const std::vector<Event> events = {
            run_started(2, 1),
            finished(id("doctest", "report only"), {from_report}),
            finished(id("gtest", "A.B"), {on_console}),
            run_finished(stats, 8),
        };
        const std::string out = render(profile, events);
        CHECK(out.find("--- FAILURE:             doctest report only ---\n"
                       "t.cpp:20: ERROR: CHECK( 1 == 2 ) is NOT correct!\n") != std::string::npos);
        CHECK(out.find("--- STDOUT:              doctest report only ---\nthe test's own "
                       "output\n") != std::string::npos);
        // The console already shows it: no block repeats it.
        CHECK(out.find("--- FAILURE:             gtest A.B ---") == std::string::npos);
        CHECK(out.find("--- STDOUT:              gtest A.B ---") != std::string::npos);
    }

    TEST_CASE("no-capture mode prints a START line per test, every result, and what reports kept") {
        // Nothing is captured then: the only output an attempt carries is what a framework's
        // report took off the terminal (Catch2 v2's XML reporter takes std::cout), shown at once
        // whatever failure-output says.
        Profile profile = quiet_profile(StatusLevel::fail, FinalStatusLevel::none);
        profile.failure_output = TestOutputDisplay::never;
        RunStats stats;
        stats.initial_run_count = 2;
        stats.finished_count = 2;
        stats.passed = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(2, 1),
            TestStarted{id("cli", "Cli.One"), 1},
            finished(id("cli", "Cli.One"), {attempt(AttemptStatus::pass, 1)}),
            TestStarted{id("cli", "Cli.Two"), 1},
            finished(id("cli", "Cli.Two"), {with_output(attempt(AttemptStatus::fail, 2), "x", "")}),
            run_finished(stats, 4),
        };
        check_snapshot("no_capture", render(profile, events, TerminalOptions{true}));
    }

    TEST_CASE("with colour on, words, ids and counts carry nextest's palette") {
        Profile profile;
        RunStats stats;
        stats.initial_run_count = 3;
        stats.finished_count = 3;
        stats.passed = 2;
        stats.flaky = 1;
        stats.failed = 1;
        const std::vector<Event> events = {
            run_started(3, 1),
            finished(id("ui", "Ui.Pass"), {attempt(AttemptStatus::pass, 1)}),
            finished(id("ui", "Ui.Flaky"), {attempt(AttemptStatus::fail, 1, 1, 2),
                                            attempt(AttemptStatus::pass, 1, 2, 2)}),
            finished(id("ui", "Ui.Fail"),
                     {with_output(attempt(AttemptStatus::fail, 2), "\x1b[33mwarn\x1b[0m\n", "")}),
            run_finished(stats, 3),
        };
        check_snapshot("colored_run", render(profile, events, {}, true));
    }
}
