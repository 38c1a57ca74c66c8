// HealthChecker and its parsers (see health_check.hpp).
#include "runner/services/health_check.hpp"

#include "base/text.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstring>

namespace ptest::runner {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

} // namespace

std::optional<HostPort> parse_host_port(std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty() || !all_digits(port)) {
        return std::nullopt;
    }
    return HostPort{std::string(host), std::string(port)};
}

std::optional<HttpTarget> parse_http_url(std::string_view url) {
    constexpr std::string_view k_scheme = "http://";
    if (!url.starts_with(k_scheme)) {
        return std::nullopt;
    }
    url.remove_prefix(k_scheme.size());
    const std::size_t slash = url.find_first_of("/?");
    const std::string_view authority = url.substr(0, slash);
    HttpTarget target;
    if (slash != std::string_view::npos) {
        target.path = std::string(url.substr(slash));
        if (target.path.front() == '?') {
            target.path.insert(0, "/");
        }
    }
    const bool bracketed = authority.starts_with('[');
    const std::size_t colon = authority.rfind(':');
    const bool has_port =
        colon != std::string_view::npos && (!bracketed || colon > authority.find(']'));
    if (has_port) {
        std::optional<HostPort> split = parse_host_port(authority);
        if (!split) {
            return std::nullopt;
        }
        target.host = split->host;
        target.port = split->port;
    } else {
        std::string_view host = authority;
        if (bracketed && host.ends_with(']')) {
            host = host.substr(1, host.size() - 2);
        }
        target.host = std::string(host);
    }
    if (target.host.empty()) {
        return std::nullopt;
    }
    return target;
}

std::optional<int> http_status(std::string_view response) {
    if (!response.starts_with("HTTP/1.") || response.size() < 12 || response[8] != ' ') {
        return std::nullopt;
    }
    const std::string_view code = response.substr(9, 3);
    if (!all_digits(code)) {
        return std::nullopt;
    }
    return std::stoi(std::string(code));
}

std::string describe_health_check(const profiles::HealthCheck& check) {
    switch (check.kind) {
    case profiles::HealthCheck::Kind::tcp:
        return "tcp " + check.target;
    case profiles::HealthCheck::Kind::http:
        return "http " + check.target;
    case profiles::HealthCheck::Kind::command: {
        std::string text = "command";
        for (const std::string& word : check.argv) {
            text += " " + word;
        }
        return text;
    }
    }
    return "health check";
}

HealthChecker::HealthChecker(const ProcessLoop& loop, profiles::HealthCheck check,
                             SpawnRequest command, std::function<void(HealthVerdict)> on_done)
    : m_loop(loop), m_check(std::move(check)), m_command(std::move(command)),
      m_on_done(std::move(on_done)) {}

void HealthChecker::start() {
    m_start = m_loop.clock.now();
    m_deadline = m_start + m_check.timeout;
    probe();
}

void HealthChecker::cancel(std::string reason) {
    if (m_finished) {
        return;
    }
    ++m_serial; // Whatever the running probe says now is stale.
    m_last_reason = std::move(reason);
    finish(false);
}

void HealthChecker::probe() {
    ++m_serial;
    ++m_probes;
    // One probe may take an interval (at least a second), never past the deadline.
    const reporter::Duration remaining = m_deadline - m_loop.clock.now();
    const reporter::Duration limit = std::clamp<reporter::Duration>(
        remaining, std::chrono::milliseconds(10),
        std::max<reporter::Duration>(m_check.interval, std::chrono::seconds(1)));
    m_probe_timer = m_loop.clock.make_timer();
    m_probe_timer->expires_after(limit);
    auto self = shared_from_this();
    const std::uint64_t serial = m_serial;
    m_probe_timer->async_wait([self, serial, limit](bool aborted) {
        if (!aborted) {
            self->probe_done(serial, false, "no answer within " + base::short_seconds(limit));
        }
    });
    if (m_check.kind == profiles::HealthCheck::Kind::command) {
        probe_command();
    } else {
        probe_socket();
    }
}

void HealthChecker::probe_socket() {
    std::optional<HostPort> address;
    std::optional<HttpTarget> url;
    if (m_check.kind == profiles::HealthCheck::Kind::tcp) {
        address = parse_host_port(m_check.target);
    } else if ((url = parse_http_url(m_check.target))) {
        address = HostPort{url->host, url->port};
        m_request = "GET " + url->path + " HTTP/1.0\r\nHost: " + url->host +
                    (url->port == "80" ? "" : ":" + url->port) +
                    "\r\nUser-Agent: ptest\r\nConnection: close\r\n\r\n";
    }
    if (!address) {
        probe_done(m_serial, false, "cannot probe " + m_check.target);
        return;
    }
    boost::asio::ip::tcp::resolver resolver(m_loop.io);
    boost::system::error_code error;
    // Resolving blocks, but a health check's host is the loopback address or a local name.
    auto endpoints = resolver.resolve(address->host, address->port, error);
    if (error) {
        probe_done(m_serial, false, "cannot resolve " + address->host + ": " + error.message());
        return;
    }
    m_socket = std::make_unique<boost::asio::ip::tcp::socket>(m_loop.io);
    auto self = shared_from_this();
    const std::uint64_t serial = m_serial;
    const bool http = url.has_value();
    boost::asio::async_connect(
        *m_socket, endpoints,
        [self, serial, http](const boost::system::error_code& connected, const auto& /*endpoint*/) {
            if (serial != self->m_serial) {
                return;
            }
            if (connected) {
                self->probe_done(serial, false, connected.message());
            } else if (!http) {
                self->probe_done(serial, true, {});
            } else {
                self->send_request();
            }
        });
}

