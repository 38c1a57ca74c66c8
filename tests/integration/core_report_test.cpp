// The terminal report on stderr: the `Starting` line, one right-aligned status line per test, the
// captured output under a failing test, a `Summary` line whose counts match the run, and colour
// only when asked for (`--color always`, or `auto` on a terminal or with CLICOLOR_FORCE) and never
// with NO_COLOR or into a pipe by default.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Variables that would change ptest's colour decision; every test here starts without them.
const std::vector<std::string> k_color_variables = {"NO_COLOR", "CLICOLOR_FORCE", "FORCE_COLOR",
                                                    "TERM"};

/// Two binaries and four selected tests: two pass, two fail.
std::vector<std::string> mixed_run(std::vector<std::string> extra) {
    std::vector<std::string> args = {"run",           "--no-fail-fast",
                                     "--binary",      fixture("gtest_basic").string(),
                                     "--binary",      fixture("doctest_basic").string(),
                                     "--exact",       "Math.Adds",
                                     "Math.Compares", "adds numbers",
                                     "fails a check"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

Options without_color_variables(const TempDir& dir) {
    Options options;
    options.cwd = dir.path();
    options.unset = k_color_variables;
    return options;
}

bool has_escape(const std::string& text) {
    return contains(text, "\x1b[");
}

} // namespace

TEST_SUITE("integration::core::report") {

    TEST_CASE("the report starts, prints one status line per test, and sums up the run") {
        TempDir dir;
        Result result = run_ptest(mixed_run({"--color", "never"}), without_color_variables(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.out.empty()); // The report goes to stderr.

        std::vector<std::string> lines = lines_of(result.err);
        CHECK(contains(result.err, "ptest run ID "));
        CHECK(contains(result.err, "    Starting 4 tests across 2 binaries ("));

        static const std::regex k_status(
            R"(^ {0,11}([A-Z]+) \[ {0,3}[0-9]+\.[0-9]{3}s\] (gtest_basic|doctest_basic) (.+)$)");
        std::vector<std::string> statuses;
        for (const std::string& line : lines) {
            std::smatch match;
            if (line.rfind("     Summary", 0) == 0) {
                break;
            }
            if (std::regex_match(line, match, k_status)) {
                // The status word is right-aligned in 12 columns.
                CHECK(line.find(" [") == 12);
                statuses.push_back(match[1].str() + " " + match[2].str() + " " + match[3].str());
            }
        }
        std::sort(statuses.begin(), statuses.end());
        CHECK(statuses == std::vector<std::string>{
                              "FAIL doctest_basic fails a check", "FAIL gtest_basic Math.Compares",
                              "PASS doctest_basic adds numbers", "PASS gtest_basic Math.Adds"});

        static const std::regex k_summary(
            R"(\n {5}Summary \[ {0,3}[0-9]+\.[0-9]{3}s\] 4 tests run: 2 passed, 2 failed, [0-9]+ skipped\n)");
        CHECK(std::regex_search(result.err, k_summary));
        // The failures are listed again after the summary.
        std::size_t summary = result.err.find("     Summary [");
        REQUIRE(summary != std::string::npos);
        CHECK(contains(result.err.substr(summary), "FAIL ["));
        CHECK(contains(result.err.substr(summary), "gtest_basic Math.Compares\n"));
    }

    TEST_CASE("a failing test's captured output follows its status line") {
        TempDir dir;
        Result result = run_ptest(mixed_run({"--color", "never"}), without_color_variables(dir));
        INFO("stderr:\n" << result.err);
        std::size_t fail = result.err.find("FAIL [");
        REQUIRE(fail != std::string::npos);
        std::size_t gtest_fail = result.err.find("] gtest_basic Math.Compares\n");
        std::size_t header = result.err.find("--- STDOUT:", gtest_fail);
        REQUIRE(gtest_fail != std::string::npos);
        REQUIRE(header != std::string::npos);
        std::size_t header_end = result.err.find('\n', header);
        CHECK(
            contains(result.err.substr(header, header_end - header), "gtest_basic Math.Compares"));
        std::size_t message = result.err.find("Expected equality of these values:", header);
        CHECK(message != std::string::npos);
        CHECK(message < result.err.find("     Summary ["));

        // doctest sends every reporter to one stream, so its XML report to a file replaces its
        // console report: the case's captured output is its own, and the failure lines, rendered
        // from the report, go to JUnit (integration::doctest_report checks them).
        std::size_t doctest_fail = result.err.find("] doctest_basic fails a check\n");
        REQUIRE(doctest_fail != std::string::npos);
        CHECK(result.err.find("[doctest] Status: FAILURE!", doctest_fail) == std::string::npos);
        // Passing tests' output is not shown by default.
        CHECK_FALSE(contains(result.err, "Note: Google Test filter = Math.Adds\n"));
    }

    TEST_CASE("colour is written only when asked for") {
        TempDir dir;
        Options plain = without_color_variables(dir);

        Result by_default = run_ptest(mixed_run({}), plain);
        CHECK(by_default.exit_code == 100);
        CHECK_FALSE(has_escape(by_default.err)); // A pipe is no terminal.

        Result always = run_ptest(mixed_run({"--color", "always"}), plain);
        CHECK(always.exit_code == 100);
        CHECK(has_escape(always.err));

        Result never = run_ptest(mixed_run({"--color", "never"}), plain);
        CHECK_FALSE(has_escape(never.err));

        Options forced = plain;
        forced.env["CLICOLOR_FORCE"] = "1";
        Result auto_forced = run_ptest(mixed_run({"--color", "auto"}), forced);
        CHECK(has_escape(auto_forced.err));

        // NO_COLOR wins over CLICOLOR_FORCE for `auto`, but not over `always`.
        forced.env["NO_COLOR"] = "1";
        Result no_color = run_ptest(mixed_run({"--color", "auto"}), forced);
        CHECK(no_color.exit_code == 100);
        CHECK_FALSE(has_escape(no_color.err));
        Result still_always = run_ptest(mixed_run({"--color", "always"}), forced);
        CHECK(has_escape(still_always.err));
    }

    TEST_CASE("on a terminal, auto colours unless NO_COLOR is set") {
        TempDir dir;
        // `script` gives ptest a pseudo-terminal; its transcript (stdout) holds what ptest wrote.
        std::string command = ptest_exe().string();
        for (const std::string& arg : mixed_run({"--color", "auto"})) {
            command += " '" + arg + "'";
        }
        // `script` may stop reading the terminal as soon as its child exits, so give it a moment
        // to drain ptest's last lines before the shell exits with ptest's status.
        command += "; status=$?; sleep 0.3; exit $status";
        Options tty = without_color_variables(dir);
        tty.env["TERM"] = "xterm";
        tty.env["SHELL"] = "/bin/sh"; // `script` runs the command with $SHELL -c.
        Result coloured = run("/usr/bin/script", {"-qefc", command, "/dev/null"}, tty);
        INFO("transcript:\n" << coloured.out);
        CHECK(coloured.exit_code == 100);
        CHECK(contains(coloured.out, "Starting"));
        CHECK(std::regex_search(coloured.out, std::regex("\x1b\\[[0-9;]*m")));

        tty.env["NO_COLOR"] = "1";
        Result uncoloured = run("/usr/bin/script", {"-qefc", command, "/dev/null"}, tty);
        INFO("transcript (NO_COLOR):\n" << uncoloured.out);
        CHECK(uncoloured.exit_code == 100);
        CHECK(contains(uncoloured.out, "Starting"));
        // Without colour, a smart terminal still gets progress-line control sequences, so look
        // for SGR (colour) sequences only.
        CHECK_FALSE(std::regex_search(uncoloured.out, std::regex("\x1b\\[[0-9;]*m")));
    }

} // TEST_SUITE
