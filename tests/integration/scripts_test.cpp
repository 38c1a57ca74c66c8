// Setup and teardown scripts on real runs: a setup script starts a real background service
// (python3's http.server on a free loopback port), its health check waits for it, the tests reach
// it through the variable the script wrote to PTEST_ENV, and the teardown stops it; the teardown
// runs once, in reverse order, after a passing run, a failing run, fail-fast, SIGINT during the
// tests, a failed health check and a failed later setup script, and no process is left behind.
// These tests need the `[scripts.*]` and `[[profile.NAME.scripts]]` configuration parser.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string>
#include <thread>
#include <vector>

using namespace ptest::itest;
using namespace std::chrono_literals;

namespace {

/// A loopback port nothing listens on right now (bound to port 0, then closed).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

/// Whether process `pid` is gone (or a zombie waiting for its parent).
bool gone(pid_t pid) {
    std::string stat;
    try {
        stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    } catch (...) {
        return true;
    }
    return stat.empty() || contains(stat, ") Z ");
}

/// A workspace whose scripts log their names, in order, to `scripts.log`: `log.sh NAME` logs and
/// exits 0, `fail.sh NAME` logs, prints why and exits 3, `service.sh` starts http.server on
/// `port` in the background (its pid in `service.pid`) and writes SERVICE_ADDR to PTEST_ENV,
/// `stop.sh` stops it.
struct Workspace {
    TempDir dir;
    int port = free_port();

    Workspace() {
        write_file(dir / "log.sh", "echo \"$1\" >> scripts.log\n");
        write_file(dir / "fail.sh", "echo \"$1\" >> scripts.log\n"
                                    "echo \"$1: the database refused to start\"\n"
                                    "echo \"$1: see the server log\" >&2\n"
                                    "exit 3\n");
        write_file(dir / "service.sh", "echo service >> scripts.log\n"
                                       "echo \"starting http.server on port " +
                                           std::to_string(port) +
                                           "\"\n"
                                           "python3 -m http.server --bind 127.0.0.1 " +
                                           std::to_string(port) +
                                           " >/dev/null 2>&1 &\n"
                                           "echo $! > service.pid\n"
                                           "echo SERVICE_ADDR=127.0.0.1:" +
                                           std::to_string(port) + " >> \"$PTEST_ENV\"\n");
        write_file(dir / "stop.sh", "echo stop >> scripts.log\n"
                                    "kill \"$(cat service.pid)\"\n");
    }

    /// Write `.config/ptest.toml`: the JUnit file, no retries, `profile` lines, then `scripts`.
    void config(const std::string& profile, const std::string& scripts) const {
        write_file(dir / ".config/ptest.toml", "[profile.default]\n" + profile +
                                                   "[profile.default.junit]\n"
                                                   "path = \"junit.xml\"\n" +
                                                   scripts);
    }

    /// The service script with a health check `health` (an inline table's inside).
    [[nodiscard]] std::string service(const std::string& health) const {
        return "[scripts.setup.service]\n"
               "command = \"sh service.sh\"\n"
               "capture-stdout = true\ncapture-stderr = true\n"
               "health = { " +
               health +
               " }\n"
               "[scripts.teardown.stop]\n"
               "command = \"sh stop.sh\"\n";
    }

    [[nodiscard]] std::string tcp_health() const {
        return "tcp = \"127.0.0.1:" + std::to_string(port) +
               "\", interval = \"100ms\", "
               "timeout = \"20s\"";
    }

    [[nodiscard]] std::vector<std::string> log() const {
        return fs::exists(dir / "scripts.log") ? lines_of(read_file(dir / "scripts.log"))
                                               : std::vector<std::string>{};
    }

    /// The service's pid, once its script has written it whole; 0 before.
    [[nodiscard]] pid_t service_pid() const {
        const std::string text =
            fs::exists(dir / "service.pid") ? read_file(dir / "service.pid") : std::string();
        return text.ends_with('\n') ? std::stoi(text) : 0;
    }

    /// `ptest run --color never` on `binaries` with `extra` arguments.
    [[nodiscard]] Result run(const std::vector<std::string>& binaries,
                             const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> args{"run", "--color", "never"};
        for (const std::string& binary : binaries) {
            args.push_back("--binary");
            args.push_back(fixture(binary).string());
        }
        args.insert(args.end(), extra.begin(), extra.end());
        return run_ptest(args, in_dir(dir));
    }
};

const std::string k_service_rule = "[[profile.default.scripts]]\n"
                                   "filter = \"all()\"\n"
                                   "setup = [\"service\"]\n"
                                   "teardown = [\"stop\"]\n";

} // namespace