void HealthChecker::send_request() {
    auto self = shared_from_this();
    const std::uint64_t serial = m_serial;
    m_response.clear();
    boost::asio::async_write(
        *m_socket, boost::asio::buffer(m_request),
        [self, serial](const boost::system::error_code& error, std::size_t /*written*/) {
            if (serial != self->m_serial) {
                return;
            }
            if (error) {
                self->probe_done(serial, false, "sending the request: " + error.message());
                return;
            }
            self->read_response();
        });
}

void HealthChecker::read_response() {
    auto self = shared_from_this();
    const std::uint64_t serial = m_serial;
    m_socket->async_read_some(
        boost::asio::buffer(m_buffer),
        [self, serial](const boost::system::error_code& error, std::size_t read) {
            if (serial != self->m_serial) {
                return;
            }
            self->m_response.append(self->m_buffer.data(), read);
            const bool line_complete = self->m_response.find('\n') != std::string::npos;
            if (!line_complete && !error && self->m_response.size() < 4096) {
                self->read_response();
                return;
            }
            const std::optional<int> status = http_status(self->m_response);
            if (!status) {
                self->probe_done(serial, false, "no HTTP response");
            } else if (*status < 200 || *status > 299) {
                self->probe_done(serial, false, "HTTP status " + std::to_string(*status));
            } else {
                self->probe_done(serial, true, {});
            }
        });
}

void HealthChecker::probe_command() {
    auto self = shared_from_this();
    const std::uint64_t serial = m_serial;
    ChildCallbacks callbacks;
    m_child_exit.reset();
    callbacks.on_output_closed = [self, serial] {
        if (serial == self->m_serial && --self->m_child_open <= 0 && self->m_child_exit) {
            const int code = self->m_child_exit->signalled ? -1 : self->m_child_exit->code;
            self->probe_done(serial, code == 0, "exit code " + std::to_string(code));
        }
    };
    callbacks.on_exit = [self, serial](ExitStatus status) {
        if (serial != self->m_serial) {
            return;
        }
        self->m_child_exit = status;
        if (self->m_child_open <= 0) {
            const bool passed = !status.signalled && status.code == 0;
            self->probe_done(serial, passed,
                             status.signalled ? "killed by signal " + std::to_string(status.code)
                                              : "exit code " + std::to_string(status.code));
        }
    };
    LaunchResult launched = m_loop.launcher.launch(m_command, 64U * 1024U, std::move(callbacks));
    if (!launched.ok()) {
        // A command that cannot start never will: fail now rather than at the timeout.
        m_last_reason =
            "could not start " + m_command.program.string() + ": " + std::strerror(launched.error);
        ++m_serial;
        boost::asio::post(m_loop.io, [self] { self->finish(false); });
        return;
    }
    m_child = std::move(launched.child);
    m_child_open = m_child->captured_streams();
}

void HealthChecker::probe_done(std::uint64_t serial, bool passed, std::string reason) {
    if (serial != m_serial || m_finished) {
        return;
    }
    ++m_serial; // Later completions of this probe are stale.
    m_probe_timer.reset();
    m_socket.reset();
    if (m_child) {
        // A probe command that hangs, or left something behind, is not kept.
        m_child->signal_group(SIGKILL);
        m_child->close_output();
        m_child.reset();
    }
    if (passed) {
        finish(true);
        return;
    }
    m_last_reason = std::move(reason);
    if (m_loop.clock.now() + m_check.interval > m_deadline) {
        finish(false);
        return;
    }
    m_wait_timer = m_loop.clock.make_timer();
    m_wait_timer->expires_after(m_check.interval);
    auto self = shared_from_this();
    m_wait_timer->async_wait([self](bool aborted) {
        if (!aborted && !self->m_finished) {
            self->probe();
        }
    });
}

void HealthChecker::finish(bool passed) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_probe_timer.reset();
    m_wait_timer.reset();
    m_socket.reset();
    if (m_child) {
        m_child->signal_group(SIGKILL);
        m_child->close_output();
        m_child.reset();
    }
    HealthVerdict verdict;
    verdict.passed = passed;
    verdict.reason = passed ? std::string() : m_last_reason;
    verdict.probes = m_probes;
    verdict.elapsed = m_loop.clock.now() - m_start;
    auto on_done = std::move(m_on_done);
    on_done(std::move(verdict));
}

} // namespace ptest::runner
