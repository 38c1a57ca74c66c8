// Tests of PosixLauncher with real children: what it reports (each captured stream closing, the
// exit), what it captures, an exec failure, signalling the child's process group, and giving up on
// output a descendant holds open.
#include "child_helpers.hpp"

#include "runner/process/child_reaper.hpp"
#include "runner/process/posix_launcher.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <optional>

namespace ptest::runner {

using namespace test_support;

namespace {

/// What the launcher reported about one child.
struct Reports {
    int closed = 0;
    std::optional<ExitStatus> exit;
};

ChildCallbacks recording(Reports& reports) {
    ChildCallbacks callbacks;
    callbacks.on_output_closed = [&reports] { ++reports.closed; };
    callbacks.on_exit = [&reports](ExitStatus status) { reports.exit = status; };
    return callbacks;
}

/// Run the loop until `done` holds. The time limit is a safety net against a hang, not a timing
/// assertion: it only ends a test that would otherwise never end.
template <typename Done>
void run_until(boost::asio::io_context& io, Done done) {
    auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done() && std::chrono::steady_clock::now() < limit) {
        io.run_one_for(std::chrono::seconds(1));
    }
}

} // namespace

TEST_SUITE("runner::PosixLauncher") {
    TEST_CASE("a child's output is captured and each stream's end and its exit are reported") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        PosixLauncher launcher(io, reaper);
        Reports reports;
        LaunchResult launched =
            launcher.launch(shell("echo out; echo err >&2; exit 3"), 1024, recording(reports));
        REQUIRE(launched.ok());
        CHECK(launched.child->captured_streams() == 2);
        CHECK(reports.closed == 0); // Never from within launch().
        run_until(io, [&] { return reports.exit && reports.closed == 2; });
        REQUIRE(reports.exit.has_value());
        CHECK_FALSE(reports.exit->signalled);
        CHECK(reports.exit->code == 3);
        CHECK(reports.closed == 2);
        CHECK(launched.child->take_stdout().text == "out\n");
        CHECK(launched.child->take_stderr().text == "err\n");
        CHECK(launched.child->take_stdout().text.empty()); // Taken once.
    }

    TEST_CASE("a program that cannot start is an errno, and nothing is reported") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        PosixLauncher launcher(io, reaper);
        Reports reports;
        SpawnRequest request;
        request.program = "/nonexistent/ptest-no-such-program";
        LaunchResult launched = launcher.launch(request, 1024, recording(reports));
        CHECK_FALSE(launched.ok());
        CHECK(launched.error == ENOENT);
        CHECK(launched.child == nullptr);
        io.poll();
        CHECK(reports.closed == 0);
        CHECK_FALSE(reports.exit.has_value());
    }

    TEST_CASE("a signal to the group ends the child") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        PosixLauncher launcher(io, reaper);
        Reports reports;
        LaunchResult launched = launcher.launch(shell("exec sleep 30"), 1024, recording(reports));
        REQUIRE(launched.ok());
        CHECK(launched.child->signal_group(SIGTERM));
        run_until(io, [&] { return reports.exit && reports.closed == 2; });
        REQUIRE(reports.exit.has_value());
        CHECK(reports.exit->signalled);
        CHECK(reports.exit->code == SIGTERM);
    }

    TEST_CASE("output a descendant holds open can be given up on, which reports it closed") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        PosixLauncher launcher(io, reaper);
        Reports reports;
        LaunchResult launched =
            launcher.launch(shell("echo started; exec 2>&-; sleep 30 &"), 1024, recording(reports));
        REQUIRE(launched.ok());
        run_until(io, [&] { return reports.exit.has_value(); });
        REQUIRE(reports.exit.has_value());
        CHECK(reports.exit->code == 0);
        launched.child->close_output();
        // stderr may have closed already; close_output reports whatever was still open, at once.
        CHECK(reports.closed == 2);
        CHECK(launched.child->take_stdout().text == "started\n");
        CHECK(launched.child->signal_group(SIGKILL)); // The descendant still has the group.
    }

    TEST_CASE("without capture the child inherits ptest's output and nothing closes") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        PosixLauncher launcher(io, reaper);
        Reports reports;
        SpawnRequest request = shell("exit 0");
        request.capture = false;
        LaunchResult launched = launcher.launch(request, 1024, recording(reports));
        REQUIRE(launched.ok());
        CHECK(launched.child->captured_streams() == 0);
        run_until(io, [&] { return reports.exit.has_value(); });
        CHECK(reports.exit.has_value());
        CHECK(reports.closed == 0);
        CHECK(launched.child->take_stdout().text.empty());
    }
}

} // namespace ptest::runner
