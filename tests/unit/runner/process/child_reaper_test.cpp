// Tests of ChildReaper on a real io_context: every watched child's exit is delivered exactly once
// with its own status, even with fifty children exiting together or a child that exited before it
// was watched; and decode_wait_status reads raw wait statuses.
#include "child_helpers.hpp"

#include "runner/process/child_reaper.hpp"
#include "runner/process/pipe_reader.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;

TEST_SUITE("runner::ChildReaper") {
    TEST_CASE("decode_wait_status tells exit codes from signals") {
        struct Row {
            int status;
            bool signalled;
            int code;
        };
        const Row rows[] = {
            {W_EXITCODE(0, 0), false, 0},
            {W_EXITCODE(3, 0), false, 3},
            {W_EXITCODE(255, 0), false, 255},
            {W_EXITCODE(0, SIGKILL), true, SIGKILL},
            {W_EXITCODE(0, SIGSEGV) | WCOREFLAG, true, SIGSEGV},
        };
        for (const Row& row : rows) {
            CAPTURE(row.status);
            ExitStatus decoded = decode_wait_status(row.status);
            CHECK(decoded.signalled == row.signalled);
            CHECK(decoded.code == row.code);
        }
    }

    TEST_CASE("decode_wait_status reads a real child killed by SIGSEGV") {
        SpawnResult spawned = spawn_process(shell("kill -SEGV $$"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        std::optional<int> status = wait_for_exit(spawned.child.pid, 5000ms);
        REQUIRE(status.has_value());
        ExitStatus decoded = decode_wait_status(*status);
        CHECK(decoded.signalled);
        CHECK(decoded.code == SIGSEGV);
    }

    TEST_CASE("fifty children exiting together each report their own status exactly once") {
        constexpr int k_children = 50;
        boost::asio::io_context io;
        ChildReaper reaper(io);
        std::array<int, k_children> exits{};
        std::array<int, k_children> eofs{};
        std::array<ExitStatus, k_children> statuses{};
        std::vector<std::shared_ptr<PipeReader>> readers;
        std::vector<std::unique_ptr<ReapGuard>> guards;
        int pending = 2 * k_children;
        auto one_done = [&] {
            if (--pending == 0) {
                io.stop();
            }
        };
        for (int i = 0; i < k_children; ++i) {
            SpawnRequest request = shell("echo \"out $1\"; exit \"$1\"");
            request.args.push_back("sh");
            request.args.push_back(std::to_string(i));
            SpawnResult spawned = spawn_process(request);
            REQUIRE(spawned.ok());
            guards.push_back(std::make_unique<ReapGuard>(spawned.child.pid));
            auto reader =
                std::make_shared<PipeReader>(io, std::move(spawned.child.stdout_read), 1024);
            reader->start([&, i] {
                ++eofs[static_cast<std::size_t>(i)];
                one_done();
            });
            readers.push_back(reader);
            reaper.watch(spawned.child.pid, [&, i](ExitStatus status) {
                ++exits[static_cast<std::size_t>(i)];
                statuses[static_cast<std::size_t>(i)] = status;
                one_done();
            });
        }
        CHECK(reaper.watched() == k_children);
        io.run_for(std::chrono::seconds(20));
        CHECK(pending == 0);
        CHECK(reaper.watched() == 0);
        for (int i = 0; i < k_children; ++i) {
            CAPTURE(i);
            auto at = static_cast<std::size_t>(i);
            CHECK(exits[at] == 1);
            CHECK(eofs[at] == 1);
            CHECK_FALSE(statuses[at].signalled);
            CHECK(statuses[at].code == i);
            CHECK(readers[at]->at_eof());
            CHECK(readers[at]->capture().take().text == "out " + std::to_string(i) + "\n");
        }
    }

    TEST_CASE("a child that exited before it was watched is still reported once") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        SpawnResult spawned = spawn_process(shell("exit 5"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        // Wait for the exit without reaping, so the child is a zombie before it is watched.
        siginfo_t info{};
        REQUIRE(::waitid(P_PID, static_cast<id_t>(spawned.child.pid), &info, WEXITED | WNOWAIT) ==
                0);
        int calls = 0;
        ExitStatus seen;
        reaper.watch(spawned.child.pid, [&](ExitStatus status) {
            ++calls;
            seen = status;
            io.stop();
        });
        io.run_for(std::chrono::seconds(10));
        CHECK(calls == 1);
        CHECK_FALSE(seen.signalled);
        CHECK(seen.code == 5);
    }

    TEST_CASE("an unwatched child is reaped without a report") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        SpawnResult stray = spawn_process(shell("exit 0"));
        SpawnResult watched = spawn_process(shell("sleep 0.2; exit 9"));
        REQUIRE(stray.ok());
        REQUIRE(watched.ok());
        ReapGuard stray_guard(stray.child.pid);
        ReapGuard watched_guard(watched.child.pid);
        int calls = 0;
        ExitStatus seen;
        reaper.watch(watched.child.pid, [&](ExitStatus status) {
            ++calls;
            seen = status;
            io.stop();
        });
        io.run_for(std::chrono::seconds(10));
        CHECK(calls == 1);
        CHECK(seen.code == 9);
        // The stray was reaped along the way: waiting for it finds no such child.
        int status = 0;
        pid_t result = ::waitpid(stray.child.pid, &status, WNOHANG);
        int error = errno;
        CHECK(result == -1);
        CHECK(error == ECHILD);
    }
}

} // namespace ptest::runner
