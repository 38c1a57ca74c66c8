// ptest's exit codes and its one-line error messages: success, test failure, no tests, setup
// errors (missing or non-executable binaries, duplicate ids, empty globs, unknown profiles and
// framework kinds),
// listings that fail (not a test binary, crash, hang, garbage) and command-line mistakes.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

/// The lines of `err` that start with `ptest: error: `.
std::vector<std::string> error_lines(const std::string& err) {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("ptest: error: ", 0) == 0) {
            lines.push_back(line);
        }
    }
    return lines;
}

/// Run ptest in `dir` and check it exits with `code` after exactly one error line containing
/// `message` (or none at all when `message` is empty).
void expect_exit(const TempDir& dir, const std::vector<std::string>& args, int code,
                 const std::string& message, const Options& extra = {}) {
    Options options = extra;
    options.cwd = dir.path();
    Result result = run_ptest(args, options);
    std::string command = "ptest";
    for (const std::string& arg : args) {
        command += " " + arg;
    }
    INFO("command: " << command);
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == code);
    CHECK(result.leftovers.empty());
    std::vector<std::string> errors = error_lines(result.err);
    if (message.empty()) {
        CHECK(errors.empty());
    } else {
        REQUIRE(errors.size() == 1);
        CHECK_MESSAGE(contains(errors[0], message), errors[0]);
    }
}

std::string gtest_basic() {
    return fixture("gtest_basic").string();
}

} // namespace

