// Archives on real processes: a CMake project whose CTest tests need their WORKING_DIRECTORY and a
// shared library from the build tree, plus a GoogleTest fixture binary it expands into cases, is
// built, run in its build tree, archived, moved away, and run from the archive at another path;
// every verdict must be the build tree's. Bad archives are refused with one line, a documented
// exit code, and nothing half-extracted left behind.
#include "archive_project.hpp"
#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// The entries of `dir` whose name starts with `prefix`.
std::vector<std::string> entries_starting(const fs::path& dir, const std::string& prefix) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0) {
            found.push_back(name);
        }
    }
    return found;
}

} // namespace

TEST_SUITE("integration::archive") {

    TEST_CASE("a build tree archived, moved away and run from the archive elsewhere gets the "
              "build tree's verdicts") {
        TempDir dir;
        const fs::path ws = dir / "ws";
        build_archive_project(ws);
        Result in_tree = run_ptest({"run", "--color", "never", "--build-dir", "build"}, in_dir(ws));
        INFO("run in the build tree:\n" << in_tree.err);
        REQUIRE(in_tree.exit_code == 100);
        const auto expected = junit_outcomes(ws / "junit.xml");
        CHECK(expected.at({"data.reads", "data.reads"}) == "pass");
        CHECK(expected.at({"data.missing", "data.missing"}) == "fail");
        CHECK(expected.at({"gtest", "Math.Adds"}) == "pass");
        Result listed = run_ptest({"list", "--build-dir", "build"}, in_dir(ws));
        REQUIRE(listed.exit_code == 0);

        Result archived = run_ptest(
            {"archive", "--build-dir", "build", "--archive-file", (dir / "tests.tar.zst").string()},
            in_dir(ws));
        INFO("archive:\n" << archived.err);
        REQUIRE(archived.exit_code == 0);
        CHECK(contains(archived.err, "1 shared library"));
        // Nothing of the build tree or the sources is where the archive was made.
        fs::rename(ws, dir / "gone");
        fs::create_directories(dir / "tmp");
        const std::map<std::string, std::string> tmp{{"TMPDIR", (dir / "tmp").string()}};

        Result from_archive = run_ptest({"run", "--color", "never", "--archive-file",
                                         (dir / "tests.tar.zst").string(), "--extract-to",
                                         (dir / "elsewhere").string()},
                                        in_dir(dir.path(), tmp));
        INFO("run from the archive:\n" << from_archive.err);
        CHECK(from_archive.exit_code == 100);
        const auto outcomes = junit_outcomes(dir / "elsewhere/workspace/junit.xml");
        CHECK(outcomes == expected);

        Result listed_archive = run_ptest(
            {"list", "--archive-file", (dir / "tests.tar.zst").string()}, in_dir(dir.path(), tmp));
        INFO("list from the archive:\n" << listed_archive.err);
        CHECK(listed_archive.exit_code == 0);
        CHECK(listed_archive.out == listed.out);
        // Without --extract-to the extraction is temporary.
        CHECK(entries_starting(dir / "tmp", "ptest-archive").empty());
    }

    TEST_CASE("bad archives are refused with one line and exit 106, with nothing extracted") {
        TempDir dir;
        const fs::path ws = dir / "ws";
        build_archive_project(ws);
        const fs::path good = dir / "good.tar.zst";
        REQUIRE(run_ptest({"archive", "--build-dir", "build", "--archive-file", good.string()},
                          in_dir(ws))
                    .exit_code == 0);
        const std::string bytes = read_file(good);
        write_file(dir / "truncated.tar.zst", bytes.substr(0, bytes.size() / 2));
        write_file(dir / "text.tar.zst", "this is not an archive\n");
        write_file(dir / "v/ptest-archive.toml", "format-version = 99\nptest-version = \"9.9\"\n"
                                                 "workspace-root = \"/w\"\n");
        REQUIRE(run(program("tar"), {"-cf", (dir / "v99.tar").string(), "-C", (dir / "v").string(),
                                     "ptest-archive.toml"})
                    .exit_code == 0);
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"truncated.tar.zst", "it is corrupt or truncated"},
            {"text.tar.zst", "it is not a readable archive"},
            {"v99.tar", "it is a ptest archive of format version 99 (made by ptest 9.9); this "
                        "ptest reads version 1"},
            {"missing.tar.zst", "no such file"}};
        for (const auto& [file, message] : cases) {
            CAPTURE(file);
            Result result = run_ptest({"run", "--archive-file", (dir / file).string(),
                                       "--extract-to", (dir / "out").string()},
                                      in_dir(dir.path()));
            INFO(result.err);
            CHECK(result.exit_code == 106);
            CHECK(lines_of(result.err).size() == 1);
            CHECK(contains(result.err, "ptest: error: cannot extract `" + (dir / file).string() +
                                           "`: " + message));
            CHECK_FALSE(fs::exists(dir / "out"));
            CHECK(entries_starting(dir.path(), ".out").empty());
        }
    }

    TEST_CASE("a test program whose shared library is missing is not archived (exit 103)") {
        TempDir dir;
        const fs::path ws = dir / "ws";
        build_archive_project(ws);
        fs::remove(ws / "build/libgreet.so");
        Result result = run_ptest(
            {"archive", "--build-dir", "build", "--archive-file", (dir / "t.tar.zst").string()},
            in_dir(ws));
        INFO(result.err);
        CHECK(result.exit_code == 103);
        CHECK(contains(result.err, "needs the shared library `libgreet.so`, which the dynamic "
                                   "loader cannot find"));
        CHECK_FALSE(fs::exists(dir / "t.tar.zst"));
        CHECK(entries_starting(dir.path(), ".t.tar.zst").empty());
    }
}
