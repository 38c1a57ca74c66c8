// Status levels and output display on the real fixtures: which live result lines, which closing
// list entries and which captured outputs the terminal report shows, and what the JUnit file
// stores (`type` strings, `message`, store-success-output, store-failure-output).
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// The live part of the terminal report, before the `Summary` line.
std::string live_part(const std::string& err) {
    return err.substr(0, err.find("Summary ["));
}

/// Math.Adds (pass), Math.Compares (fail) and Output.PrintsBothStreams (pass) of `gtest_basic`.
Result run_three(const std::vector<std::string>& extra) {
    TempDir dir;
    std::vector<std::string> args = {"run",       "--binary",       fixture("gtest_basic").string(),
                                     "--color",   "never",          "-j",
                                     "2",         "--no-fail-fast", "--exact",
                                     "Math.Adds", "Math.Compares",  "Output.PrintsBothStreams"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

/// A flaky pass, a test failing both attempts and a quick pass of `gtest_behaviour`. Fail-fast is
/// off: otherwise, when the failing test finishes before the quick one starts, the quick one is
/// never run (which depends on scheduling, and made this test fail 1 time in 20).
Result run_flaky(const std::string& final_level) {
    TempDir dir;
    return run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                      "-j", "2", "--no-fail-fast", "--retries", "1", "--failure-output", "never",
                      "--final-status-level", final_level, "--exact", "Flaky.PassesOnSecondAttempt",
                      "Flaky.PassesEveryThirdAttempt", "Quick.Passes"},
                     in_dir(dir));
}

} // namespace

