// A ctest user's first commands (issue 17): ctest's `-E NAME`, `-R`, `-L`, `--timeout` and
// `--output-on-failure` on the real ptest and fixtures, and `ptest run` inside a CMake build tree.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

std::string command_of(const std::vector<std::string>& args) {
    std::string command = "ptest";
    for (const std::string& arg : args) {
        command += " " + arg;
    }
    return command;
}

/// The `binary test` lines `ptest list` prints for `args`, after checking it exits 0.
std::string listed(const TempDir& dir, const std::vector<std::string>& args) {
    Result result = run_ptest(args, in_dir(dir));
    INFO("command: " << command_of(args));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    return result.out;
}

} // namespace

TEST_SUITE("integration::cli::ctest") {

    TEST_CASE("-E with a bare test name says -E takes an expression and suggests --skip") {
        TempDir dir;
        const std::vector<std::string> args = {"run", "--binary", fixture("gtest_basic").string(),
                                               "-E", "Gcd"};
        Result result = run_ptest(args, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 94);
        CHECK(lines_of(result.err).size() == 1);
        CHECK(contains(result.err, "ptest: error: -E takes a filter expression, not a test name"));
        CHECK(contains(result.err, "`--skip Gcd`"));
        CHECK(contains(result.err, "`-E 'test(Gcd)'`"));
        // A real expression still gets the parser's own message, with its caret.
        Result unknown = run_ptest(
            {"list", "--binary", fixture("gtest_basic").string(), "-E", "Gcd(x)"}, in_dir(dir));
        CHECK(unknown.exit_code == 94);
        CHECK(contains(unknown.err, "unknown predicate `Gcd`"));
    }

    TEST_CASE("-R selects the tests whose name matches, as -E 'test(/REGEX/)' does") {
        TempDir dir;
        const std::string binary = fixture("gtest_basic").string();
        const std::string by_regex = listed(dir, {"list", "--binary", binary, "-R", "^Math\\."});
        CHECK(by_regex == listed(dir, {"list", "--binary", binary, "-E", "test(/^Math\\./)"}));
        CHECK(contains(by_regex, "gtest_basic Math.Adds\n"));
        CHECK_FALSE(contains(by_regex, "Crash."));
        Result bad = run_ptest({"run", "--binary", binary, "-R", "("}, in_dir(dir));
        CHECK(bad.exit_code == 94);
        CHECK(contains(bad.err, "ptest: error: -R (: invalid regex"));
    }

    TEST_CASE("-L selects by label, and with -R a test must match both, as in ctest") {
        TempDir dir;
        const std::string binary = fixture("catch2v3_hostile").string();
        const std::string by_label = listed(dir, {"list", "--binary", binary, "-L", "quick"});
        CHECK(!by_label.empty());
        CHECK(by_label == listed(dir, {"list", "--binary", binary, "-E", "label(/quick/)"}));
        const std::string both =
            listed(dir, {"list", "--binary", binary, "-L", "quick", "-R", "^$never"});
        CHECK(both.empty());
    }

    TEST_CASE("--timeout SECONDS terminates a hanging test as slow-timeout with terminate-after "
              "1 does") {
        TempDir dir;
        Result result =
            run_ptest({"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "--exact", "Hang.Forever", "--timeout", "0.5"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "TIMEOUT ["));
        CHECK(result.seconds < 30);
        CHECK(result.leftovers.empty());
        Result bad = run_ptest(
            {"run", "--binary", fixture("gtest_basic").string(), "--timeout", "soon"}, in_dir(dir));
        CHECK(bad.exit_code == 2);
        CHECK(contains(bad.err, "ptest: error: invalid --timeout `soon`"));
    }

    TEST_CASE("--output-on-failure is accepted and shows a failing test's output") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfailure-output = \"never\"\n");
        Result result =
            run_ptest({"run", "--color", "never", "--binary", fixture("gtest_basic").string(),
                       "--exact", "Math.Compares", "--output-on-failure"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Expected equality of these values:"));
    }

    TEST_CASE("ptest run inside a CMake build tree suggests --build-dir .") {
        TempDir dir;
        write_file(dir / "CMakeCache.txt", "# This is the CMakeCache file.\n");
        write_file(dir / "CTestTestfile.cmake", "# CMake generated Testfile\n");
        Result result = run_ptest({"run"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 96);
        CHECK(lines_of(result.err).size() == 1);
        CHECK(contains(result.err, "this directory is a CMake build tree"));
        CHECK(contains(result.err, "`ptest run --build-dir .`"));
    }

    TEST_CASE("-j=-1 means CPUs minus one, as -j -1 does") {
        TempDir dir;
        for (const std::vector<std::string>& threads :
             {std::vector<std::string>{"-j=-1"}, std::vector<std::string>{"-j", "-1"}}) {
            std::vector<std::string> args = {"run", "--binary", fixture("gtest_basic").string(),
                                             "--exact", "Math.Adds"};
            args.insert(args.end(), threads.begin(), threads.end());
            Result result = run_ptest(args, in_dir(dir));
            INFO("command: " << command_of(args));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 0);
        }
    }

} // TEST_SUITE
