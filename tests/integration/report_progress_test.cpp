// The live progress view of `ptest run` (`--show-progress`, issue 17) on real fixtures: under a
// pseudo-terminal (`script`) the bar is drawn in place with the names of the running tests, also
// through retries, batches, stress iterations and setup scripts, and leaves nothing but the
// status lines on the screen; through a pipe the progress comes as plain lines (made due after
// every event with PTEST_PROGRESS_INTERVAL=0, so nothing here waits for a clock) and no carriage
// return ever reaches the log. The terminal is read back through a small emulator.
#include "../support/terminal_screen.hpp"
#include "harness.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

using namespace ptest::itest;
using ptest::testing::screen_text;

namespace {

/// Variables that would change what the report looks like; every test here starts without them.
const std::vector<std::string> k_report_variables = {"NO_COLOR",
                                                     "CLICOLOR_FORCE",
                                                     "FORCE_COLOR",
                                                     "TERM",
                                                     "PTEST_SHOW_PROGRESS",
                                                     "PTEST_MAX_PROGRESS_RUNNING",
                                                     "PTEST_STATUS_LEVEL",
                                                     "PTEST_FINAL_STATUS_LEVEL",
                                                     "PTEST_PROGRESS_INTERVAL",
                                                     "PTEST_ISOLATION",
                                                     "PTEST_RETRIES"};

Options plain_options(const TempDir& dir) {
    Options options;
    options.cwd = dir.path();
    options.unset = k_report_variables;
    return options;
}

/// `run --binary FIXTURE --order declared -j 1 --exact TESTS... EXTRA...`.
std::vector<std::string> run_args(const std::string& binary, const std::vector<std::string>& tests,
                                  const std::vector<std::string>& extra) {
    std::vector<std::string> args = {
        "run", "--binary", fixture(binary).string(), "--order", "declared", "-j", "1", "--exact"};
    args.insert(args.end(), tests.begin(), tests.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

/// Run ptest with `args` on a pseudo-terminal (`script`, colour off); `out` is the terminal's
/// transcript, raw.
Result run_on_pty(const TempDir& dir, const std::vector<std::string>& args) {
    std::string command = ptest_exe().string();
    for (const std::string& arg : args) {
        command += " '" + arg + "'";
    }
    // `script` may stop reading the terminal as soon as its child exits, so give it a moment to
    // drain ptest's last lines before the shell exits with ptest's status.
    command += "; status=$?; sleep 0.3; exit $status";
    Options tty = plain_options(dir);
    tty.env["TERM"] = "xterm";
    tty.env["NO_COLOR"] = "1";
    tty.env["SHELL"] = "/bin/sh"; // `script` runs the command with $SHELL -c.
    return run("/usr/bin/script", {"-qefc", command, "/dev/null"}, tty);
}

bool matches(const std::string& text, const std::string& pattern) {
    return std::regex_search(text, std::regex(pattern));
}

/// The line of the bar or of the periodic lines (`Running [hh:mm:ss] ... done/total: ...`).
const std::string k_bar_line = "Running \\[[0-9]{2}:[0-9]{2}:[0-9]{2}\\] ";

/// A running test's line under the bar: `WORD [   0.123s] binary test` (13 spaces without word).
std::string running_line(const std::string& word, const std::string& test) {
    const std::string indent(static_cast<std::size_t>(12 - static_cast<int>(word.size())), ' ');
    return "\x1b\\[K" + indent + word + " \\[ *[0-9]+\\.[0-9]{3}s\\] " + test;
}

} // namespace

TEST_SUITE("integration::progress") {

    TEST_CASE("on a terminal the bar names the running test and leaves only the status lines") {
        TempDir dir;
        Result result = run_on_pty(
            dir, run_args("gtest_basic", {"Math.Adds", "Typed/Container/0.DefaultConstructs"}, {}));
        INFO("transcript:\n" << result.out);
        CHECK(result.exit_code == 0);
        CHECK(matches(result.out,
                      "\x1b\\[K {5}" + k_bar_line + "\\[[=> ]+\\] 0/2: 1 running, 0 passed"));
        CHECK(matches(result.out, running_line("", "gtest_basic Math\\.Adds")));
        CHECK(matches(result.out,
                      running_line("", "gtest_basic Typed/Container/0\\.DefaultConstructs")));
        const std::string screen = screen_text(result.out);
        INFO("screen:\n" << screen);
        CHECK_FALSE(matches(screen, k_bar_line));
        CHECK(matches(screen, "\n {8}PASS \\[ *[0-9.]+s\\] gtest_basic Math\\.Adds\n {8}PASS "));
        CHECK(matches(screen, "\n {5}Summary \\[ *[0-9.]+s\\] 2 tests run: 2 passed"));
    }

    TEST_CASE("on a terminal a retry is named with its attempt, and stress runs start afresh") {
        TempDir dir;
        Result result = run_on_pty(dir, run_args("gtest_behaviour", {"Flaky.PassesOnSecondAttempt"},
                                                 {"--retries", "2", "--stress-count", "2"}));
        INFO("transcript:\n" << result.out);
        CHECK(result.exit_code == 0);
        CHECK(matches(result.out, running_line("DELAY", "gtest_behaviour Flaky\\.PassesOnSecond")));
        CHECK(matches(result.out, running_line("TRY 2", "gtest_behaviour Flaky\\.PassesOnSecond")));
        const std::string screen = screen_text(result.out);
        INFO("screen:\n" << screen);
        CHECK_FALSE(matches(screen, k_bar_line));
        CHECK(count_of(screen, "TRY 2 PASS [") == 2);
        CHECK(count_of(screen, "iteration 2/2: passed") == 1);
    }

    TEST_CASE("on a terminal batches and setup scripts leave no name behind") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[scripts.setup.prepare]\ncommand = \"sh -c true\"\n"
                   "capture-stdout = true\ncapture-stderr = true\n"
                   "[[profile.default.scripts]]\nfilter = \"all()\"\nsetup = \"prepare\"\n");
        Result result =
            run_on_pty(dir, run_args("gtest_basic",
                                     {"Math.Adds", "Typed/Container/0.DefaultConstructs",
                                      "Typed/Container/0.CopiesEqual"},
                                     {"--isolation", "batch"}));
        INFO("transcript:\n" << result.out);
        CHECK(result.exit_code == 0);
        CHECK(matches(result.out, running_line("SETUP", "prepare")));
        const std::string screen = screen_text(result.out);
        INFO("screen:\n" << screen);
        CHECK_FALSE(matches(screen, k_bar_line));
        CHECK(count_of(screen, "        PASS [") == 3);
        CHECK(matches(screen, "3 tests run: 3 passed"));
    }

