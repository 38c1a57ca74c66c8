// Signals on a real run, with nextest as the model: SIGINT, SIGTERM and SIGHUP cancel the running
// tests (SIGKILL after the grace period), a second signal kills at once, Ctrl-Z pauses and fg
// resumes, and whatever way ptest ends short of SIGKILL to ptest itself, the summary and the JUnit
// file are written and nothing it started is left running. SIGKILL to ptest never leaves a
// half-written JUnit file behind.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
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

/// Seconds within which a cancelled run must end. The tests would hang for 300 s (a leaked
/// grandchild holds the output for 60 s of leak-timeout); a cancel needs at most the 1 s grace
/// period, so the other 7 s are margin for a loaded machine.
constexpr double k_prompt = 8.0;

/// How long to wait for a condition of the run to appear: a deadline for a run that is stuck,
/// not a timing expectation (each condition normally holds within milliseconds).
constexpr std::chrono::seconds k_patience{30};

/// Poll `condition` every 10 ms until it holds or `k_patience` passes; returns whether it held.
bool eventually(const std::function<bool()>& condition) {
    auto deadline = std::chrono::steady_clock::now() + k_patience;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

/// The direct children of `pid` (ptest's tests, listings and re-parented orphans), from /proc.
std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> children;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "children");
        pid_t child = 0;
        while (in >> child) {
            children.push_back(child);
        }
    }
    return children;
}

/// True when `pid` ignores SIGTERM (the SigIgn mask of /proc/PID/status).
bool ignores_sigterm(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("SigIgn:", 0) == 0) {
            std::uint64_t mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask & (1ULL << (SIGTERM - 1))) != 0;
        }
    }
    return false;
}

/// True once one of ptest's tests ignores SIGTERM: Hang.IgnoresSigterm has got past its
/// `signal(SIGTERM, SIG_IGN)`, so a SIGTERM sent now cannot end it before the grace period.
bool a_test_ignores_sigterm(const Running& ptest) {
    std::vector<pid_t> children = children_of(ptest.pid());
    return std::any_of(children.begin(), children.end(), ignores_sigterm);
}

/// Start the two `Hang.*` tests on two workers, wait until they run (Hang.IgnoresSigterm
/// ignoring SIGTERM), send `signal`, and return how ptest ended and how long after the signal.
Result cancel_hangs(const TempDir& dir, int signal, double& seconds_after_signal) {
    write_file(dir / ".config/ptest.toml", k_config);
    Running ptest(ptest_exe(),
                  {"run", "Hang.", "--binary", fixture("gtest_behaviour").string(), "-j", "2",
                   "--color", "never"},
                  in_dir(dir.path()));
    REQUIRE(ptest.wait_for_stderr("Starting 2 tests", k_patience));
    REQUIRE(eventually([&] { return a_test_ignores_sigterm(ptest); }));
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

/// Poll until `pid` is in state `state` (or `k_patience` passes).
bool wait_for_state(pid_t pid, char state) {
    return eventually([&] { return process_state(pid) == state; });
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
        CHECK(after < k_prompt);
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
        // Hang.IgnoresSigterm survives SIGTERM: only the 1 s grace period's SIGKILL ends it. A
        // lower bound with no margin needed: the grace timer cannot fire early (0.1 s is for the
        // clock readings on either side).
        CHECK(after > 0.9);
        CHECK(after < k_prompt);
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
        CHECK(after < k_prompt);
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
        REQUIRE(ptest.wait_for_stderr("Starting 1 test", k_patience));
        // Only once the test ignores SIGTERM can the first signal be sure not to end it.
        REQUIRE(eventually([&] { return a_test_ignores_sigterm(ptest); }));
        auto sent = std::chrono::steady_clock::now();
        ptest.signal(SIGTERM);
        REQUIRE(ptest.wait_for_stderr("Cancelling due to signal", k_patience));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        double after = seconds_since(sent);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Killing due to second signal: 1 test still running"));
        // Without the second signal it would end only after the default 10 s grace period; 6 s
        // leaves 6 s of margin for a loaded machine below that, and 4 s above it.
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
        REQUIRE(ptest.wait_for_stderr("Starting 4 tests", k_patience));
        // The leak tests exit at once; their grandchildren (one ignores SIGTERM for 300 s) keep
        // the output open, so they sit in the leak check when the signal arrives. A grandchild
        // becomes ptest's own child (ptest is their subreaper) only once its parent test has
        // exited, and it leads no process group: wait until both have.
        REQUIRE(eventually([&] {
            std::vector<pid_t> children = children_of(ptest.pid());
            return std::count_if(children.begin(), children.end(),
                                 [](pid_t pid) { return ::getpgid(pid) != pid; }) == 2;
        }));
        auto sent = std::chrono::steady_clock::now();
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        double after = seconds_since(sent);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to interrupt: 4 tests still running"));
        CHECK(after < k_prompt);
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
        // No line marks "listing": wait until ptest has started the listing (its only child), by
        // when its signal handler is in place.
        REQUIRE(eventually([&] { return !children_of(ptest.pid()).empty(); }));
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
        REQUIRE(ptest.wait_for_stderr("Starting 1 test", k_patience));
        REQUIRE(eventually([&] { return !children_of(ptest.pid()).empty(); }));
        ptest.signal(SIGTSTP);
        REQUIRE(ptest.wait_for_stderr("Pausing due to signal: 1 test running", k_patience));
        CHECK(wait_for_state(ptest.pid(), 'T')); // ptest stopped itself after its tests.
        // The pause itself: what the test below checks is that it is left out of the duration.
        std::this_thread::sleep_for(3000ms);
        ptest.signal(SIGCONT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "Continuing due to signal: 1 test running"));
        CHECK(contains(result.err, "PASS ["));
        CHECK(result.seconds > 3.0); // The pause is real time: no margin needed.
        CHECK(result.leftovers.empty());
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        double time = doc.select_node("//testcase").node().attribute("time").as_double(-1);
        // The test sleeps 1.5 s of its own; had the 3 s pause been counted, it would show 4.5 s
        // or more. 2.9 s leaves 1.4 s of margin on either side for a loaded machine.
        CHECK(time > 0.0);
        CHECK(time < 2.9);
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
        REQUIRE(ptest.wait_for_stderr("Starting 2 tests", k_patience));
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
