// Status on demand and the slowest tests on the real fixtures (issue 19): SIGUSR1 during a run
// prints the running tests (slot, pid, elapsed time, attempt) and the run goes on to its verdicts;
// the test processes never inherit ptest's SIGUSR1 handling; `--show-slowest N` and the
// `show-slowest` key print the N slowest tests after the summary, slowest first.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <cstdint>
#include <fstream>
#include <regex>

using namespace ptest::itest;

namespace {

constexpr std::chrono::seconds k_patience{60};

/// The mask `field` (`SigIgn`, `SigBlk`, `SigCgt`) of process `pid`, from /proc; nullopt when the
/// process is gone.
std::optional<std::uint64_t> signal_mask(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            return std::stoull(line.substr(field.size() + 1), nullptr, 16);
        }
    }
    return std::nullopt;
}

/// The processes whose parent is `pid`, from /proc.
std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> children;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream in(entry.path() / "status");
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("PPid:", 0) == 0) {
                if (std::stoi(line.substr(5)) == pid) {
                    children.push_back(std::stoi(name));
                }
                break;
            }
        }
    }
    return children;
}

/// The seconds in `[   1.503s]` brackets of the lines after `header`, up to the first line that
/// has none.
std::vector<double> durations_after(const std::string& text, const std::string& header) {
    std::vector<double> durations;
    bool after = false;
    static const std::regex bracket(R"(^ +\[ *([0-9]+\.[0-9]+)s\] )");
    for (const std::string& line : lines_of(text)) {
        if (!after) {
            after = line == header;
            continue;
        }
        std::smatch match;
        if (!std::regex_search(line, match, bracket)) {
            break;
        }
        durations.push_back(std::stod(match[1].str()));
    }
    return durations;
}

} // namespace

TEST_SUITE("integration::report::status") {
    TEST_CASE("SIGUSR1 prints the running tests and the run goes on to its verdicts") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nretries = 1\nslow-timeout = \"100ms\"\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Running ptest(ptest_exe(),
                      {"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "-j", "2", "Hang.Forever", "Quick.Passes", "Flaky.PassesOnSecondAttempt"},
                      in_dir(dir.path()));
        // Hang.Forever runs until the end: SLOW says it has started.
        REQUIRE(ptest.wait_for_stderr("SLOW [", k_patience));
        ptest.signal(SIGUSR1);
        REQUIRE(ptest.wait_for_stderr("gtest_behaviour Hang.Forever (slot ", k_patience));
        // The other two finish on the other slot, the flaky one on its retry.
        REQUIRE(ptest.wait_for_stderr("] gtest_behaviour Quick.Passes\n", k_patience));
        REQUIRE(
            ptest.wait_for_stderr("] gtest_behaviour Flaky.PassesOnSecondAttempt\n", k_patience));
        ptest.signal(SIGUSR1);
        REQUIRE(ptest.wait_for_stderr("STATUS 1 running, 2/3 finished", k_patience));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        static const std::regex running_line(
            R"(     RUNNING \[ *[0-9]+\.[0-9]+s\] gtest_behaviour Hang\.Forever \(slot [01], pid ([0-9]+), attempt 1/2\))");
        std::smatch match;
        REQUIRE(std::regex_search(result.err, match, running_line));
        CHECK(std::stoi(match[1].str()) > 0);
        CHECK(contains(result.err, "TRY 2 PASS"));
        const auto outcomes = junit_outcomes(dir / "junit.xml");
        CHECK(outcomes.at({"gtest_behaviour", "Quick.Passes"}) == "pass");
        CHECK(outcomes.at({"gtest_behaviour", "Flaky.PassesOnSecondAttempt"}) == "pass");
        CHECK(outcomes.at({"gtest_behaviour", "Hang.Forever"}) == "error");
    }

    TEST_CASE("a test process inherits no SIGUSR1 handling from ptest, and its pid is shown") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nslow-timeout = \"100ms\"\n");
        Running ptest(ptest_exe(),
                      {"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "Hang.Forever"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("SLOW [", k_patience));
        const std::vector<pid_t> children = children_of(ptest.pid());
        REQUIRE(children.size() == 1);
        const std::uint64_t usr1 = 1ULL << (SIGUSR1 - 1);
        for (const char* field : {"SigIgn", "SigBlk", "SigCgt"}) {
            CAPTURE(field);
            const std::optional<std::uint64_t> mask = signal_mask(children.front(), field);
            REQUIRE(mask);
            CHECK((*mask & usr1) == 0);
        }
        ptest.signal(SIGUSR1);
        REQUIRE(ptest.wait_for_stderr("STATUS 1 running, 0/1 finished", k_patience));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(contains(result.err, "Hang.Forever (slot 0, pid " + std::to_string(children.front()) +
                                       ", attempt 1/1)"));
    }

    TEST_CASE("--show-slowest N prints N tests after the summary, slowest first") {
        TempDir dir;
        Result result = run_fixtures(dir, {"gtest_behaviour"},
                                     {"--show-slowest", "2", "-j", "1", "Slow.OneAndAHalfSeconds",
                                      "Quick.Passes", "Env.PrintsSlots"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        const auto summary = result.err.find("     Summary [");
        const auto slowest = result.err.find("     Slowest 2 tests\n");
        REQUIRE(summary != std::string::npos);
        REQUIRE(slowest != std::string::npos);
        CHECK(slowest > summary);
        const std::vector<double> durations = durations_after(result.err, "     Slowest 2 tests");
        REQUIRE(durations.size() == 2);
        CHECK(durations[0] >= durations[1]);
        CHECK(contains(result.err.substr(slowest), "s] gtest_behaviour Slow.OneAndAHalfSeconds\n"));
    }

    TEST_CASE("the show-slowest key lists at most as many tests as ran") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nshow-slowest = 5\n");
        Result result =
            run_ptest({"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "Quick.Passes", "Env.PrintsSlots"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(durations_after(result.err, "     Slowest 2 tests").size() == 2);
    }
}
