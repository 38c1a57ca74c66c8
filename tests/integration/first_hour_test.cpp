// What a new user trips over in the first hour (issue 17), each reproduced with the command the
// issue names: warnings about tests nobody selected, `--binary` naming a binary a `[[binary]]`
// glob already covers, a glob over a build directory, skip counts that do not add up or explain
// themselves, and a history file left in whatever directory ptest ran from.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// The build directory the fixtures live in (`build/` of the repository).
fs::path build_dir() {
    return fixture("gtest_basic").parent_path().parent_path().parent_path();
}

/// A workspace whose `build` is the real build directory, so that the issue's relative paths
/// (`build/tests/fixtures/...`) name the real fixtures, with `config` as its `.config/ptest.toml`.
void make_workspace(const TempDir& dir, const std::string& config) {
    fs::create_directory_symlink(build_dir(), dir / "build");
    write_file(dir / ".config/ptest.toml", config);
}

} // namespace

TEST_SUITE("integration::first_hour") {

    TEST_CASE("no warning names a test that cannot be selected exactly unless it is selected") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/catch2_hostile\"\n"
                            "[[binary]]\npath = \"build/tests/fixtures/catch2v3_hostile\"\n"
                            "[[binary]]\npath = \"build/tests/fixtures/gtest_basic\"\n");
        for (const std::vector<std::string>& args :
             {std::vector<std::string>{"list"}, std::vector<std::string>{"show-config", "profile"},
              std::vector<std::string>{"run", "--color", "never", "--exact", "Math.Adds"}}) {
            CAPTURE(args.front());
            Result result = run_ptest(args, in_dir(dir));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 0);
            CHECK_FALSE(contains(result.err, "warning"));
            CHECK_FALSE(contains(result.err, "cannot be"));
        }
        // `list` marks each such test on its own line instead.
        Result listed = run_ptest({"list"}, in_dir(dir));
        CHECK(count_of(listed.out, "(cannot run on its own: ") == 3);
    }

    TEST_CASE("--binary naming a file a [[binary]] glob covers is that binary, once") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/gtest_b*\"\n");
        Result result =
            run_ptest({"run", "--color", "never", "--binary", "build/tests/fixtures/gtest_basic"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK_FALSE(contains(result.err, "two test binaries have the id"));
        CHECK(result.exit_code == 100); // gtest_basic fails on purpose; the run itself works.
        CHECK(contains(result.err, "across 2 binaries"));
    }

    TEST_CASE("the [[binary]] table's id and settings apply to a binary --binary names again") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/gtest_basic\"\n"
                            "id = \"mine\"\n");
        Result result =
            run_ptest({"list", "--binary", "build/tests/fixtures/gtest_basic"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "mine Math.Adds\n"));
        CHECK_FALSE(contains(result.out, "gtest_basic "));
    }

    TEST_CASE("a glob skips directories and files that are not executable") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/*\"\n");
        Result result = run_ptest({"list", "--binary-id", "gtest_basic"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK_FALSE(contains(result.err, "is not an executable file"));
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "gtest_basic Math.Adds\n"));
    }

    TEST_CASE("a literal path that is not executable is still an error") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/CMakeFiles\"\n");
        Result result = run_ptest({"list"}, in_dir(dir));
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "CMakeFiles` (.config/ptest.toml:1) is not an executable file"));
    }

    TEST_CASE("skip counts add up, and a test that skipped itself says so live with its reason") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/gtest_b*\"\n");
        Result result =
            run_ptest({"run", "--color", "never", "--exact", "Skip.NotOnThisMachine", "Math.Adds"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::smatch starting;
        REQUIRE(std::regex_search(
            result.err, starting,
            std::regex(R"(Starting 2 tests across 1 binary \(([0-9]+) tests skipped\))")));
        const std::string not_run = starting[1].str();
        CHECK(contains(result.err, "2 tests run: 1 passed, 0 failed, 1 reported skipped, " +
                                       not_run + " skipped\n"));
        // The live line, at the default status level, with the test's own reason.
        CHECK(std::regex_search(
            result.err,
            std::regex(
                R"(\n +SKIP \[ *[0-9.]+s\] gtest_basic Skip.NotOnThisMachine\n +- [^\n]*not on this machine)")));
    }

    TEST_CASE("tests the run skipped say why in the final list") {
        TempDir dir;
        make_workspace(dir, "[[binary]]\npath = \"build/tests/fixtures/gtest_basic\"\n");
        Result result = run_ptest(
            {"run", "--color", "never", "--exact", "Math.Adds", "--final-status-level", "skip"},
            in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        const std::string closing = closing_part(result.err);
        CHECK(std::regex_search(
            closing,
            std::regex(R"(SKIP \[ +\] gtest_basic Math.DISABLED_Divides\n +- not run: ignored)")));
        CHECK(std::regex_search(
            closing,
            std::regex(R"(SKIP \[ +\] gtest_basic Math.Compares\n +- not run: not selected)")));
    }

    TEST_CASE("without a config, a run writes no history where it was started") {
        TempDir dir;
        Result result = run_ptest(
            {"run", "--color", "never", "--binary", fixture("gtest_basic").string(), "Math.Adds"},
            in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK_FALSE(fs::exists(dir / "target"));

        // A workspace with a config keeps it under its root.
        write_file(dir / ".config/ptest.toml", "");
        result = run_ptest(
            {"run", "--color", "never", "--binary", fixture("gtest_basic").string(), "Math.Adds"},
            in_dir(dir));
        CHECK(result.exit_code == 0);
        CHECK(fs::exists(dir / "target/ptest/history.tsv"));
    }
}
