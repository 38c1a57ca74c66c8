// Selecting tests on the command line, as nextest does: positional filters match a substring of
// the test name (a test runs if any filter matches), `--exact` makes filters and `--skip` match
// whole names, `--skip` is repeatable, and `--run-ignored only|all` runs disabled, hidden and
// skip()-decorated cases, which then pass or fail by themselves.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

/// A run's outcome: the exit code and every `binary name` that got a live status line.
struct Ran {
    int exit_code = -1;
    std::set<std::string> tests;
    std::string err;
};

Ran run_selected(std::vector<std::string> args) {
    TempDir dir;
    std::vector<std::string> full = {"run", "--no-fail-fast", "--status-level",
                                     "all", "--color",        "never"};
    full.insert(full.end(), args.begin(), args.end());
    Result result = run_ptest(full, in_dir(dir.path()));
    static const std::regex k_status(R"(^ {0,11}([A-Z0-9 ]+) \[ *[0-9]+\.[0-9]{3}s\] (.+)$)");
    Ran ran;
    ran.exit_code = result.exit_code;
    ran.err = result.err;
    std::istringstream in(result.err);
    for (std::string line; std::getline(in, line) && line.rfind("     Summary [", 0) != 0;) {
        std::smatch match;
        if (std::regex_match(line, match, k_status)) {
            ran.tests.insert(match[2]);
        }
    }
    CHECK(result.leftovers.empty());
    return ran;
}

std::vector<std::string> with_binaries(std::vector<std::string> args,
                                       const std::vector<std::string>& binaries) {
    for (const std::string& binary : binaries) {
        args.push_back("--binary");
        args.push_back(fixture(binary).string());
    }
    return args;
}

using Names = std::set<std::string>;

} // namespace

TEST_SUITE("integration::core::filter") {

    TEST_CASE("positional filters select the tests whose name contains any of them") {
        Ran ran =
            run_selected(with_binaries({"Adds", "Skip.", "Param.NonNegative/"}, {"gtest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 0);
        CHECK(ran.tests == Names{"gtest_basic Math.Adds", "gtest_basic Skip.NotOnThisMachine",
                                 "gtest_basic Small/Param.NonNegative/0",
                                 "gtest_basic Small/Param.NonNegative/1",
                                 "gtest_basic Small/Param.NonNegative/2",
                                 "gtest_basic Named/Param.NonNegative/three",
                                 "gtest_basic Named/Param.NonNegative/forty"});
        CHECK(contains(ran.err, "Starting 7 tests across 1 binary (15 tests skipped)"));
    }

    TEST_CASE("filters apply to every binary and match the name, not the binary id") {
        Ran ran = run_selected(with_binaries({"adds numbers", "gtest_basic"},
                                             {"gtest_basic", "catch2_basic", "doctest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 0);
        CHECK(ran.tests == Names{"catch2_basic adds numbers", "doctest_basic adds numbers"});
    }

    TEST_CASE("--exact matches whole names only") {
        Ran ran = run_selected(with_binaries({"--exact", "Math.Adds", "Math", "has sections"},
                                             {"gtest_basic", "catch2_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 0);
        CHECK(ran.tests == Names{"gtest_basic Math.Adds", "catch2_basic has sections"});
    }

    TEST_CASE("--skip is repeatable and removes tests whose name contains it") {
        Ran ran = run_selected(
            with_binaries({"Math", "Crash", "Exit", "--skip", "Compares", "--skip", "Crash.Seg"},
                          {"gtest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 100); // Crash.Aborts and the two Exit cases fail.
        CHECK(ran.tests == Names{"gtest_basic Math.Adds", "gtest_basic Crash.Aborts",
                                 "gtest_basic Exit.PrematureZero",
                                 "gtest_basic Exit.CallsExitThree"});
    }

    TEST_CASE("with --exact, --skip also matches whole names") {
        Ran ran = run_selected(with_binaries(
            {"Math.", "--exact", "--skip", "Math.Compares", "--skip", "Math"}, {"gtest_basic"}));
        INFO("stderr:\n" << ran.err);
        // `Math.` is no whole name, so nothing is selected at all.
        CHECK(ran.exit_code == 4);
        CHECK(ran.tests.empty());

        Ran exact = run_selected(with_binaries(
            {"--exact", "Math.Adds", "Math.Compares", "--skip", "Math.Compares", "--skip", "Math"},
            {"gtest_basic"}));
        INFO("stderr:\n" << exact.err);
        CHECK(exact.exit_code == 0);
        CHECK(exact.tests == Names{"gtest_basic Math.Adds"});
    }

    TEST_CASE("--run-ignored only runs the disabled, hidden and skip()-decorated cases") {
        Ran ran = run_selected(with_binaries({"--run-ignored", "only"},
                                             {"gtest_basic", "catch2_basic", "doctest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 0); // They all pass when they run.
        CHECK(ran.tests == Names{"gtest_basic Math.DISABLED_Divides",
                                 "gtest_basic DISABLED_Pending.Works", "catch2_basic hidden by dot",
                                 "catch2_basic hidden integration", "catch2_basic hidden by bang",
                                 "doctest_basic is skipped by decorator"});
        CHECK(contains(ran.err, "6 tests run: 6 passed"));
    }

    TEST_CASE("--run-ignored all runs ignored and ordinary cases together") {
        Ran ran = run_selected(with_binaries({"--run-ignored", "all", "Math."}, {"gtest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 100); // Math.Compares fails, as the model says.
        CHECK(ran.tests == Names{"gtest_basic Math.Adds", "gtest_basic Math.Compares",
                                 "gtest_basic Math.DISABLED_Divides"});
        CHECK(contains(ran.err, "3 tests run: 2 passed, 1 failed"));
    }

    TEST_CASE("by default ignored cases are not run, even when a filter names them") {
        Ran ran = run_selected(with_binaries({"DISABLED_"}, {"gtest_basic"}));
        INFO("stderr:\n" << ran.err);
        CHECK(ran.exit_code == 4);
        CHECK(ran.tests.empty());
        CHECK(contains(ran.err, "ptest: error: no tests to run"));
    }

} // TEST_SUITE

TEST_SUITE("integration::core::filter") {

    TEST_CASE("--binary-id keeps only the binaries whose id matches the glob") {
        TempDir dir;
        Result result = run_ptest({"list", "--binary", fixture("gtest_basic").string(), "--binary",
                                   fixture("catch2_basic").string(), "--binary",
                                   fixture("doctest_basic").string(), "--binary-id", "*_basic",
                                   "--binary-id", "doctest*"},
                                  {dir.path(), {}, {}});
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "gtest_basic Math.Adds"));
        CHECK(contains(result.out, "doctest_basic "));
        Result only = run_ptest({"list", "--binary", fixture("gtest_basic").string(), "--binary",
                                 fixture("catch2_basic").string(), "--binary-id", "catch2*"},
                                {dir.path(), {}, {}});
        CHECK(only.exit_code == 0);
        CHECK_FALSE(contains(only.out, "gtest_basic "));
        CHECK(contains(only.out, "catch2_basic "));
        Result none = run_ptest(
            {"list", "--binary", fixture("gtest_basic").string(), "--binary-id", "nothing*"},
            {dir.path(), {}, {}});
        CHECK(none.exit_code == 96);
        CHECK(contains(none.err, "ptest: error: no test binary id matches --binary-id (ids: "
                                 "gtest_basic)"));
    }

} // TEST_SUITE
