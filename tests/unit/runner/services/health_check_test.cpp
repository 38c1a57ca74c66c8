// Tests of health checks: the address and URL parsers, the HTTP status line, and real probes on
// the loopback interface (a listening socket, a closed port, an HTTP server answering 200 or
// 503). The probes run on a real loop and clock; the checks use short intervals and timeouts so
// that a failing check ends quickly, and nothing asserts how long anything took.
#include "runner/process/child_reaper.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/services/health_check.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <doctest/doctest.h>

#include <memory>
#include <optional>

namespace ptest::runner {

namespace {

using namespace std::chrono_literals;
using boost::asio::ip::tcp;

/// A real loop, clock and launcher for probes.
struct World {
    boost::asio::io_context io;
    ChildReaper reaper{io};
    PosixLauncher launcher{io, reaper};
    SteadyLoopClock clock{io};
    ProcessLoop loop() { return {io, launcher, clock}; }
};

profiles::HealthCheck check_of(profiles::HealthCheck::Kind kind, std::string target) {
    profiles::HealthCheck check;
    check.kind = kind;
    check.target = std::move(target);
    check.interval = 50ms;
    check.timeout = 400ms;
    return check;
}

/// Run `check` to its verdict on `world`.
HealthVerdict probe(World& world, const profiles::HealthCheck& check, SpawnRequest command = {}) {
    std::optional<HealthVerdict> verdict;
    auto checker = std::make_shared<HealthChecker>(world.loop(), check, std::move(command),
                                                   [&](HealthVerdict v) { verdict = v; });
    checker->start();
    // A safety net against a hang, not a timing assertion.
    const auto limit = std::chrono::steady_clock::now() + 30s;
    while (!verdict && std::chrono::steady_clock::now() < limit) {
        world.io.run_one_for(1s);
    }
    REQUIRE(verdict.has_value());
    return *verdict;
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
std::string closed_port(boost::asio::io_context& io) {
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const std::string port = std::to_string(acceptor.local_endpoint().port());
    acceptor.close();
    return port;
}

/// Answers every connection with `status_line` after reading the request's first line.
void serve_http(tcp::acceptor& acceptor, std::string status_line) {
    auto socket = std::make_shared<tcp::socket>(acceptor.get_executor());
    acceptor.async_accept(*socket, [&acceptor, socket, status_line](boost::system::error_code ec) {
        if (ec) {
            return;
        }
        auto buffer = std::make_shared<boost::asio::streambuf>();
        boost::asio::async_read_until(
            *socket, *buffer, "\r\n\r\n",
            [socket, buffer, status_line](boost::system::error_code, std::size_t) {
                auto reply = std::make_shared<std::string>(status_line + "\r\n\r\nbody");
                boost::asio::async_write(
                    *socket, boost::asio::buffer(*reply),
                    [socket, reply](boost::system::error_code, std::size_t) { socket->close(); });
            });
        serve_http(acceptor, status_line);
    });
}

} // namespace

TEST_SUITE("runner::health_check parsers") {
    TEST_CASE("HOST:PORT splits at the last colon, IPv6 hosts in brackets") {
        const std::optional<HostPort> v4 = parse_host_port("127.0.0.1:5432");
        REQUIRE(v4);
        CHECK(v4->host == "127.0.0.1");
        CHECK(v4->port == "5432");
        const std::optional<HostPort> v6 = parse_host_port("[::1]:80");
        REQUIRE(v6);
        CHECK(v6->host == "::1");
        CHECK_FALSE(parse_host_port("127.0.0.1"));
        CHECK_FALSE(parse_host_port(":80"));
        CHECK_FALSE(parse_host_port("localhost:http"));
    }

    TEST_CASE("an http URL gives host, port (80 by default) and path (/ by default)") {
        const std::optional<HttpTarget> full = parse_http_url("http://127.0.0.1:8080/health?x=1");
        REQUIRE(full);
        CHECK(full->host == "127.0.0.1");
        CHECK(full->port == "8080");
        CHECK(full->path == "/health?x=1");
        const std::optional<HttpTarget> bare = parse_http_url("http://localhost");
        REQUIRE(bare);
        CHECK(bare->port == "80");
        CHECK(bare->path == "/");
        const std::optional<HttpTarget> v6 = parse_http_url("http://[::1]:81/");
        REQUIRE(v6);
        CHECK(v6->host == "::1");
        CHECK(v6->port == "81");
        CHECK_FALSE(parse_http_url("https://127.0.0.1/"));
        CHECK_FALSE(parse_http_url("http:///health"));
        CHECK_FALSE(parse_http_url("http://host:port/"));
    }

    TEST_CASE("the status of an HTTP response is read from its status line") {
        CHECK(http_status("HTTP/1.0 200 OK\r\n") == 200);
        CHECK(http_status("HTTP/1.1 503 Service Unavailable\r\n") == 503);
        CHECK_FALSE(http_status("SSH-2.0-OpenSSH\r\n"));
        CHECK_FALSE(http_status("HTTP/1.0"));
    }

    TEST_CASE("a check is described by its kind and target") {
        profiles::HealthCheck command;
        command.kind = profiles::HealthCheck::Kind::command;
        command.argv = {"pg_isready", "-h", "127.0.0.1"};
        CHECK(describe_health_check(command) == "command pg_isready -h 127.0.0.1");
        CHECK(describe_health_check(check_of(profiles::HealthCheck::Kind::tcp, "h:1")) ==
              "tcp h:1");
    }
}

TEST_SUITE("runner::HealthChecker") {
    TEST_CASE("a tcp check passes on its first probe when something listens") {
        World world;
        tcp::acceptor acceptor(world.io,
                               tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        const std::string target = "127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
        const HealthVerdict verdict =
            probe(world, check_of(profiles::HealthCheck::Kind::tcp, target));
        CHECK(verdict.passed);
        CHECK(verdict.probes == 1);
        CHECK(verdict.reason.empty());
    }

    TEST_CASE("a tcp check on a closed port fails after several probes, saying why") {
        World world;
        const std::string target = "127.0.0.1:" + closed_port(world.io);
        const HealthVerdict verdict =
            probe(world, check_of(profiles::HealthCheck::Kind::tcp, target));
        CHECK_FALSE(verdict.passed);
        CHECK(verdict.probes > 1);
        CHECK(verdict.reason == "Connection refused");
    }

    TEST_CASE("an http check passes on a 2xx answer and fails on a 503") {
        World world;
        tcp::acceptor acceptor(world.io,
                               tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
        const std::string url =
            "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()) + "/health";
        SUBCASE("200") {
            serve_http(acceptor, "HTTP/1.0 204 No Content");
            CHECK(probe(world, check_of(profiles::HealthCheck::Kind::http, url)).passed);
        }
        SUBCASE("503") {
            serve_http(acceptor, "HTTP/1.1 503 Service Unavailable");
            const HealthVerdict verdict =
                probe(world, check_of(profiles::HealthCheck::Kind::http, url));
            CHECK_FALSE(verdict.passed);
            CHECK(verdict.reason == "HTTP status 503");
        }
    }

    TEST_CASE("a command check passes when the command exits 0, else reports its exit code") {
        World world;
        profiles::HealthCheck check = check_of(profiles::HealthCheck::Kind::command, "");
        SpawnRequest command;
        command.program = "/bin/sh";
        command.env = {"PATH=/usr/bin:/bin"};
        SUBCASE("passes") {
            command.args = {"-c", "exit 0"};
            CHECK(probe(world, check, command).passed);
        }
        SUBCASE("fails") {
            command.args = {"-c", "exit 3"};
            const HealthVerdict verdict = probe(world, check, command);
            CHECK_FALSE(verdict.passed);
            CHECK(verdict.reason == "exit code 3");
        }
        SUBCASE("cannot start") {
            command.program = "/nonexistent/ptest-probe";
            const HealthVerdict verdict = probe(world, check, command);
            CHECK_FALSE(verdict.passed);
            CHECK(verdict.probes == 1);
            CHECK(verdict.reason ==
                  "could not start /nonexistent/ptest-probe: No such file or directory");
        }
    }
}

} // namespace ptest::runner
