// Tests of one Attempt's state machine with real short-lived shell commands judged by exit code:
// an exec failure, pass and fail by exit status, an absolute deadline, SIGKILL after the grace
// period for a test that ignores SIGTERM, and the leak check.
#include "../process/child_helpers.hpp"

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

/// What one attempt reported.
struct Outcome {
    std::optional<reporter::AttemptResult> result;
    int done_calls = 0;
    std::vector<std::pair<reporter::Duration, bool>> slow;
    Attempt::State final_state = Attempt::State::spawning;
    double seconds = 0;
};

Outcome run(AttemptSpec spec) {
    boost::asio::io_context io;
    ChildReaper reaper(io);
    Outcome outcome;
    AttemptCallbacks callbacks;
    callbacks.on_slow = [&](reporter::Duration elapsed, bool will_terminate) {
        outcome.slow.emplace_back(elapsed, will_terminate);
    };
    callbacks.on_done = [&](reporter::AttemptResult result) {
        ++outcome.done_calls;
        outcome.result = std::move(result);
        io.stop();
    };
    auto attempt = std::make_shared<Attempt>(io, reaper, std::move(spec), std::move(callbacks));
    auto start = std::chrono::steady_clock::now();
    attempt->start();
    io.run_for(std::chrono::seconds(20));
    outcome.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.final_state = attempt->state();
    return outcome;
}

} // namespace

TEST_SUITE("runner::Attempt") {
    TEST_CASE("a program that cannot start completes at once as an exec failure") {
        SpawnRequest request;
        request.program = "/nonexistent/ptest-no-such-program";
        Outcome outcome = run(plain(request));
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.done_calls == 1);
        CHECK(outcome.final_state == Attempt::State::done);
        CHECK(outcome.result->status == AttemptStatus::exec_fail);
        CHECK(outcome.result->reason ==
              "failed to start /nonexistent/ptest-no-such-program: No such file or directory");
        CHECK_FALSE(outcome.result->exit_code.has_value());
    }

    TEST_CASE("a plain command passes on exit 0 with its output captured") {
        Outcome outcome = run(plain(shell("echo out; echo err >&2")));
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
        Outcome failed = run(plain(shell("exit 3")));
        REQUIRE(failed.result.has_value());
        CHECK(failed.result->status == AttemptStatus::fail);
        CHECK(failed.result->exit_code == 3);

        Outcome crashed = run(plain(shell("kill -SEGV $$")));
        REQUIRE(crashed.result.has_value());
        CHECK(crashed.result->status == AttemptStatus::abort);
        CHECK(crashed.result->signal == SIGSEGV);
        CHECK_FALSE(crashed.result->exit_code.has_value());
    }

    TEST_CASE("an absolute deadline terminates the test without a slow report") {
        AttemptSpec spec = plain(shell("exec sleep 30"));
        spec.terminate_deadline = std::chrono::milliseconds(200);
        spec.slow_timeout.grace_period = std::chrono::milliseconds(200);
        Outcome outcome = run(spec);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGTERM);
        CHECK(outcome.slow.empty());
        CHECK(outcome.seconds >= 0.15);
        CHECK(outcome.seconds < 5.0);
    }

    TEST_CASE("a test that ignores SIGTERM is killed when the grace period ends") {
        AttemptSpec spec = plain(shell("trap '' TERM; exec sleep 30"));
        spec.slow_timeout.period = std::chrono::milliseconds(100);
        spec.slow_timeout.terminate_after = 1;
        spec.slow_timeout.grace_period = std::chrono::milliseconds(300);
        Outcome outcome = run(spec);
        REQUIRE(outcome.result.has_value());
        REQUIRE(outcome.slow.size() == 1);
        CHECK(outcome.slow[0].first == std::chrono::milliseconds(100));
        CHECK(outcome.slow[0].second);
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGKILL);
        CHECK(outcome.result->slow);
        CHECK(outcome.result->duration >= std::chrono::milliseconds(400));
        CHECK(outcome.seconds < 5.0);
    }

    TEST_CASE("a zero grace period kills at once") {
        AttemptSpec spec = plain(shell("trap '' TERM; exec sleep 30"));
        spec.slow_timeout.period = std::chrono::milliseconds(100);
        spec.slow_timeout.terminate_after = 1;
        spec.slow_timeout.grace_period = reporter::Duration::zero();
        Outcome outcome = run(spec);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::timeout);
        CHECK(outcome.result->signal == SIGKILL);
        CHECK(outcome.seconds < 5.0);
    }

    TEST_CASE("a descendant holding stdout past leak-timeout makes a leak, killed with the test") {
        AttemptSpec spec = plain(shell("sleep 30 & echo $!"));
        spec.leak_timeout.period = std::chrono::milliseconds(100);
        spec.leak_timeout.result = profiles::LeakResult::fail;
        Outcome outcome = run(spec);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.result->leak == LeakStatus::leaked_fail);
        CHECK_FALSE(outcome.result->is_success());
        CHECK(outcome.seconds < 5.0);
        pid_t descendant =
            static_cast<pid_t>(std::atoi(outcome.result->stdout_output.text.c_str()));
        REQUIRE(descendant > 0);
        CHECK(dies_within(descendant, 5000ms));
    }

    TEST_CASE("a descendant that lets go of stdout within leak-timeout is no leak") {
        AttemptSpec spec = plain(shell("(sleep 0.1; echo late) &"));
        spec.leak_timeout.period = std::chrono::seconds(5);
        Outcome outcome = run(spec);
        REQUIRE(outcome.result.has_value());
        CHECK(outcome.result->status == AttemptStatus::pass);
        CHECK(outcome.result->leak == LeakStatus::none);
        CHECK(outcome.result->stdout_output.text == "late\n");
        CHECK(outcome.seconds < 4.0);
    }
}

} // namespace ptest::runner
