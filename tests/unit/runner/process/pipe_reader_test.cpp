// Tests of PipeReader on a real io_context: it drains a child's pipe into its bounded capture,
// reports EOF once, and close() gives up on a pipe a descendant keeps open.
#include "child_helpers.hpp"

#include "runner/process/pipe_reader.hpp"

#include <boost/asio/steady_timer.hpp>
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>

namespace ptest::runner {

using namespace test_support;

TEST_SUITE("runner::PipeReader") {
    TEST_CASE("output past the capture limit is counted and only head and tail are kept") {
        boost::asio::io_context io;
        SpawnResult spawned =
            spawn_process(shell("printf head; head -c 100000 /dev/zero | tr '\\0' x; printf tail"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        auto reader = std::make_shared<PipeReader>(io, std::move(spawned.child.stdout_read), 10);
        int eofs = 0;
        reader->start([&] { ++eofs; });
        io.run_for(std::chrono::seconds(10));
        CHECK(eofs == 1);
        CHECK(reader->at_eof());
        CHECK(reader->capture().total_bytes() == 100'008);
        base::CapturedOutput out = reader->capture().take();
        CHECK(out.text == "headxxtail");
        CHECK(out.head_bytes == 5);
        CHECK(out.dropped_bytes == 99'998);
    }

    TEST_CASE("close gives up on a pipe that a descendant keeps open, reporting EOF once") {
        boost::asio::io_context io;
        SpawnResult spawned = spawn_process(shell("echo early; exec sleep 30"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        auto reader = std::make_shared<PipeReader>(io, std::move(spawned.child.stdout_read), 1024);
        int eofs = 0;
        reader->start([&] { ++eofs; });
        // Close once the first line is in, as the attempt does when leak-timeout expires.
        boost::asio::steady_timer poll(io);
        std::function<void()> wait_for_line = [&] {
            poll.expires_after(std::chrono::milliseconds(5));
            poll.async_wait([&](const boost::system::error_code& ec) {
                if (ec) {
                    return;
                }
                if (reader->capture().total_bytes() < 6) {
                    wait_for_line();
                    return;
                }
                reader->close();
                reader->close(); // A second close is harmless.
                io.stop();
            });
        };
        wait_for_line();
        io.run_for(std::chrono::seconds(10));
        CHECK(eofs == 1);
        CHECK(reader->at_eof());
        CHECK(reader->capture().take().text == "early\n");
    }
}

} // namespace ptest::runner
