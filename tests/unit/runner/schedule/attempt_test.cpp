// Tests of one Attempt's state machine. Its timing rules (an absolute deadline, SIGKILL when the
// grace period ends for a test that ignores SIGTERM, the leak check) run on scripted fake children
// and a manual clock, so every duration is exact; a few smoke tests run real shell commands on the
// POSIX launcher (an exec failure, pass and fail by exit status, a crash).
#include "../process/child_helpers.hpp"
#include "fake_launcher.hpp"
#include "manual_clock.hpp"

#include "runner/process/child_reaper.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/schedule/attempt.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using reporter::LeakStatus;

namespace {

/// An attempt of a plain command (no framework report to verify).
AttemptSpec plain(const SpawnRequest& request) {
    AttemptSpec spec;
    spec.request = request;
    spec.verify_single_case = false;
    spec.attempt = 2;
    spec.total_attempts = 3;
    return spec;
}

/// An attempt of a fake child (the launcher ignores the request but records it).
AttemptSpec fake() {
    SpawnRequest request;
    request.program = "/fake/test";
    return plain(request);
}

/// What one attempt reported.
struct Outcome {
    std::optional<reporter::AttemptResult> result;
    int done_calls = 0;
    std::vector<std::pair<reporter::Duration, bool>> slow;
    Attempt::State final_state = Attempt::State::spawning;
    base::Duration elapsed{0};        ///< Manual time until it was done (fake runs only).
    std::shared_ptr<FakeChild> child; ///< The fake child (fake runs only).
};

AttemptCallbacks recording(Outcome& outcome) {
    AttemptCallbacks callbacks;
    callbacks.on_slow = [&](reporter::Duration elapsed, bool will_terminate) {
        outcome.slow.emplace_back(elapsed, will_terminate);
    };
    callbacks.on_done = [&](reporter::AttemptResult result) {
        ++outcome.done_calls;
        outcome.result = std::move(result);
    };
    return callbacks;
}

/// Run `spec` on a real child. The loop's time limit is a safety net against a hang, not a
/// timing assertion: these commands end at once.
Outcome run_real(AttemptSpec spec) {
    boost::asio::io_context io;
    ChildReaper reaper(io);
    PosixLauncher launcher(io, reaper);
    SteadyLoopClock clock(io);
    Outcome outcome;
    AttemptCallbacks callbacks = recording(outcome);
    auto on_done = std::move(callbacks.on_done);
    callbacks.on_done = [&, on_done](reporter::AttemptResult result) {
        on_done(std::move(result));
        io.stop();
    };
    auto attempt =
        std::make_shared<Attempt>(ProcessLoop{io, launcher, clock}, std::move(spec), callbacks);
    attempt->start();
    io.run_for(std::chrono::seconds(60));
    outcome.final_state = attempt->state();
    return outcome;
}

/// Run `spec` on a fake child following `script`, moving the manual clock from one timer to the
/// next until the attempt is done. `during` (when set) runs once the child has started.
Outcome run_fake(AttemptSpec spec, const ChildScript& script,
                 const std::function<void(Attempt&, ManualClock&)>& during = {}) {
    boost::asio::io_context io;
    ManualClock clock(io);
    FakeLauncher launcher(io, clock);
    launcher.script = [&](const FakeChild&) { return script; };
    Outcome outcome;
    auto attempt = std::make_shared<Attempt>(launcher.loop(), std::move(spec), recording(outcome));
    attempt->start();
    if (during) {
        during(*attempt, clock);
    }
    while (!outcome.result && clock.advance_to_next()) {
    }
    outcome.final_state = attempt->state();
    outcome.elapsed = clock.elapsed();
    outcome.child = launcher.children.at(0);
    return outcome;
}

/// A Catch2 v3 binary and its case `pass`, whose verdict is read from the report file.
struct ReportedCase {
    TestBinary binary;
    TestCase test;
    ReportedCase() {
        binary.id = "v3";
        binary.kind = "catch2";
        binary.framework_version = 3;
        test.name = "pass";
    }
    [[nodiscard]] AttemptSpec spec() const {
        AttemptSpec spec = fake();
        spec.binary = &binary;
        spec.test = &test;
        spec.verify_single_case = true;
        spec.request.report = true;
        return spec;
    }
};

/// A Catch2 v3 report of one finished case `pass` with the given result.
std::string v3_report(bool success) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch2TestRun name="t" filters="&quot;pass&quot;"><TestCase name="pass" tags="" filename="t.cpp" line="7"><OverallResult success=")") +
           (success ? "true" : "false") + R"(" skips="0"/></TestCase></Catch2TestRun>)";
}