TEST_SUITE("integration::profiles") {

    TEST_CASE("status-level fail shows failures and hides passes") {
        Result result = run_three({"--status-level", "fail"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        std::string live = live_part(result.err);
        CHECK(contains(live, "FAIL ["));
        CHECK(!contains(live, "PASS ["));
    }

    TEST_CASE("status-level none shows no result lines") {
        Result result = run_three({"--status-level", "none", "--failure-output", "never"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        std::string live = live_part(result.err);
        CHECK(!contains(live, "FAIL ["));
        CHECK(!contains(live, "PASS ["));
        CHECK(contains(result.err, "3 tests run: 2 passed, 1 failed"));
    }

    TEST_CASE("final-status-level none lists nothing at the end") {
        Result result = run_flaky("none");
        INFO("stderr:\n" << result.err);
        std::string closing = closing_part(result.err);
        REQUIRE(!closing.empty());
        CHECK(!contains(closing, "Flaky."));
        CHECK(!contains(closing, "Quick.Passes"));
    }

    TEST_CASE("final-status-level fail lists only the failure at the end") {
        Result result = run_flaky("fail");
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        std::string closing = closing_part(result.err);
        CHECK(contains(closing, "Flaky.PassesEveryThirdAttempt"));
        CHECK(!contains(closing, "Flaky.PassesOnSecondAttempt"));
        CHECK(!contains(closing, "Quick.Passes"));
    }

    TEST_CASE("final-status-level flaky lists the flaky test and the failure at the end") {
        Result result = run_flaky("flaky");
        INFO("stderr:\n" << result.err);
        std::string closing = closing_part(result.err);
        CHECK(contains(closing, "Flaky.PassesEveryThirdAttempt"));
        CHECK(contains(closing, "FLAKY 2/2 ["));
        CHECK(contains(closing, "Flaky.PassesOnSecondAttempt"));
        CHECK(!contains(closing, "Quick.Passes"));
    }

    TEST_CASE("final-status-level all lists passes too") {
        Result result = run_flaky("all");
        INFO("stderr:\n" << result.err);
        std::string closing = closing_part(result.err);
        CHECK(contains(closing, "Flaky.PassesEveryThirdAttempt"));
        CHECK(contains(closing, "Flaky.PassesOnSecondAttempt"));
        CHECK(contains(closing, "PASS ["));
        CHECK(contains(closing, "Quick.Passes"));
    }

    TEST_CASE("failure-output never, final and immediate-final place the failing output") {
        const std::string marker = "--- STDOUT:              gtest_basic Math.Compares ---";
        Result never = run_three({"--failure-output", "never"});
        CHECK(!contains(never.err, marker));

        Result final_only = run_three({"--failure-output", "final"});
        INFO("final:\n" << final_only.err);
        CHECK(!contains(live_part(final_only.err), marker));
        CHECK(contains(closing_part(final_only.err), marker));

        Result both = run_three({"--failure-output", "immediate-final"});
        INFO("immediate-final:\n" << both.err);
        CHECK(contains(live_part(both.err), marker));
        CHECK(contains(closing_part(both.err), marker));
    }

    TEST_CASE("success-output immediate shows a passing test's output") {
        Result result = run_three({"--success-output", "immediate", "--failure-output", "never"});
        INFO("stderr:\n" << result.err);
        std::string live = live_part(result.err);
        CHECK(contains(live, "--- STDOUT:              gtest_basic Output.PrintsBothStreams ---"));
        CHECK(contains(live, "output: to stdout"));
        CHECK(contains(live, "--- STDERR:              gtest_basic Output.PrintsBothStreams ---"));
        CHECK(contains(live, "output: to stderr"));
        CHECK(!contains(live, "gtest_basic Math.Compares ---"));
    }

    TEST_CASE("the JUnit file types each failure and stores output as configured") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                               "[profile.default.junit]\n"
                                               "path = \"junit.xml\"\n"
                                               "store-success-output = true\n"
                                               "store-failure-output = false\n");
        Result result = run_ptest({"run", "--binary", fixture("gtest_basic").string(), "--color",
                                   "never", "-j", "2", "--exact", "Math.Compares", "Crash.Segfault",
                                   "Output.PrintsBothStreams"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        fs::path junit = dir / "junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));

        pugi::xml_node compares = doc.select_node("//testcase[@name='Math.Compares']").node();
        CHECK(std::string(compares.child("failure").attribute("type").as_string()) ==
              "test failure with exit code 1");
        std::string message = compares.child("failure").attribute("message").as_string();
        CHECK_MESSAGE(contains(message, "Expected equality of these values:"), message);
        CHECK(!compares.child("system-out"));
        CHECK(!compares.child("system-err"));

        pugi::xml_node segfault = doc.select_node("//testcase[@name='Crash.Segfault']").node();
        CHECK(std::string(segfault.child("failure").attribute("type").as_string()) == "test abort");
        CHECK(!std::string(segfault.child("failure").attribute("message").as_string()).empty());
        CHECK(!segfault.child("system-out"));

        pugi::xml_node output =
            doc.select_node("//testcase[@name='Output.PrintsBothStreams']").node();
        CHECK(!output.child("failure"));
        CHECK(contains(output.child("system-out").text().as_string(), "output: to stdout"));
        CHECK(contains(output.child("system-err").text().as_string(), "output: to stderr"));
    }

    TEST_CASE("status-level slow shows SLOW lines but not leaks or passes") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nslow-timeout = \"500ms\"\nleak-timeout = \"100ms\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                       "-j", "2", "--status-level", "slow", "--exact", "Slow.OneAndAHalfSeconds",
                       "Leak.GrandchildHoldsStdout"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::string live = live_part(result.err);
        CHECK(contains(live, "SLOW [>  0.500s] gtest_behaviour Slow.OneAndAHalfSeconds"));
        CHECK(!contains(live, "LEAK ["));
        CHECK(!contains(live, "PASS ["));
    }

    TEST_CASE("status-level fail hides SLOW lines but still shows TERMINATING") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\n"
                   "slow-timeout = { period = \"500ms\", terminate-after = 2, "
                   "grace-period = \"1s\" }\n");
        Result result = run_ptest({"run", "--binary", fixture("gtest_behaviour").string(),
                                   "--color", "never", "--status-level", "fail", "--failure-output",
                                   "never", "--exact", "Hang.Forever"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        std::string live = live_part(result.err);
        CHECK(!contains(live, "SLOW ["));
        CHECK(contains(live, "TERMINATING [>  1.000s] gtest_behaviour Hang.Forever"));
        CHECK(contains(live, "TIMEOUT ["));
    }

} // TEST_SUITE