    TEST_CASE("on a terminal only hides passing tests and keeps failures and the summary") {
        TempDir dir;
        Result result =
            run_on_pty(dir, run_args("gtest_basic", {"Math.Adds", "Math.Compares"},
                                     {"--show-progress", "only", "--failure-output", "never"}));
        INFO("transcript:\n" << result.out);
        CHECK(result.exit_code == 100);
        CHECK(matches(result.out, "\x1b\\[K {5}" + k_bar_line));
        const std::string screen = screen_text(result.out);
        INFO("screen:\n" << screen);
        CHECK_FALSE(contains(screen, "PASS ["));
        CHECK(count_of(screen, "gtest_basic Math.Compares") == 1); // Live, not in a closing list.
        CHECK(matches(screen, "\n {5}Summary \\[ *[0-9.]+s\\] 2 tests run: 1 passed, 1 failed"));
    }

    TEST_CASE("in a pipe the progress is plain lines naming the running test, with no \\r") {
        TempDir dir;
        Options options = plain_options(dir);
        options.env["PTEST_PROGRESS_INTERVAL"] = "0";
        Result result = run_ptest(
            run_args("gtest_basic", {"Math.Adds", "Typed/Container/0.DefaultConstructs"}, {}),
            options);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(matches(result.err, "\n {5}" + k_bar_line +
                                      "0/2: 1 running, 0 passed\n {13}\\[ *[0-9.]+s\\] "
                                      "gtest_basic Math\\.Adds\n"));
        CHECK(matches(result.err, "\n {5}" + k_bar_line + "1/2: 1 running, 1 passed\n"));
        CHECK_FALSE(contains(result.err, "\r"));
        CHECK_FALSE(contains(result.err, "\x1b"));
    }

