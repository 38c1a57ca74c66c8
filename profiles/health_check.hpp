// A setup script's `health` check: the inline table saying how ptest knows that the service the
// script started is ready (a TCP port that accepts connections, an HTTP URL that answers 2xx, or a
// command that exits 0) and how often and how long to probe. ptest's own; nextest has none.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/scripts.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Check a `tcp` target: `HOST:PORT` with a non-empty host (a name, an IPv4 address, or an IPv6
/// address in brackets, `[::1]:5432`) and a port from 1 to 65535. Throws `ptest::Error`
/// (`ExitCode::setup_error`) saying what is wrong.
void check_tcp_target(std::string_view target);

/// Check an `http` URL: `http://HOST[:PORT][/PATH]` with a non-empty host and, when given, a port
/// from 1 to 65535. Other schemes (`https://` included) are refused. Throws `ptest::Error`
/// (`ExitCode::setup_error`) saying what is wrong.
void check_http_url(std::string_view url);

/// Parse the `health` table `node` at key path `path`: exactly one of `tcp`, `http` and `command`
/// (a string or an array, as a script's command), and optionally `interval` and `timeout`
/// (positive durations; 500ms and 30s by default). Throws a positioned setup error; unknown keys
/// warn.
HealthCheck parse_health_check(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// The check as a TOML inline table, as `show-config` prints it:
/// `{ tcp = "127.0.0.1:5432", interval = "500ms", timeout = "30s" }`.
std::string format_health_check(const HealthCheck& check);

} // namespace ptest::profiles
