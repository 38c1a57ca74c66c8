// fail-fast on the real fixtures: the default profile stops starting tests after the first
// failure and says how many were not run; `--no-fail-fast` runs everything; `--max-fail 3` stops
// after the third failure; `terminate = "immediate"` cancels a hanging test at once.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Run every case of `gtest_basic` one at a time from `dir` (no configuration: the defaults).
Result run_basic_serially(const TempDir& dir, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"run",
                                     "--binary",
                                     fixture("gtest_basic").string(),
                                     "--color",
                                     "never",
                                     "-j",
                                     "1",
                                     "--failure-output",
                                     "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

} // namespace

TEST_SUITE("integration::profiles") {

    TEST_CASE("the default profile stops after the first failure and warns what was not run") {
        TempDir dir;
        Result result = run_basic_serially(dir, {});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        // In list order, Math.Adds passes and Math.Compares is the first failure.
        CHECK(contains(result.err, "FAIL [   "));
        CHECK(contains(result.err, "gtest_basic Math.Compares"));
        CHECK(!contains(result.err, "Crash.Segfault"));
        CHECK(contains(result.err, "2/20 tests run: 1 passed, 1 failed"));
        CHECK(contains(result.err, "warning: 18/20 tests were not run due to test failure"));
    }

    TEST_CASE("--no-fail-fast runs every test whatever fails") {
        TempDir dir;
        Result result = run_basic_serially(dir, {"--no-fail-fast"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Summary ["));
        CHECK(contains(result.err, "] 20 tests run: "));
        CHECK(!contains(result.err, "tests were not run"));
        CHECK(!contains(result.err, "Cancelling"));
    }

    TEST_CASE("--max-fail 3 stops after the third failure") {
        TempDir dir;
        Result result = run_basic_serially(dir, {"--max-fail", "3"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "4/20 tests run: 1 passed, 3 failed"));
        CHECK(contains(result.err, "warning: 16/20 tests were not run due to test failure"));
    }

    TEST_CASE("fail-fast with terminate immediate cancels a hanging test at once") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\n"
                   "fail-fast = { max-fail = 1, terminate = \"immediate\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--binary",
                       fixture("gtest_basic").string(), "--color", "never", "-j", "2",
                       "--failure-output", "never", "--exact", "Hang.Forever", "Math.Compares"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        // Hang.Forever alone would run for 300 s; cancelled, it ends on SIGTERM at once. 8 s is
        // margin for a loaded machine over the second the whole run takes.
        CHECK(result.seconds < 8.0);
        CHECK(contains(result.err, "Cancelling due to test failure"));
        CHECK(contains(result.err, "CANCEL ["));
        CHECK(contains(result.err, "1 failed, 1 cancelled"));

        fs::path junit = dir / "junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        pugi::xpath_node error = doc.select_node("//testcase[@name='Hang.Forever']/error");
        REQUIRE(error);
        CHECK(std::string(error.node().attribute("type").as_string()) == "test cancelled");
        std::string message = error.node().attribute("message").as_string();
        CHECK_MESSAGE(message.starts_with("cancelled by SIGTERM after "), message);
        CHECK(doc.select_node("//testcase[@name='Math.Compares']/failure"));
    }

    TEST_CASE("a flaky pass is no failure for fail-fast, a failure on every attempt is") {
        TempDir dir;
        Result result = run_ptest(
            {"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never", "-j", "1",
             "--retries", "1", "--failure-output", "never", "--exact",
             "Flaky.PassesOnSecondAttempt", "Flaky.PassesEveryThirdAttempt", "Quick.Passes"},
            in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        // In list order: the flaky pass, then the case failing both attempts stops the run.
        CHECK(contains(result.err, "2/3 tests run: 1 passed (1 flaky), 1 failed"));
        CHECK(contains(result.err, "warning: 1/3 tests were not run due to test failure"));
    }

} // TEST_SUITE
