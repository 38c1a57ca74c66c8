// Repetition: `--stress-count N` runs the selected tests N times over (listing them once), with a
// `STRESS i/N` header and a verdict per iteration and a closing count of iterations passed and
// failed; a failing iteration stops the run unless fail-fast is off; `--stress-duration` repeats
// until the time is up; the JUnit file describes the last iteration; nothing is left running.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <signal.h>

using namespace ptest::itest;
using namespace std::chrono_literals;

namespace {

const std::string k_config = "[profile.default.junit]\npath = \"junit.xml\"\n";

} // namespace

TEST_SUITE("integration::reliability") {

    TEST_CASE("--stress-count 3 runs each selected test three times") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_config);
        Result result =
            run_ptest({"run", "Quick.Passes", "--binary", fixture("gtest_behaviour").string(),
                       "--stress-count", "3", "--color", "never"},
                      in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(count_of(result.err, "PASS [") == 3);
        CHECK(count_of(result.err, "gtest_behaviour Quick.Passes") == 3);
        CHECK(contains(result.err, "STRESS 1/3 ("));
        CHECK(contains(result.err, "STRESS 3/3 ("));
        CHECK(count_of(result.err, "Summary [") == 3);
        CHECK(count_of(result.err, ": passed\n") == 3);
        CHECK(contains(result.err, "] 3/3 iterations run: 3 passed, 0 failed\n"));
        CHECK(result.leftovers.empty());
        // The JUnit file describes the last iteration: one test case.
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        CHECK(doc.select_nodes("//testcase").size() == 1);
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("a failing iteration stops the stress run unless fail-fast is off") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_config);
        // Without retries, PTEST_ATTEMPT is always 1, so this case fails every time.
        std::vector<std::string> args{"run",
                                      "Flaky.PassesOnSecondAttempt",
                                      "--binary",
                                      fixture("gtest_behaviour").string(),
                                      "--stress-count",
                                      "3",
                                      "--color",
                                      "never"};
        SUBCASE("fail-fast (the default) stops after the first failed iteration") {
            Result result = run_ptest(args, in_dir(dir.path()));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100);
            CHECK(count_of(result.err, "FAIL [") >= 1);
            CHECK(!contains(result.err, "STRESS 2/3"));
            CHECK(contains(result.err, "] 1/3 iterations run: 0 passed, 1 failed\n"));
        }
        SUBCASE("--no-fail-fast runs every iteration") {
            args.push_back("--no-fail-fast");
            Result result = run_ptest(args, in_dir(dir.path()));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100);
            CHECK(count_of(result.err, ": failed\n") == 3);
            CHECK(contains(result.err, "] 3/3 iterations run: 0 passed, 3 failed\n"));
        }
    }

    TEST_CASE("--stress-duration repeats until the time is up") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_config);
        Result result =
            run_ptest({"run", "Quick.Passes", "--binary", fixture("gtest_behaviour").string(),
                       "--stress-duration", "1s", "--color", "never"},
                      in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(count_of(result.err, "PASS [") >= 2);
        CHECK(contains(result.err, "STRESS 2 ("));
        CHECK(contains(result.err, " iterations run: "));
        CHECK(contains(result.err, " passed, 0 failed\n"));
        // At least the 1 s of stress (real time, no margin needed); at most that plus the last
        // iteration it started, with 14 s of margin for a loaded machine.
        CHECK(result.seconds > 1.0);
        CHECK(result.seconds < 15.0);
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("an interrupt during an infinite stress run ends it after the current iteration") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nslow-timeout = { period = \"60s\", grace-period = \"1s\" "
                   "}\n" +
                       k_config);
        Running ptest(ptest_exe(),
                      {"run", "Quick.Passes", "Hang.Forever", "--binary",
                       fixture("gtest_behaviour").string(), "--stress-count", "infinite", "--color",
                       "never"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("STRESS 1 (", 30s));
        REQUIRE(ptest.wait_for_stderr("PASS [", 30s));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to interrupt: 1 test still running"));
        CHECK(!contains(result.err, "STRESS 2 ("));
        CHECK(contains(result.err, "] 1 iteration run: 0 passed, 1 failed\n"));
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

} // TEST_SUITE