TEST_SUITE("integration::core::errors") {

    TEST_CASE("a run where every selected test passes exits 0") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--exact", "Math.Adds"}, 0, "");
    }

    TEST_CASE("a failing test exits 100") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--exact", "Math.Compares"}, 100, "");
    }

    TEST_CASE("no selected tests exits 4 unless --no-tests says warn or pass") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", gtest_basic(), "no-such-test"}, 4, "no tests to run");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "no-such-test", "--no-tests=warn"}, 0,
                    "");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "no-such-test", "--no-tests", "pass"},
                    0, "");
        Result warned =
            run_ptest({"run", "--binary", gtest_basic(), "no-such-test", "--no-tests=warn"},
                      in_dir(dir.path()));
        CHECK(contains(warned.err, "ptest: warning: no tests to run"));
    }

    TEST_CASE("a missing binary exits 96 naming it") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", (dir / "missing_test").string()}, 96,
                    "test binary `" + (dir / "missing_test").string() + "` (--binary) not found");
    }

    TEST_CASE("a file that is not executable exits 96") {
        TempDir dir;
        write_file(dir / "plain.txt", "not a program\n");
        ::chmod((dir / "plain.txt").c_str(), 0644);
        expect_exit(dir, {"run", "--binary", (dir / "plain.txt").string()}, 96,
                    "is not an executable file");
        // A directory is no executable file either.
        fs::create_directories(dir / "a_dir");
        expect_exit(dir, {"list", "--binary", (dir / "a_dir").string()}, 96,
                    "is not an executable file");
    }

    TEST_CASE("an executable that is not a test binary exits 104") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", fixture("not_a_test").string()}, 104,
                    "is not a GoogleTest, Catch2, doctest or Boost.Test test binary");
    }

    TEST_CASE("ptest list exits 104 naming a binary whose listing crashes, hangs or prints "
              "garbage") {
        TempDir dir;
        // The hang is cut short by the profile's list timeout.
        write_file(dir / ".config/ptest.toml", "[profile.default]\nlist-timeout = \"1s\"\n");
        const std::vector<std::string> args = {"list", "--binary",
                                               fixture("gtest_list_misbehaves").string()};
        const std::string what = "could not list the tests of `gtest_list_misbehaves`";
        expect_exit(dir, args, 104, what, in_dir({}, {{"PTEST_FIXTURE_LIST_MODE", "crash"}}));
        expect_exit(dir, args, 104, "listing was killed by SIGSEGV",
                    in_dir({}, {{"PTEST_FIXTURE_LIST_MODE", "crash"}}));
        expect_exit(dir, args, 104, "not a GoogleTest listing",
                    in_dir({}, {{"PTEST_FIXTURE_LIST_MODE", "garbage"}}));
        // A listing that only exits non-zero says so once.
        Result failed = run_ptest(args, in_dir(dir.path(), {{"PTEST_FIXTURE_LIST_MODE", "fail"}}));
        CHECK(failed.exit_code == 104);
        CHECK(contains(failed.err, what + " (" + fixture("gtest_list_misbehaves").string() +
                                       "): GoogleTest listing exited with code 1\n"));

        Result hung = run_ptest(args, in_dir(dir.path(), {{"PTEST_FIXTURE_LIST_MODE", "hang"}}));
        INFO("stderr:\n" << hung.err);
        CHECK(hung.exit_code == 104);
        CHECK(contains(hung.err, "ptest: error: " + what));
        CHECK(contains(hung.err, "listing timed out after 1.0s; raise `list-timeout`"));
        // Killed at the 1 s list-timeout, not after the fixture's 300 s: 9 s of margin for a
        // loaded machine.
        CHECK(hung.seconds < 10);
        CHECK(hung.leftovers.empty());

        // `ptest run` reports the failed listing as a failed test (listing_failure_test.cpp).
        Result run = run_ptest(
            {"run", "--color", "never", "--binary", fixture("gtest_list_misbehaves").string()},
            in_dir(dir.path(), {{"PTEST_FIXTURE_LIST_MODE", "garbage"}}));
        INFO("run stderr:\n" << run.err);
        CHECK(run.exit_code == 100);
        CHECK(error_lines(run.err).empty());
        CHECK(contains(run.err, "FAIL [   0.000s] gtest_list_misbehaves (listing)"));

        // Unset, the same binary lists and runs normally.
        expect_exit(dir, {"run", "--binary", fixture("gtest_list_misbehaves").string()}, 0, "");
    }

    TEST_CASE("two [[binary]] tables with the same id exit 96 naming both paths") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" + gtest_basic() +
                                                   "\"\nid = \"same\"\n" + "[[binary]]\npath = \"" +
                                                   fixture("catch2_basic").string() +
                                                   "\"\nid = \"same\"\n");
        expect_exit(dir, {"list"}, 96,
                    "duplicate binary id `same`: used by `" + gtest_basic() +
                        "` (binary[0]) and `" + fixture("catch2_basic").string() + "` (binary[1])");
    }

    TEST_CASE("a configured binary and a --binary with the same id exit 96 naming both paths") {
        TempDir dir;
        fs::create_directories(dir / "other");
        fs::copy_file(fixture("gtest_basic"), dir / "other/gtest_basic");
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" + gtest_basic() + "\"\n");
        Result result = run_ptest({"list", "--binary", (dir / "other/gtest_basic").string()},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 96);
        std::vector<std::string> errors = error_lines(result.err);
        REQUIRE(errors.size() == 1);
        CHECK(contains(errors[0], "two test binaries have the id `gtest_basic`"));
        CHECK(contains(errors[0], "`" + gtest_basic() + "`"));
        CHECK(contains(errors[0], "`" + (dir / "other/gtest_basic").string() + "`"));
    }

    TEST_CASE("a kind no framework adapter has exits 96 before anything runs, pointing at it") {
        TempDir dir;
        // The file's warnings come first, as a compiler's do: they may explain the error.
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + gtest_basic() + "\"\nkind = \"cppunit\"\nbogus = 1\n");
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"run"}, {"list"}, {"show-config", "profile"}}) {
            Result result = run_ptest(args, in_dir(dir.path()));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 96);
            CHECK(result.out.empty());
            CHECK(result.err ==
                  ".config/ptest.toml:4:1: warning: ignoring unknown configuration key "
                  "`binary[0].bogus`\n"
                  "ptest: error: .config/ptest.toml:3:8: `binary[0].kind`: unknown binary kind "
                  "`cppunit` (valid values: auto, gtest, catch2, doctest, boost, command)\n"
                  "kind = \"cppunit\"\n       ^\n");
        }
    }

    TEST_CASE("a binary glob that matches nothing exits 96") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"bin/*_test\"\n");
        expect_exit(dir, {"list"}, 96, "binary glob `bin/*_test`");
        expect_exit(dir, {"list"}, 96, "matched no file");
    }

    TEST_CASE("an unknown profile exits 96 listing the known ones") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.ci]\nretries = 2\n");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--profile", "nightly"}, 96,
                    "profile `nightly` not found (known profiles: ci, default)");
        // The environment's profile is checked the same way.
        expect_exit(dir, {"list", "--binary", gtest_basic()}, 96, "profile `nightly` not found",
                    in_dir({}, {{"PTEST_PROFILE", "nightly"}}));
    }

    TEST_CASE("a bad flag value exits 2") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--color", "purple"}, 2,
                    "invalid --color value `purple`");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--retries", "many"}, 2,
                    "invalid retry count `many`");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--run-ignored", "sometimes"}, 2,
                    "invalid --run-ignored value `sometimes` (expected default, only or all)");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--no-tests", "maybe"}, 2,
                    "invalid --no-tests value `maybe`");
        expect_exit(dir, {"list", "--binary", gtest_basic(), "--message-format", "xml"}, 2,
                    "invalid --message-format `xml`");
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--order", "longest"}, 2,
                    "invalid --order value `longest`");
    }

    TEST_CASE("an enumerated option is checked on every subcommand that takes it") {
        TempDir dir;
        expect_exit(dir, {"list", "--binary", gtest_basic(), "--color", "purple"}, 2,
                    "invalid --color value `purple` (expected auto, always or never)");
        expect_exit(dir, {"show-config", "defaults", "--color", "purple"}, 2,
                    "invalid --color value `purple` (expected auto, always or never)");
        expect_exit(dir, {"list", "--binary", gtest_basic(), "--run-ignored", "sometimes"}, 2,
                    "invalid --run-ignored value `sometimes` (expected default, only or all)");
        expect_exit(dir, {"show-config", "everything"}, 2,
                    "unknown show-config topic `everything` (expected defaults, profile NAME or "
                    "test-groups)");
    }

    TEST_CASE("a report that cannot be written to stderr exits 110 after the whole run") {
        // `sh -c` points ptest's stderr at /dev/full, where every write fails (ENOSPC).
        TempDir dir;
        Options options;
        options.cwd = dir.path();
        Result result = run("/bin/sh",
                            {"-c", "exec \"$0\" run --binary \"$1\" --exact Math.Adds 2>/dev/full",
                             ptest_exe().string(), gtest_basic()},
                            options);
        CHECK(result.exit_code == 110);
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("an unknown flag or a missing subcommand exits 2") {
        TempDir dir;
        expect_exit(dir, {"run", "--binary", gtest_basic(), "--frobnicate"}, 2, "--frobnicate");
        expect_exit(dir, {}, 2, "subcommand");
        expect_exit(dir, {"launch"}, 2,
                    "unknown subcommand `launch` (expected run, list, show-config, archive, junit, "
                    "completions or "
                    "help)");
        expect_exit(dir, {"lsit"}, 2, "did you mean `list`?");
    }

} // TEST_SUITE
