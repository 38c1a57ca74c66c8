// Issue 18 end to end on real processes: a CMake project whose CTest tests need their
// WORKING_DIRECTORY and a shared library from the build tree is built and run unsharded in its
// build tree (the reference verdicts), archived, and its build tree deleted; then every shard K/N
// of a partition kind runs from the archive in its own ptest process, extracted at its own path,
// and `ptest junit merge` of the shards' JUnit reports must hold exactly the reference verdicts,
// each test once, in a report valid against the schemas, with no process left running.
#include "archive_project.hpp"
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

constexpr int k_shards = 3;

/// The number of `testcase` elements in the JUnit file at `junit`.
std::size_t testcase_count(const fs::path& junit) {
    pugi::xml_document document;
    REQUIRE(document.load_file(junit.c_str()));
    return document.select_nodes("//testcase").size();
}

} // namespace

TEST_SUITE("integration::scale::archive_shards") {

    TEST_CASE("shards of an archive run elsewhere merge into exactly the build tree's verdicts") {
        TempDir dir;
        const fs::path ws = dir / "ws";
        build_archive_project(ws);
        Result in_tree = run_ptest({"run", "--color", "never", "--build-dir", "build"}, in_dir(ws));
        INFO("run in the build tree:\n" << in_tree.err);
        REQUIRE(in_tree.exit_code == 100);
        const auto expected = junit_outcomes(ws / "junit.xml");
        REQUIRE(expected.size() >= 2 * k_shards);
        // The tests that need the build tree are in the reference, passing and failing as designed.
        REQUIRE(expected.at({"data.reads", "data.reads"}) == "pass");
        REQUIRE(expected.at({"data.missing", "data.missing"}) == "fail");

        const fs::path archive = dir / "tests.tar.zst";
        Result archived = run_ptest(
            {"archive", "--build-dir", "build", "--archive-file", archive.string()}, in_dir(ws));
        INFO("archive:\n" << archived.err);
        REQUIRE(archived.exit_code == 0);
        // Neither the build tree nor the sources exist any more.
        fs::remove_all(ws);
        REQUIRE_FALSE(fs::exists(ws));
        fs::create_directories(dir / "tmp");
        const std::map<std::string, std::string> tmp{{"TMPDIR", (dir / "tmp").string()}};

        for (const std::string kind : {"slice", "count", "hash"}) {
            CAPTURE(kind);
            const std::string merged_name = "merged-" + kind + ".xml";
            std::vector<std::string> merge = {"junit", "merge", "-o", merged_name};
            std::size_t shard_tests = 0;
            for (int shard = 1; shard <= k_shards; ++shard) {
                const std::string partition =
                    kind + ":" + std::to_string(shard) + "/" + std::to_string(k_shards);
                CAPTURE(partition);
                const fs::path extracted = dir / (kind + "-" + std::to_string(shard));
                Result result =
                    run_ptest({"run", "--color", "never", "--archive-file", archive.string(),
                               "--extract-to", extracted.string(), "--partition", partition},
                              in_dir(dir.path(), tmp));
                INFO(partition << " stderr:\n" << result.err);
                CHECK(result.leftovers.empty());
                CHECK((result.exit_code == 0 || result.exit_code == 100));
                const fs::path report = extracted / "workspace/junit.xml";
                REQUIRE(fs::exists(report));
                shard_tests += testcase_count(report);
                merge.push_back(report.string());
            }
            // Every test ran in exactly one shard: the shards are disjoint and cover the selection.
            CHECK(shard_tests == expected.size());
            Result merged = run_ptest(merge, in_dir(dir.path()));
            INFO("merge stderr:\n" << merged.err);
            CHECK(merged.exit_code == 0);
            CHECK(merged.leftovers.empty());
            CHECK_FALSE(contains(merged.err, "warning"));
            const fs::path out = dir / merged_name;
            CHECK(junit_outcomes(out) == expected);
            CHECK(junit_validation_errors(out) == "");
        }
    }
}