    TEST_CASE("in a pipe counter numbers the finished tests, and the defaults write no \\r") {
        TempDir dir;
        const std::vector<std::string> tests = {"Math.Adds", "Typed/Container/0.DefaultConstructs"};
        Result counter = run_ptest(run_args("gtest_basic", tests, {"--show-progress", "counter"}),
                                   plain_options(dir));
        INFO("stderr:\n" << counter.err);
        CHECK(counter.exit_code == 0);
        CHECK(matches(counter.err,
                      "\n {8}PASS \\[ *[0-9.]+s\\] \\(1/2\\) gtest_basic Math\\.Adds\n"));
        CHECK(matches(counter.err, "\n {8}PASS \\[ *[0-9.]+s\\] \\(2/2\\) gtest_basic Typed/"));

        Options env = plain_options(dir);
        env.env["PTEST_SHOW_PROGRESS"] = "counter";
        CHECK(
            contains(run_ptest(run_args("gtest_basic", tests, {}), env).err, "(2/2) gtest_basic"));
        // The flag wins over the variable.
        CHECK_FALSE(contains(
            run_ptest(run_args("gtest_basic", tests, {"--show-progress", "none"}), env).err,
            "(2/2)"));

        for (const std::string how : {"auto", "bar", "only", "none"}) {
            Result result = run_ptest(run_args("gtest_basic", tests, {"--show-progress", how}),
                                      plain_options(dir));
            CHECK_MESSAGE(result.exit_code == 0, how);
            CHECK_MESSAGE(!contains(result.err, "\r"), how);
            CHECK_MESSAGE(contains(result.err, "        PASS ["), how); // only is auto in a pipe.
        }
    }

    TEST_CASE("a bad progress value is a usage error naming the flag or the variable") {
        TempDir dir;
        const std::vector<std::string> tests = {"Math.Adds"};
        Result flag = run_ptest(run_args("gtest_basic", tests, {"--show-progress", "sometimes"}),
                                plain_options(dir));
        CHECK(flag.exit_code == 2);
        CHECK(contains(flag.err, "ptest: error: invalid --show-progress value `sometimes` "
                                 "(expected auto, none, bar, counter or only)"));
        Result max = run_ptest(run_args("gtest_basic", tests, {"--max-progress-running", "many"}),
                               plain_options(dir));
        CHECK(max.exit_code == 2);
        CHECK(contains(max.err, "invalid --max-progress-running value `many`"));

        Options env = plain_options(dir);
        env.env["PTEST_SHOW_PROGRESS"] = "sometimes";
        Result variable = run_ptest(run_args("gtest_basic", tests, {}), env);
        CHECK(variable.exit_code == 2);
        CHECK(contains(variable.err, "ptest: error: PTEST_SHOW_PROGRESS: invalid --show-progress "
                                     "value `sometimes`"));
        Options interval = plain_options(dir);
        interval.env["PTEST_PROGRESS_INTERVAL"] = "soon";
        Result bad_interval = run_ptest(run_args("gtest_basic", tests, {}), interval);
        CHECK(bad_interval.exit_code == 2);
        CHECK(contains(bad_interval.err, "PTEST_PROGRESS_INTERVAL: invalid duration `soon`"));
    }

} // TEST_SUITE