TEST_SUITE("integration::scripts") {
    TEST_CASE("a setup script's service is ready before the tests, they reach it, the teardown "
              "stops it") {
        Workspace ws;
        ws.config("", ws.service(ws.tcp_health()) + k_service_rule);
        const Result result = ws.run({"gtest_service_user"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "SETUP [1/1] service: sh service.sh"));
        CHECK(contains(result.err, "SETUP PASS ["));
        CHECK(contains(result.err, "READY ["));
        CHECK(contains(result.err, "service: tcp 127.0.0.1:" + std::to_string(ws.port)));
        CHECK(contains(result.err, "TEARDOWN [1/1] stop: sh stop.sh"));
        CHECK(contains(result.err, "TEARDOWN PASS ["));
        // The test ran (it skips without SERVICE_ADDR) and passed.
        CHECK(contains(result.err, "1 test run: 1 passed"));
        CHECK(!contains(result.err, "SKIP"));
        CHECK(ws.log() == std::vector<std::string>{"service", "stop"});
        CHECK(result.leftovers.empty());
        CHECK(gone(ws.service_pid()));
        // Scripts that pass leave the JUnit report to the tests.
        CHECK(!contains(read_file(ws.dir / "junit.xml"), "@setup-scripts"));
    }

    TEST_CASE("an http health check waits for the service's answer") {
        Workspace ws;
        ws.config("", ws.service("http = \"http://127.0.0.1:" + std::to_string(ws.port) +
                                 "/\", interval = \"100ms\", timeout = \"20s\"") +
                          k_service_rule);
        const Result result = ws.run({"gtest_service_user"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "service: http http://127.0.0.1:"));
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("the teardown runs after failing tests and after fail-fast") {
        Workspace ws;
        ws.config("", ws.service(ws.tcp_health()) + k_service_rule);
        SUBCASE("every test runs") {
            const Result result = ws.run({"gtest_basic"}, {"--no-fail-fast", "-j", "2"});
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100);
            CHECK(ws.log() == std::vector<std::string>{"service", "stop"});
            CHECK(result.leftovers.empty());
            CHECK(gone(ws.service_pid()));
        }
        SUBCASE("fail-fast") {
            const Result result = ws.run({"gtest_basic"}, {"-j", "1"});
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100);
            CHECK(contains(result.err, "tests were not run due to test failure"));
            CHECK(ws.log() == std::vector<std::string>{"service", "stop"});
            CHECK(result.leftovers.empty());
            CHECK(gone(ws.service_pid()));
        }
    }

    TEST_CASE("SIGINT during the tests terminates them, then the teardown stops the service") {
        Workspace ws;
        ws.config("slow-timeout = { period = \"60s\", grace-period = \"1s\" }\n",
                  ws.service(ws.tcp_health()) + k_service_rule);
        Running ptest(ptest_exe(),
                      {"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "--exact", "Hang.Forever"},
                      in_dir(ws.dir));
        REQUIRE(ptest.wait_for_stderr("READY", 60s));
        ptest.signal(SIGINT);
        const Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(ws.log() == std::vector<std::string>{"service", "stop"});
        CHECK(contains(result.err, "TEARDOWN PASS ["));
        CHECK(result.leftovers.empty());
        CHECK(gone(ws.service_pid()));
    }

    TEST_CASE("SIGINT while a setup script runs stops it, starts no test, and still tears down") {
        Workspace ws;
        write_file(ws.dir / "slow.sh", "echo slow >> scripts.log\n"
                                       "sleep 300 >/dev/null 2>&1 &\n"
                                       "echo $! > service.pid\n"
                                       "sleep 300\n");
        ws.config("", "[scripts.setup.slow]\ncommand = \"sh slow.sh\"\n"
                      "[scripts.teardown.stop]\ncommand = \"sh log.sh stop\"\n"
                      "[[profile.default.scripts]]\nsetup = \"slow\"\nteardown = \"stop\"\n");
        Running ptest(ptest_exe(),
                      {"run", "--color", "never", "--binary", fixture("gtest_basic").string()},
                      in_dir(ws.dir));
        REQUIRE(ptest.wait_for_stderr("SETUP [1/1] slow", 60s));
        // Signal once the script has started its service (a deadline, not a timing expectation).
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while (ws.service_pid() <= 0 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
        }
        REQUIRE(ws.service_pid() > 0);
        ptest.signal(SIGINT);
        const Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "SETUP CANCEL ["));
        CHECK(contains(result.err, "0/20 tests run"));
        CHECK(ws.log() == std::vector<std::string>{"slow", "stop"});
        CHECK(result.leftovers.empty());
        CHECK(gone(ws.service_pid()));
    }

    TEST_CASE("a health check that never passes fails the run with its line, the script's "
              "output, exit 105, a JUnit testcase, and the teardown") {
        Workspace ws;
        const int closed = free_port();
        ws.config("", ws.service("tcp = \"127.0.0.1:" + std::to_string(closed) +
                                 "\", interval = \"100ms\", timeout = \"1s\"") +
                          k_service_rule);
        const Result result = ws.run({"gtest_service_user"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 105);
        CHECK(contains(result.err, "HEALTH FAIL ["));
        CHECK(contains(result.err, "service: tcp 127.0.0.1:" + std::to_string(closed)));
        CHECK(contains(result.err, "did not pass within 1s"));
        CHECK(contains(result.err, "Connection refused"));
        CHECK(contains(result.err, "starting http.server on port " + std::to_string(ws.port)));
        CHECK(contains(result.err, "Cancelling due to setup script failure"));
        CHECK(contains(result.err, "ptest: error: a setup script failed"));
        CHECK(ws.log() == std::vector<std::string>{"service", "stop"});
        CHECK(result.leftovers.empty());
        CHECK(gone(ws.service_pid()));

        pugi::xml_document junit;
        REQUIRE(junit.load_file((ws.dir / "junit.xml").c_str()));
        const pugi::xml_node testcase =
            junit
                .select_node("//testsuite[@name='@setup-scripts']/testcase[@name='health service']")
                .node();
        REQUIRE(testcase);
        CHECK(std::string(testcase.child("failure").attribute("type").value()) ==
              "health check failure");
        CHECK(contains(testcase.child("system-out").text().get(), "starting http.server"));
        CHECK(junit_validation_errors(ws.dir / "junit.xml").empty());
    }

    TEST_CASE("a failing setup script stops the run with its output and exit 105; the teardowns "
              "of the rules reached run in reverse order, once") {
        Workspace ws;
        ws.config("",
                  "[scripts.setup.first]\ncommand = \"sh log.sh first\"\n"
                  "[scripts.setup.broken]\ncommand = [\"sh\", \"fail.sh\", \"broken\"]\n"
                  "capture-stdout = true\ncapture-stderr = true\n"
                  "[scripts.setup.never]\ncommand = \"sh log.sh never\"\n"
                  "[scripts.teardown.undo-first]\ncommand = \"sh log.sh undo-first\"\n"
                  "[scripts.teardown.undo-broken]\ncommand = \"sh log.sh undo-broken\"\n"
                  "[scripts.teardown.undo-never]\ncommand = \"sh log.sh undo-never\"\n"
                  "[[profile.default.scripts]]\nfilter = \"all()\"\n"
                  "setup = [\"first\"]\nteardown = [\"undo-first\"]\n"
                  "[[profile.default.scripts]]\nfilter = \"all()\"\n"
                  "setup = [\"first\", \"broken\"]\nteardown = [\"undo-broken\", \"undo-first\"]\n"
                  "[[profile.default.scripts]]\nfilter = \"all()\"\n"
                  "setup = [\"never\"]\nteardown = [\"undo-never\"]\n");
        const Result result = ws.run({"gtest_basic"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 105);
        CHECK(ws.log() == std::vector<std::string>{"first", "broken", "undo-broken", "undo-first"});
        CHECK(contains(result.err, "SETUP FAIL ["));
        CHECK(contains(result.err, "exit code 3"));
        CHECK(contains(result.err, "broken: the database refused to start"));
        CHECK(contains(result.err, "broken: see the server log"));
        CHECK(contains(result.err, "0/20 tests run"));
        CHECK(contains(result.err, "20/20 tests were not run due to setup script failure"));
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(ws.dir / "junit.xml").empty());
        CHECK(junit_outcomes(ws.dir / "junit.xml").at({"@setup-scripts", "setup broken"}) ==
              "fail");
    }

    TEST_CASE("scripts of a rule whose filter matches no selected test do not run") {
        Workspace ws;
        ws.config("", "[scripts.setup.used]\ncommand = \"sh log.sh used\"\n"
                      "[scripts.setup.unused]\ncommand = \"sh log.sh unused\"\n"
                      "[scripts.teardown.undo-unused]\ncommand = \"sh log.sh undo-unused\"\n"
                      "[[profile.default.scripts]]\nfilter = \"binary_id(gtest_service_user)\"\n"
                      "setup = [\"unused\"]\nteardown = [\"undo-unused\"]\n"
                      "[[profile.default.scripts]]\nfilter = \"test(=Math.Adds)\"\n"
                      "setup = \"used\"\n");
        const Result result = ws.run({"gtest_basic"}, {"--exact", "Math.Adds"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(ws.log() == std::vector<std::string>{"used"});
    }
}
