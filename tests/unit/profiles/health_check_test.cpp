// Tests of a setup script's `health` table: exactly one probe, checked TCP targets and HTTP URLs,
// positive durations, and the errors, each at the value it is about.
#include "config_helpers.hpp"

#include "profiles/health_check.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono_literals;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

/// The health check of the setup script `db` whose `health = VALUE`.
HealthCheck health_of(std::string_view value) {
    const Profile profile = resolve_toml(
        "[scripts.setup.db]\ncommand = 'start'\nhealth = " + std::string(value) + "\n");
    return *profile.scripts.setup.at("db").health;
}

/// The error of the setup script `db` whose `health = VALUE`.
std::string health_error(std::string_view value) {
    return parse_error("[scripts.setup.db]\ncommand = 'start'\nhealth = " + std::string(value) +
                       "\n");
}

std::string tcp_error(std::string_view target) {
    return error_of([&] { check_tcp_target(target); });
}

std::string http_error(std::string_view url) {
    return error_of([&] { check_http_url(url); });
}

} // namespace

TEST_SUITE("profiles::HealthCheck") {
    TEST_CASE("a tcp check keeps its target and probes every 500ms for 30s by default") {
        const HealthCheck check = health_of(R"({ tcp = "127.0.0.1:5432" })");
        CHECK(check.kind == HealthCheck::Kind::tcp);
        CHECK(check.target == "127.0.0.1:5432");
        CHECK(check.interval == 500ms);
        CHECK(check.timeout == 30s);
    }

    TEST_CASE("an http check keeps its URL and takes its interval and timeout from the table") {
        const HealthCheck check = health_of(
            R"({ http = "http://localhost:8080/health", interval = "1s", timeout = "2m" })");
        CHECK(check.kind == HealthCheck::Kind::http);
        CHECK(check.target == "http://localhost:8080/health");
        CHECK(check.interval == 1s);
        CHECK(check.timeout == 2min);
    }

    TEST_CASE("a command check is split like a script's command, or taken as an array") {
        const HealthCheck check = health_of(R"({ command = "pg_isready -h 'the host'" })");
        CHECK(check.kind == HealthCheck::Kind::command);
        CHECK(check.argv == std::vector<std::string>{"pg_isready", "-h", "the host"});
        CHECK(health_of(R"({ command = ["true"] })").argv == std::vector<std::string>{"true"});
    }

    TEST_CASE("tcp targets are a host and a port from 1 to 65535, IPv6 hosts in brackets") {
        CHECK(tcp_error("localhost:1") == "<no error>");
        CHECK(tcp_error("[::1]:65535") == "<no error>");
        CHECK(tcp_error("db.internal:5432") == "<no error>");
        CHECK(tcp_error("127.0.0.1") == "expected HOST:PORT, found `127.0.0.1`");
        CHECK(tcp_error(":5432") == "missing host in `:5432`");
        CHECK(tcp_error("host:0") ==
              "invalid port `0` in `host:0`: expected a number from 1 to 65535");
        CHECK(tcp_error("host:65536") ==
              "invalid port `65536` in `host:65536`: expected a number from 1 to 65535");
        CHECK(tcp_error("host:54x") ==
              "invalid port `54x` in `host:54x`: expected a number from 1 to 65535");
        CHECK(tcp_error("[::1:5432") == "unterminated `[` in `[::1:5432`");
        CHECK(tcp_error("http://host:80") == "expected HOST:PORT, found `http://host:80`");
    }

    TEST_CASE("http URLs need the http scheme and a host; the port and path are optional") {
        CHECK(http_error("http://localhost/health") == "<no error>");
        CHECK(http_error("http://127.0.0.1:8080") == "<no error>");
        CHECK(http_error("http://[::1]:8080/ready?full=1") == "<no error>");
        CHECK(http_error("https://localhost/health") ==
              "unsupported scheme `https` in `https://localhost/health`: only `http://` URLs are "
              "supported");
        CHECK(http_error("localhost:8080/health") ==
              "expected a URL beginning with `http://`, found `localhost:8080/health`");
        CHECK(http_error("http:///health") == "missing host in `http:///health`");
        CHECK(http_error("http://host:99999/") ==
              "invalid port `99999` in `http://host:99999/`: expected a number from 1 to 65535");
        CHECK(http_error("http://user@host/") ==
              "user information is not supported in `http://user@host/`");
    }

    TEST_CASE("a bad target is an error at the value, with the source line and a caret") {
        CHECK(health_error(R"({ tcp = "localhost" })") ==
              "test.toml:3:18: `scripts.setup.db.health.tcp`: expected HOST:PORT, found "
              "`localhost`\n"
              "health = { tcp = \"localhost\" }\n"
              "                 ^");
        CHECK(health_error(R"({ http = "ftp://host/" })") ==
              "test.toml:3:19: `scripts.setup.db.health.http`: unsupported scheme `ftp` in "
              "`ftp://host/`: only `http://` URLs are supported\n"
              "health = { http = \"ftp://host/\" }\n"
              "                  ^");
    }

    TEST_CASE("a health table with no probe, or with two, is an error") {
        CHECK(health_error(R"({ interval = "1s" })") ==
              "test.toml:3:10: `scripts.setup.db.health`: set one of `tcp`, `http` and `command`\n"
              "health = { interval = \"1s\" }\n"
              "         ^");
        CHECK(health_error(R"({ tcp = "h:1", command = "true" })") ==
              "test.toml:3:35: `scripts.setup.db.health`: set only one of `tcp`, `http` and "
              "`command`, found both `tcp` and `command`\n"
              "health = { tcp = \"h:1\", command = \"true\" }\n"
              "                                  ^");
        CHECK(health_error(R"({ command = "true", http = "http://h/" })") ==
              "test.toml:3:37: `scripts.setup.db.health`: set only one of `tcp`, `http` and "
              "`command`, found both `command` and `http`\n"
              "health = { command = \"true\", http = \"http://h/\" }\n"
              "                                    ^");
    }

    TEST_CASE("health must be a table") {
        CHECK(health_error(R"("127.0.0.1:5432")") ==
              "test.toml:3:10: `scripts.setup.db.health`: expected a table such as { tcp = "
              "\"127.0.0.1:5432\" }, found a string\n"
              "health = \"127.0.0.1:5432\"\n"
              "         ^");
    }

    TEST_CASE("interval and timeout are positive durations") {
        CHECK(health_error(R"({ tcp = "h:1", interval = "0s" })") ==
              "test.toml:3:36: `scripts.setup.db.health.interval`: expected a positive duration, "
              "found \"0s\"\n"
              "health = { tcp = \"h:1\", interval = \"0s\" }\n"
              "                                   ^");
        CHECK(health_error(R"({ tcp = "h:1", timeout = "1.5s" })") ==
              "test.toml:3:35: `scripts.setup.db.health.timeout`: invalid duration `1.5s`: "
              "fractions are not supported; combine units instead, such as `1s 500ms`\n"
              "health = { tcp = \"h:1\", timeout = \"1.5s\" }\n"
              "                                  ^");
    }

    TEST_CASE("an unknown key in the health table is a warning") {
        const Config config = Config::parse(
            "[scripts.setup.db]\ncommand = 'x'\nhealth = { tcp = 'h:1', retries = 3 }\n",
            "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] == "test.toml:3:25: warning: ignoring unknown configuration key "
                                      "`scripts.setup.db.health.retries`");
    }

    TEST_CASE("show-config prints the check as an inline table with its durations") {
        HealthCheck check;
        check.kind = HealthCheck::Kind::command;
        check.argv = {"pg_isready", "-q"};
        check.interval = 250ms;
        CHECK(format_health_check(check) ==
              R"({ command = ["pg_isready", "-q"], interval = "250ms", timeout = "30s" })");
        CHECK(format_health_check(health_of(R"({ tcp = "h:1" })")) ==
              R"({ tcp = "h:1", interval = "500ms", timeout = "30s" })");
    }
}
