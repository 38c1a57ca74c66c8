// A setup script's health check (`health = { tcp | http | command, interval, timeout }`): probe
// every `interval`, from the script's exit, until one probe passes or `timeout` has elapsed. A
// tcp probe passes when a connection is accepted; an http probe when a plain HTTP/1.0 GET (on a
// raw socket, no TLS, no redirects) answers with a 2xx status; a command probe when the command
// exits 0. Probes run on the event loop, so signals and other completions are never held up.
#pragma once

#include "profiles/scripts.hpp"
#include "reporter/events.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ptest::runner {

/// `HOST:PORT` split; `[::1]:80` gives the host without brackets.
struct HostPort {
    std::string host;
    std::string port;
};

/// The parts of an `http://HOST[:PORT][/PATH]` URL.
struct HttpTarget {
    std::string host;
    std::string port = "80";
    std::string path = "/"; ///< With its query, as written.
};

/// Parse `HOST:PORT` (a non-empty host, a port of digits); nullopt when it is not that.
std::optional<HostPort> parse_host_port(std::string_view text);

/// Parse an `http://` URL; nullopt for any other scheme or a malformed one.
std::optional<HttpTarget> parse_http_url(std::string_view url);

/// The status code of an HTTP response that begins `HTTP/1.x NNN`; nullopt otherwise.
std::optional<int> http_status(std::string_view response);

/// How people see a check: `tcp 127.0.0.1:5432`, `http http://127.0.0.1:8080/health`,
/// `command pg_isready -h 127.0.0.1`.
std::string describe_health_check(const profiles::HealthCheck& check);

/// How a health check ended.
struct HealthVerdict {
    bool passed = false;
    std::string reason; ///< Why the last probe failed; empty when it passed.
    std::uint32_t probes = 0;
    reporter::Duration elapsed{0};
};

/// Probes one service until it is healthy or the check's timeout has elapsed. Create with
/// `std::make_shared`, then `start()`; the loop must outlive it.
class HealthChecker : public std::enable_shared_from_this<HealthChecker> {
public:
    /// `command` is what a command probe starts (program resolved, environment and cwd set);
    /// unused by tcp and http probes. `on_done` is called once, on the loop.
    HealthChecker(const ProcessLoop& loop, profiles::HealthCheck check, SpawnRequest command,
                  std::function<void(HealthVerdict)> on_done);

    /// Start the first probe now.
    void start();

    /// Stop probing: the check fails with `reason` (a signal arrived).
    void cancel(std::string reason);

private:
    void probe();
    void probe_socket();
    void probe_command();
    void send_request();
    void read_response();
    /// The probe numbered `serial` ended; stale calls (an earlier probe) are ignored.
    void probe_done(std::uint64_t serial, bool passed, std::string reason);
    void finish(bool passed);

    ProcessLoop m_loop;
    profiles::HealthCheck m_check;
    SpawnRequest m_command;
    std::function<void(HealthVerdict)> m_on_done;
    reporter::Clock::time_point m_start;
    reporter::Clock::time_point m_deadline;
    std::uint64_t m_serial = 0;
    std::uint32_t m_probes = 0;
    std::string m_last_reason = "no probe ran";
    bool m_finished = false;
    std::unique_ptr<LoopTimer> m_probe_timer; ///< Limits one probe.
    std::unique_ptr<LoopTimer> m_wait_timer;  ///< The interval between probes.
    std::unique_ptr<boost::asio::ip::tcp::socket> m_socket;
    std::unique_ptr<ChildProcess> m_child;
    int m_child_open = 0;
    std::optional<ExitStatus> m_child_exit;
    std::string m_request;
    std::string m_response;
    std::array<char, 512> m_buffer{};
};

} // namespace ptest::runner
