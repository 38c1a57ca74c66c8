// Signals on a real run, with nextest as the model: SIGINT, SIGTERM and SIGHUP cancel the running
// tests (SIGKILL after the grace period), a second signal kills at once, Ctrl-Z pauses and fg
// resumes, and whatever way ptest ends short of SIGKILL to ptest itself, the summary and the JUnit
// file are written and nothing it started is left running. SIGKILL to ptest never leaves a
// half-written JUnit file behind.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <signal.h>

#include <fstream>
#include <thread>

using namespace ptest::itest;
using namespace std::chrono_literals;

namespace {

/// Tests hang for minutes; the grace period is short so a cancel ends quickly.
const std::string k_config = "[profile.default]\n"
                             "fail-fast = false\n"
                             "slow-timeout = { period = \"60s\", grace-period = \"1s\" }\n"
                             "[profile.default.junit]\n"
                             "path = \"junit.xml\"\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The `<testcase>` elements of a JUnit file whose error type is `test cancelled`.
int cancelled_cases(const fs::path& junit) {
    pugi::xml_document doc;
    if (!doc.load_file(junit.c_str())) {
        return -1;
    }
    return static_cast<int>(doc.select_nodes("//testcase[error/@type='test cancelled']").size());
}

/// Start the two `Hang.*` tests on two workers, wait until they run, send `signal`, and return
/// how ptest ended and how long after the signal.
Result cancel_hangs(const TempDir& dir, int signal, double& seconds_after_signal) {
    write_file(dir / ".config/ptest.toml", k_config);
    Running ptest(ptest_exe(),
                  {"run", "Hang.", "--binary", fixture("gtest_behaviour").string(), "-j", "2",
                   "--color", "never"},
                  in_dir(dir.path()));
    REQUIRE(ptest.wait_for_stderr("Starting 2 tests", 30s));
    std::this_thread::sleep_for(300ms); // Let both tests reach their sleep.
    auto sent = std::chrono::steady_clock::now();
    ptest.signal(signal);
    Result result = ptest.wait();
    seconds_after_signal = seconds_since(sent);
    return result;
}

/// The one-letter state of a process from /proc (R, S, T, Z, ...), or 0 when it is gone.
char process_state(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() ? text[close + 2] : '\0';
}

/// Poll until `pid` is in state `state` or five seconds pass.
bool wait_for_state(pid_t pid, char state) {
    for (int i = 0; i < 100; ++i) {
        if (process_state(pid) == state) {
            return true;
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

} // namespace

TEST_SUITE("integration::reliability") {

    TEST_CASE("SIGINT cancels the running tests, writes the summary and JUnit, and leaves "
              "nothing behind") {
        TempDir dir;
        double after = 0;
        Result result = cancel_hangs(dir, SIGINT, after);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to interrupt: 2 tests still running"));
        CHECK(contains(result.err, "Summary ["));
        CHECK(contains(result.err, "2 cancelled"));
        CHECK(after < 8.0);
        CHECK(result.leftovers.empty());
        REQUIRE(fs::exists(dir / "junit.xml"));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(cancelled_cases(dir / "junit.xml") == 2);
    }

    TEST_CASE("SIGTERM cancels too, and a test ignoring it is killed after the grace period") {
        TempDir dir;
        double after = 0;
        Result result = cancel_hangs(dir, SIGTERM, after);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to signal: 2 tests still running"));
        CHECK(contains(result.err, "Summary ["));
        // Hang.IgnoresSigterm survives SIGTERM: only the 1 s grace period's SIGKILL ends it.
        CHECK(after > 0.9);
        CHECK(after < 8.0);
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(cancelled_cases(dir / "junit.xml") == 2);
    }

    TEST_CASE("SIGHUP cancels the run like SIGTERM") {
        TempDir dir;
        double after = 0;
        Result result = cancel_hangs(dir, SIGHUP, after);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to signal: 2 tests still running"));
        CHECK(after < 8.0);
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(cancelled_cases(dir / "junit.xml") == 2);
    }

    TEST_CASE("a second signal kills the tests at once instead of waiting for the grace period") {
        TempDir dir;
        // The default grace period (10 s) applies: only the second signal can end this early.
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                               "[profile.default.junit]\npath = \"junit.xml\"\n");
        Running ptest(ptest_exe(),
                      {"run", "Hang.IgnoresSigterm", "--binary",
                       fixture("gtest_behaviour").string(), "--color", "never"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("Starting 1 test", 30s));
        std::this_thread::sleep_for(300ms);
        auto sent = std::chrono::steady_clock::now();
        ptest.signal(SIGTERM);
        REQUIRE(ptest.wait_for_stderr("Cancelling due to signal", 10s));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        double after = seconds_since(sent);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Killing due to second signal: 1 test still running"));
        CHECK(after < 6.0);
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(cancelled_cases(dir / "junit.xml") == 1);
    }

    TEST_CASE("cancelling while a leaked grandchild holds the output does not wait out "
              "leak-timeout, and kills the grandchild") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nleak-timeout = \"60s\"\n"
                   "slow-timeout = { period = \"60s\", grace-period = \"1s\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Running ptest(ptest_exe(),
                      {"run", "Hang.", "Leak.", "--binary", fixture("gtest_behaviour").string(),
                       "-j", "4", "--color", "never"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("Starting 4 tests", 30s));
        // The leak tests exit at once; their grandchildren (one ignores SIGTERM for 300 s) keep
        // the output open, so they sit in the leak check when the signal arrives.
        std::this_thread::sleep_for(700ms);
        auto sent = std::chrono::steady_clock::now();
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        double after = seconds_since(sent);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to interrupt: 4 tests still running"));
        CHECK(after < 8.0);
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("SIGTERM while the binaries are being listed stops the listing and leaves nothing") {
        TempDir dir;
        Options options = in_dir(dir.path());
        options.env["PTEST_FIXTURE_LIST_MODE"] = "hang";
        Running ptest(
            ptest_exe(),
            {"run", "--binary", fixture("gtest_list_misbehaves").string(), "--color", "never"},
            options);
        std::this_thread::sleep_for(800ms); // No line marks "listing": give it time to start.
        auto sent = std::chrono::steady_clock::now();
        ptest.signal(SIGTERM);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "ptest: error: interrupted while listing tests"));
        CHECK(seconds_since(sent) < 8.0);
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("Ctrl-Z pauses the run and fg resumes it, the pause left out of the duration") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_config);
        Running ptest(ptest_exe(),
                      {"run", "Slow.OneAndAHalfSeconds", "--binary",
                       fixture("gtest_behaviour").string(), "--color", "never"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("Starting 1 test", 30s));
        std::this_thread::sleep_for(200ms);
        ptest.signal(SIGTSTP);
        REQUIRE(ptest.wait_for_stderr("Pausing due to signal: 1 test running", 10s));
        CHECK(wait_for_state(ptest.pid(), 'T')); // ptest stopped itself after its tests.
        std::this_thread::sleep_for(2500ms);
        ptest.signal(SIGCONT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "Continuing due to signal: 1 test running"));
        CHECK(contains(result.err, "PASS ["));
        CHECK(result.seconds > 2.5);
        CHECK(result.leftovers.empty());
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        double time = doc.select_node("//testcase").node().attribute("time").as_double(-1);
        // The test ran for at most 1.5 s of its own; 2.5 s of pause must not be counted.
        CHECK(time > 0.0);
        CHECK(time < 2.4);
    }

    TEST_CASE("SIGKILL to ptest mid-run leaves the previous JUnit file complete and unchanged") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_config);
        Result first = run_ptest({"run", "Quick.Passes", "--binary",
                                  fixture("gtest_behaviour").string(), "--color", "never"},
                                 in_dir(dir.path()));
        REQUIRE(first.exit_code == 0);
        std::string before = read_file(dir / "junit.xml");
        REQUIRE(contains(before, "Quick.Passes"));

        Running ptest(ptest_exe(),
                      {"run", "Hang.", "--binary", fixture("gtest_behaviour").string(), "-j", "2",
                       "--color", "never"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("Starting 2 tests", 30s));
        ptest.signal(SIGKILL);
        Result killed = ptest.wait();
        CHECK(killed.signal == SIGKILL);
        CHECK(read_file(dir / "junit.xml") == before);
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        // No temporary file of an unfinished write is left beside it (target/ holds the test
        // history of the first run).
        int entries = 0;
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            entries +=
                entry.path().filename() != ".config" && entry.path().filename() != "target" ? 1 : 0;
        }
        CHECK(entries == 1);
    }

} // TEST_SUITE