/// A child that runs until a signal ends it.
ChildScript hangs() {
    ChildScript script;
    script.ends_after = std::nullopt;
    return script;
}

} // namespace

TEST_SUITE("runner::Attempt") {
    TEST_CASE("a program that cannot start completes at once as an exec failure") {
        SpawnRequest request;
        request.program = "/nonexistent/ptest-no-such-program";
        Outcome outcome = run_real(plain(request));
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.done_calls == 1);
        CHECK(outcome.final_state == Attempt::State::done);
        CHECK(outcome.result->status == AttemptStatus::exec_fail);
        CHECK(outcome.result->reason ==
              "failed to start /nonexistent/ptest-no-such-program: No such file or directory");
        CHECK_FALSE(outcome.result->exit_code.has_value());
    }

    TEST_CASE("a plain command passes on exit 0 with its output captured") {
        Outcome outcome = run_real(plain(shell("echo out; echo err >&2")));
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.done_calls == 1);
        CHECK(outcome.final_state == Attempt::State::done);
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.result->exit_code == 0);
        CHECK(outcome.result->attempt == 2);
        CHECK(outcome.result->total_attempts == 3);
        CHECK(outcome.result->stdout_output.text == "out\n");
        CHECK(outcome.result->stderr_output.text == "err\n");
        CHECK(outcome.result->leak == LeakStatus::none);
        CHECK_FALSE(outcome.result->slow);
        CHECK(outcome.slow.empty());
    }

    TEST_CASE("a plain command fails on a non-zero exit and aborts on a signal") {
        Outcome failed = run_real(plain(shell("exit 3")));
        REQUIRE(failed.result.has_value());
        CHECK(failed.result->status == AttemptStatus::fail);
        CHECK(failed.result->exit_code == 3);

        Outcome crashed = run_real(plain(shell("kill -SEGV $$")));
        REQUIRE(crashed.result.has_value());
        CHECK(crashed.result->status == AttemptStatus::abort);
        CHECK(crashed.result->signal == SIGSEGV);
        CHECK_FALSE(crashed.result->exit_code.has_value());
    }

    TEST_CASE("an absolute deadline terminates the test without a slow report") {
        AttemptSpec spec = fake();
        spec.terminate_deadline = 200ms;
        spec.slow_timeout.grace_period = 200ms;
        Outcome outcome = run_fake(spec, hangs());
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.done_calls == 1);
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGTERM);
        CHECK(outcome.slow.empty());
        CHECK(outcome.child->signals.at(0) == SIGTERM);
        CHECK(outcome.result->duration == 200ms);
        CHECK(outcome.elapsed == 200ms);
    }

    TEST_CASE("a test that ignores SIGTERM is killed when the grace period ends") {
        AttemptSpec spec = fake();
        spec.slow_timeout.period = 100ms;
        spec.slow_timeout.terminate_after = 1;
        spec.slow_timeout.grace_period = 300ms;
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM};
        Outcome outcome = run_fake(spec, script);
        REQUIRE(outcome.result.has_value());
        REQUIRE(outcome.slow.size() == 1);
        CHECK(outcome.slow[0].first == 100ms);
        CHECK(outcome.slow[0].second);
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGKILL);
        CHECK(outcome.result->slow);
        // SIGTERM after the period, SIGKILL when the grace period ends (then the final sweep).
        REQUIRE(outcome.child->signals.size() >= 2);
        CHECK(outcome.child->signals[0] == SIGTERM);
        CHECK(outcome.child->signals[1] == SIGKILL);
        CHECK(outcome.result->duration == 100ms + 300ms);
    }

    TEST_CASE("a zero grace period kills at once") {
        AttemptSpec spec = fake();
        spec.slow_timeout.period = 100ms;
        spec.slow_timeout.terminate_after = 1;
        spec.slow_timeout.grace_period = reporter::Duration::zero();
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM};
        Outcome outcome = run_fake(spec, script);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGKILL);
        CHECK(outcome.child->signals.at(0) == SIGKILL);
        CHECK(outcome.result->duration == 100ms);
    }

    TEST_CASE("a descendant holding stdout past leak-timeout makes a leak, killed with the test") {
        AttemptSpec spec = fake();
        spec.leak_timeout.period = 100ms;
        spec.leak_timeout.result = profiles::LeakResult::fail;
        ChildScript script;
        script.output_held_for = 30s;
        Outcome outcome = run_fake(spec, script);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.result->leak == LeakStatus::leaked_fail);
        CHECK_FALSE(outcome.result->is_success());
        CHECK(outcome.elapsed == 100ms);
        CHECK(outcome.child->signals.at(0) == SIGKILL);
        CHECK_FALSE(outcome.child->holder_running);
    }

    TEST_CASE("a descendant that lets go of stdout within leak-timeout is no leak") {
        AttemptSpec spec = fake();
        spec.leak_timeout.period = 5s;
        ChildScript script;
        script.output_held_for = 100ms;
        script.late_stdout = "late\n";
        Outcome outcome = run_fake(spec, script);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.result->leak == LeakStatus::none);
        CHECK(outcome.result->stdout_output.text == "late\n");
        CHECK(outcome.elapsed == 100ms);
    }

    TEST_CASE("a cancel during the leak check waits the grace period, not the leak-timeout") {
        AttemptSpec spec = fake();
        spec.leak_timeout.period = 60s;
        ChildScript script;
        script.output_held_for = 300s;
        script.ignored_signals = {SIGTERM};
        Outcome outcome = run_fake(spec, script, [](Attempt& attempt, ManualClock& clock) {
            clock.advance(10ms); // The child has exited; its descendant holds the output.
            REQUIRE(attempt.state() == Attempt::State::leak_check);
            attempt.cancel(SIGTERM, 1s);
        });
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->leak != LeakStatus::none);
        CHECK(outcome.child->signals.at(0) == SIGTERM);
        CHECK(outcome.child->signals.at(1) == SIGKILL);
        CHECK(outcome.elapsed == 10ms + 1s);
    }

    TEST_CASE("a paused attempt stops its child and does not count the pause") {
        AttemptSpec spec = fake();
        ChildScript script;
        script.ends_after = 100ms;
        Outcome outcome = run_fake(spec, script, [](Attempt& attempt, ManualClock& clock) {
            clock.advance(40ms);
            attempt.pause();
            clock.advance(1s);
            attempt.resume();
        });
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.child->signals.at(0) == SIGSTOP);
        CHECK(outcome.child->signals.at(1) == SIGCONT);
        CHECK(outcome.result->duration == 100ms);
        CHECK(outcome.elapsed == 1s + 100ms);
    }

    TEST_CASE("the report file decides the verdict, cross-checked with the exit code") {
        const ReportedCase reported;
        ChildScript script;
        script.report = v3_report(true);
        Outcome passed = run_fake(reported.spec(), script);
        REQUIRE(passed.result.has_value());
        CHECK(passed.result->status == AttemptStatus::pass);
        CHECK(passed.child->request.report);

        script.report = v3_report(false);
        Outcome ignored_result = run_fake(reported.spec(), script);
        REQUIRE(ignored_result.result.has_value());
        CHECK(ignored_result.result->status == AttemptStatus::fail);
        CHECK(ignored_result.result->reason.find("exited with code 0") != std::string::npos);

        script.report.clear();
        Outcome no_report = run_fake(reported.spec(), script);
        REQUIRE(no_report.result.has_value());
        CHECK(no_report.result->status == AttemptStatus::fail);
        CHECK(no_report.result->reason.find("no XML report") != std::string::npos);
    }
}

} // namespace ptest::runner
