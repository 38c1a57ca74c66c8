// One process per test case, and the environment each process sees: every case of a binary runs
// in a process of its own (its captured output shows a run of exactly that case), a premature
// `_Exit(0)` is a failure, GoogleTest's and ptest's own variables from the outside do not reach
// the tests, ptest's `PTEST_ATTEMPT` does, and a `[[binary]]` table's `env` is applied.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

/// The status lines of the live report (everything before the `Summary` line).
std::vector<std::string> live_status_lines(const std::string& err) {
    static const std::regex k_status(R"(^ {0,11}[A-Z0-9 ]+ \[ *[0-9]+\.[0-9]{3}s\] (\S+) (.+)$)");
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("     Summary [", 0) == 0) {
            break;
        }
        if (std::regex_match(line, k_status)) {
            lines.push_back(line);
        }
    }
    return lines;
}

/// The model's non-ignored cases of `binary`.
std::vector<ExpectedCase> runnable_cases(const std::string& binary) {
    std::vector<ExpectedCase> cases;
    for (const ExpectedCase& expected : expected_cases()) {
        if (expected.binary == binary && expected.outcome != "ignored") {
            cases.push_back(expected);
        }
    }
    return cases;
}

const char* const k_junit_config = "[profile.default]\nfail-fast = false\n"
                                   "[profile.default.junit]\npath = \"junit.xml\"\n"
                                   "store-success-output = true\n";

} // namespace

TEST_SUITE("integration::core::process") {

    TEST_CASE("every case of gtest_basic runs alone in its own process with -j 2") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_junit_config);
        Result result = run_ptest({"run", "-j", "2", "--status-level", "all", "--color", "never",
                                   "--binary", fixture("gtest_basic").string()},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());

        // One live status line per case that runs, and none for the ignored ones.
        std::vector<ExpectedCase> cases = runnable_cases("gtest_basic");
        std::vector<std::string> lines = live_status_lines(result.err);
        CHECK(lines.size() == cases.size());
        for (const ExpectedCase& expected : cases) {
            CAPTURE(expected.name);
            std::size_t found = 0;
            for (const std::string& line : lines) {
                std::string suffix = "] gtest_basic " + expected.name;
                if (line.size() >= suffix.size() &&
                    line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0) {
                    ++found;
                }
            }
            CHECK(found == 1);
        }
        // The ignored cases are reported skipped, without a duration: they never ran.
        CHECK(contains(result.err, "        SKIP [         ] gtest_basic Math.DISABLED_Divides\n"));
        CHECK(
            contains(result.err, "        SKIP [         ] gtest_basic DISABLED_Pending.Works\n"));

        // Each case's captured stdout is a whole gtest run of that one case: its own banner and
        // its own filter, so no process ran two cases.
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        std::set<std::string> seen;
        for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
            std::string name = node.node().attribute("name").as_string();
            std::string out = node.node().child("system-out").text().as_string();
            CAPTURE(name);
            CHECK(count_of(out, "Running main() from") == 1);
            CHECK(count_of(out, "Note: Google Test filter = ") == 1);
            CHECK(contains(out, "Note: Google Test filter = " + name + "\n"));
            CHECK(count_of(out, "[ RUN      ] ") == 1);
            seen.insert(name);
        }
        CHECK(seen.size() == cases.size());
    }

    TEST_CASE("a case that calls _Exit(0) mid-test fails with the reason") {
        TempDir dir;
        Result result = run_ptest({"run", "--color", "never", "--exact", "Exit.PrematureZero",
                                   "--binary", fixture("gtest_basic").string()},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(std::regex_search(
            result.err,
            std::regex(R"(\n {8}FAIL \[ *[0-9.]+s\] gtest_basic Exit\.PrematureZero\n)")));
        CHECK(contains(result.err, "exited with code 0 before the test case finished"));
        CHECK(contains(result.err, "exit: before _Exit")); // The captured output is shown.
        CHECK(contains(result.err, "1 test run: 0 passed, 1 failed"));
    }

    TEST_CASE("GTEST_ variables in ptest's environment do not reach the listing or the tests") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_junit_config);
        // Left in place, GTEST_FILTER would empty the listing, GTEST_REPEAT would run each case
        // three times, and GTEST_OUTPUT would make gtest write an XML file.
        Options options =
            in_dir(dir.path(), {{"GTEST_FILTER", "Nothing"},
                                {"GTEST_ALSO_RUN_DISABLED_TESTS", "1"},
                                {"GTEST_REPEAT", "3"},
                                {"GTEST_OUTPUT", "xml:" + (dir / "leaked.xml").string()}});
        Result result = run_ptest(
            {"run", "--color", "never", "--binary", fixture("gtest_basic").string(), "Math."},
            options);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // Math.Compares fails, as the model says.
        CHECK(contains(result.err, "Starting 2 tests across 1 binary"));
        CHECK(contains(result.err, "2 tests run: 1 passed, 1 failed"));
        CHECK_FALSE(fs::exists(dir / "leaked.xml"));
        std::string junit = read_file(dir / "junit.xml");
        CHECK_FALSE(contains(junit, "Repeating all tests"));
        CHECK_FALSE(contains(junit, "DISABLED_"));
    }

    TEST_CASE("PTEST_ATTEMPT reaches the child: a flaky case fails alone and passes on a retry") {
        TempDir dir;
        // An outer PTEST_ATTEMPT must not leak in: ptest sets its own.
        Options options = in_dir(dir.path(), {{"PTEST_ATTEMPT", "2"}});
        std::vector<std::string> args = {"run",
                                         "--color",
                                         "never",
                                         "--exact",
                                         "Flaky.PassesOnSecondAttempt",
                                         "--binary",
                                         fixture("gtest_behaviour").string()};
        Result once = run_ptest(args, options);
        INFO("stderr:\n" << once.err);
        CHECK(once.exit_code == 100);
        CHECK(contains(once.err, "Expected: (attempt()) >= (2), actual: 1 vs 2"));

        args.insert(args.end(), {"--retries", "1"});
        Result retried = run_ptest(args, options);
        INFO("stderr (retried):\n" << retried.err);
        CHECK(retried.exit_code == 0);
        CHECK(contains(retried.err, "TRY 2 PASS"));
        CHECK(contains(retried.err, "1 test run: 1 passed (1 flaky)"));
    }

    TEST_CASE("a [[binary]] table's env reaches its tests and its listing") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   std::string(k_junit_config) + "[[binary]]\npath = \"" +
                       fixture("gtest_behaviour").string() +
                       "\"\nenv = { PTEST_FIXTURE_NOISE_MIB = \"0\", FOO = \"bar\" }\n");
        Result result = run_ptest({"run", "--color", "never", "--exact", "Noisy.SixteenMiB"},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        std::string out = doc.select_node("//testcase[@name='Noisy.SixteenMiB']/system-out")
                              .node()
                              .text()
                              .as_string();
        CHECK(contains(out, "noisy: done"));
        CHECK(out.size() < 4096); // Without the variable it prints 16 MiB.

        // The listing gets the binary's variables too.
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + fixture("gtest_list_misbehaves").string() +
                       "\"\nenv = { PTEST_FIXTURE_LIST_MODE = \"garbage\" }\n");
        Result listed = run_ptest({"list"}, in_dir(dir.path()));
        CHECK(listed.exit_code == 104);
        CHECK(contains(listed.err, "ptest: error: could not list the tests of "
                                   "`gtest_list_misbehaves`"));
    }

} // TEST_SUITE
