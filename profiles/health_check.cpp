// Parsing, checking and printing of health checks (see health_check.hpp).
#include "profiles/health_check.hpp"

#include "base/error.hpp"

#include "profiles/duration.hpp"
#include "profiles/script_command.hpp"

#include <array>
#include <utility>

namespace ptest::profiles {

namespace {

constexpr std::string_view k_http_scheme = "http://";

[[noreturn]] void fail_check(const std::string& reason) {
    throw Error(ExitCode::setup_error, reason);
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Check `port` (the text after the host's colon) is a number from 1 to 65535.
void check_port(std::string_view port, std::string_view whole) {
    bool valid = !port.empty() && port.size() <= 5;
    unsigned value = 0;
    for (const char c : port) {
        valid = valid && is_digit(c);
        value = value * 10U + static_cast<unsigned>(c - '0');
    }
    if (!valid || value == 0 || value > 65535U) {
        fail_check("invalid port `" + std::string(port) + "` in `" + std::string(whole) +
                   "`: expected a number from 1 to 65535");
    }
}

// Split `authority` (`HOST:PORT`, `[V6]:PORT`, or without the port when `port_required` is false)
// and check both halves; `whole` is the value as written, for messages.
void check_authority(std::string_view authority, std::string_view whole, bool port_required) {
    std::string_view host = authority;
    std::string_view rest;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            fail_check("unterminated `[` in `" + std::string(whole) + "`");
        }
        host = authority.substr(1, close - 1);
        rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) {
            fail_check("expected `:PORT` after `]` in `" + std::string(whole) + "`");
        }
    } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        rest = authority.substr(colon);
    }
    if (host.empty()) {
        fail_check("missing host in `" + std::string(whole) + "`");
    }
    if (rest.empty()) {
        if (port_required) {
            fail_check("expected HOST:PORT, found `" + std::string(whole) + "`");
        }
        return;
    }
    check_port(rest.substr(1), whole);
}

// Whether `a` is written before `b` in the file.
bool written_before(const toml::node& a, const toml::node& b) {
    const toml::source_position pa = a.source().begin;
    const toml::source_position pb = b.source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
}

// A positive duration, or a positioned error.
Duration positive_duration(const toml::node& node, ParseContext& context, std::string_view path) {
    const Duration duration = context.expect_duration(node, path);
    if (duration <= Duration::zero()) {
        context.fail(node, path, "expected a positive duration, found \"0s\"");
    }
    return duration;
}

} // namespace

void check_tcp_target(std::string_view target) {
    if (target.find('/') != std::string_view::npos) {
        fail_check("expected HOST:PORT, found `" + std::string(target) + "`");
    }
    check_authority(target, target, true);
}

void check_http_url(std::string_view url) {
    if (!url.starts_with(k_http_scheme)) {
        const std::size_t scheme = url.find("://");
        fail_check(scheme == std::string_view::npos
                       ? "expected a URL beginning with `http://`, found `" + std::string(url) + "`"
                       : "unsupported scheme `" + std::string(url.substr(0, scheme)) + "` in `" +
                             std::string(url) + "`: only `http://` URLs are supported");
    }
    const std::string_view rest = url.substr(k_http_scheme.size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) {
        fail_check("user information is not supported in `" + std::string(url) + "`");
    }
    check_authority(authority, url, false);
}

HealthCheck parse_health_check(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    const auto* table = node.as_table();
    if (table == nullptr) {
        context.fail(node, path,
                     "expected a table such as { tcp = \"127.0.0.1:5432\" }, found " +
                         std::string(describe_type(node)));
    }
    context.check_keys(*table, path, {"tcp", "http", "command", "interval", "timeout"});
    constexpr std::array k_kinds{std::pair{"tcp", HealthCheck::Kind::tcp},
                                 std::pair{"http", HealthCheck::Kind::http},
                                 std::pair{"command", HealthCheck::Kind::command}};
    HealthCheck check;
    const toml::node* probe = nullptr;
    std::string probe_key;
    for (const auto& [name, kind] : k_kinds) {
        const std::string key(name);
        const toml::node* value = table->get(key);
        if (value == nullptr) {
            continue;
        }
        if (probe != nullptr) {
            // Point at whichever of the two the file writes second, naming them in file order.
            const bool value_first = written_before(*value, *probe);
            context.fail(
                value_first ? *probe : *value, path,
                "set only one of `tcp`, `http` and `command`, found both `" +
                    (value_first ? key + "` and `" + probe_key : probe_key + "` and `" + key) +
                    "`");
        }
        probe = value;
        probe_key = key;
        check.kind = kind;
    }
    if (probe == nullptr) {
        context.fail(node, path, "set one of `tcp`, `http` and `command`");
    }
    const std::string probe_path = join_key(path, probe_key);
    if (check.kind == HealthCheck::Kind::command) {
        check.argv = parse_script_command(*probe, context, probe_path, false);
    } else {
        check.target = context.expect_string(*probe, probe_path);
        context.at(*probe, probe_path, [&] {
            check.kind == HealthCheck::Kind::tcp ? check_tcp_target(check.target)
                                                 : check_http_url(check.target);
        });
    }
    if (const toml::node* interval = table->get("interval")) {
        check.interval = positive_duration(*interval, context, join_key(path, "interval"));
    }
    if (const toml::node* timeout = table->get("timeout")) {
        check.timeout = positive_duration(*timeout, context, join_key(path, "timeout"));
    }
    return check;
}

std::string format_health_check(const HealthCheck& check) {
    std::string out = "{ ";
    switch (check.kind) {
    case HealthCheck::Kind::tcp:
        out += "tcp = " + toml_quote(check.target);
        break;
    case HealthCheck::Kind::http:
        out += "http = " + toml_quote(check.target);
        break;
    case HealthCheck::Kind::command:
        out += "command = " + format_command(check.argv);
        break;
    }
    return out + ", interval = \"" + format_duration(check.interval) + "\", timeout = \"" +
           format_duration(check.timeout) + "\" }";
}

} // namespace ptest::profiles
