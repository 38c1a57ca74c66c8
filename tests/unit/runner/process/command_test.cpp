// Tests of run_command with real children: output and exit code of a command that finishes, the
// kill at the timeout, the errno of a program that cannot start, the capture limit, and a
// descendant that holds the pipes after the command exits.
#include "child_helpers.hpp"

#include "runner/process/command.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <optional>
#include <string>

namespace ptest::runner {

using namespace test_support;

namespace {

struct Finished {
    CommandOutput output;
    double seconds = 0;
};

/// Run `request` through run_command on a fresh loop and return what it reported.
Finished run(const SpawnRequest& request, std::chrono::milliseconds timeout,
             std::uint64_t capture_limit = 1U << 20U) {
    boost::asio::io_context io;
    ChildReaper reaper(io);
    std::optional<CommandOutput> reported;
    int calls = 0;
    auto start = std::chrono::steady_clock::now();
    run_command(io, reaper, request, timeout, capture_limit, [&](CommandOutput output) {
        ++calls;
        reported = std::move(output);
        io.stop();
    });
    io.run_for(std::chrono::seconds(20));
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(calls == 1);
    REQUIRE(reported.has_value());
    return Finished{std::move(*reported), elapsed.count()};
}

} // namespace

TEST_SUITE("runner::run_command") {
    TEST_CASE("a finished command reports both streams and its exit code") {
        Finished done = run(shell("echo out; echo err >&2; exit 4"), 10'000ms);
        CHECK(done.output.exec_error == 0);
        CHECK_FALSE(done.output.timed_out);
        CHECK_FALSE(done.output.exit.signalled);
        CHECK(done.output.exit.code == 4);
        CHECK(done.output.stdout_text == "out\n");
        CHECK(done.output.stderr_text == "err\n");
        CHECK(done.output.stdout_dropped == 0);
    }

    TEST_CASE("a command that outlives its timeout is killed quickly and marked timed out") {
        Finished done = run(shell("exec sleep 30"), 200ms);
        CHECK(done.output.timed_out);
        CHECK(done.output.exit.signalled);
        CHECK(done.output.exit.code == SIGKILL);
        // Not before the 200 ms timeout (the 50 ms are for the clock readings around it), and
        // not after the 30 s the command would take: 5 s leaves 4.8 s of margin for a loaded
        // machine.
        CHECK(done.seconds >= 0.15);
        CHECK(done.seconds < 5.0);
    }

    TEST_CASE("a program that cannot start reports its errno") {
        SpawnRequest request;
        request.program = "/nonexistent/ptest-no-such-program";
        Finished done = run(request, 10'000ms);
        CHECK(done.output.exec_error == ENOENT);
        CHECK_FALSE(done.output.timed_out);
        CHECK(done.output.stdout_text.empty());
    }

    TEST_CASE("output past the capture limit is dropped from the middle and counted") {
        Finished done = run(shell("head -c 1000 /dev/zero | tr '\\0' a"), 10'000ms, 100);
        CHECK(done.output.stdout_text == std::string(100, 'a'));
        CHECK(done.output.stdout_dropped == 900);
        CHECK(done.output.exit.code == 0);
    }

    TEST_CASE("a descendant holding the pipes does not keep the command alive, and dies") {
        Finished done = run(shell("sleep 30 & echo $!"), 10'000ms);
        CHECK_FALSE(done.output.timed_out);
        CHECK(done.output.exit.code == 0);
        pid_t descendant = static_cast<pid_t>(std::atoi(done.output.stdout_text.c_str()));
        REQUIRE(descendant > 0);
        // The descendant sleeps 30 s; the command ends as soon as its shell does, and 5 s is all
        // margin for a loaded machine.
        CHECK(done.seconds < 5.0);
        CHECK(dies_within(descendant, 5000ms));
    }
}

} // namespace ptest::runner
