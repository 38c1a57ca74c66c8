// Shards and `junit merge` end to end (issue 18) on real fixtures: for every partition kind, the
// shards run as separate ptest processes, each writing its own JUnit report, and `ptest junit
// merge` of those reports gives exactly the verdicts of one unsharded run, in a report valid
// against the schemas of ../shared/junit; a `duration:` shard on each machine reads the same
// history. Merging a file that is not a JUnit report, or reports that disagree, fails in one line.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_binaries = {"gtest_basic", "catch2_basic", "doctest_basic",
                                             "gtest_behaviour"};

/// The quick cases of the fixtures, two of them flaky (retried, so their reports carry
/// flakyFailure elements) and failures retried once (rerunFailure elements).
const std::vector<std::string> k_selection = {
    "--retries", "2", "-E", "not binary_id(gtest_behaviour) | test(Quick) | test(Flaky)"};

/// `ptest run` of the fixtures in `dir` with `extra` arguments; the JUnit file is moved to
/// `dir/report`.
Result run_to(const TempDir& dir, const std::vector<std::string>& extra,
              const std::string& report) {
    std::vector<std::string> args = k_selection;
    args.insert(args.end(), extra.begin(), extra.end());
    Result result = run_fixtures(dir, k_binaries, args);
    fs::rename(dir / "junit.xml", dir / report);
    return result;
}

} // namespace

TEST_SUITE("integration::scale::shards") {

    TEST_CASE("for every kind, merged shard reports hold exactly the verdicts of one run") {
        TempDir dir;
        Result full = run_to(dir, {}, "full.xml");
        INFO("full stderr:\n" << full.err);
        REQUIRE(full.exit_code == 100);
        const auto expected = junit_outcomes(dir / "full.xml");
        REQUIRE(expected.size() > 30);
        // Every machine of a `duration:` split reads the same history: the one the full run left.
        const std::string history = read_file(dir / "target/ptest/history.tsv");
        REQUIRE_FALSE(history.empty());
        for (const std::string kind : {"count", "slice", "hash", "duration"}) {
            CAPTURE(kind);
            std::vector<std::string> merge = {"junit", "merge", "-o", "merged-" + kind + ".xml"};
            for (int shard = 1; shard <= 3; ++shard) {
                write_file(dir / "target/ptest/history.tsv", history);
                const std::string report = kind + "-" + std::to_string(shard) + ".xml";
                Result result =
                    run_to(dir, {"--partition", kind + ":" + std::to_string(shard) + "/3"}, report);
                INFO(report << " stderr:\n" << result.err);
                CHECK(result.leftovers.empty());
                CHECK((result.exit_code == 0 || result.exit_code == 100));
                merge.push_back(report);
            }
            Result merged = run_ptest(merge, in_dir(dir));
            INFO("merge stderr:\n" << merged.err);
            CHECK(merged.exit_code == 0);
            CHECK(contains(merged.err, "ptest: note: merged 3 reports into merged-" + kind +
                                           ".xml: " + std::to_string(expected.size()) +
                                           " tests in 4 suites"));
            const fs::path out = dir / ("merged-" + kind + ".xml");
            CHECK(junit_outcomes(out) == expected);
            CHECK(junit_validation_errors(out) == "");
            pugi::xml_document document;
            REQUIRE(document.load_file(out.c_str()));
            CHECK(document.select_nodes("//flakyFailure").size() > 0);
            CHECK(document.select_nodes("//rerunFailure").size() > 0);
            CHECK(document.select_nodes("/testsuites/testsuite").size() == 4);
        }
    }

    TEST_CASE("merging a file that is not a JUnit report fails in one line naming it") {
        TempDir dir;
        Result run = run_to(dir, {"--partition", "hash:1/2"}, "a.xml");
        REQUIRE((run.exit_code == 0 || run.exit_code == 100));
        write_file(dir / "notes.txt", "not xml at all\n");
        Result bad =
            run_ptest({"junit", "merge", "-o", "all.xml", "a.xml", "notes.txt"}, in_dir(dir));
        CHECK(bad.exit_code == 107);
        CHECK(bad.err == "ptest: error: notes.txt: not a JUnit report: No document element "
                         "found at byte 15\n");
        CHECK_FALSE(fs::exists(dir / "all.xml"));
        Result missing =
            run_ptest({"junit", "merge", "-o", "all.xml", "a.xml", "gone.xml"}, in_dir(dir));
        CHECK(missing.exit_code == 107);
        CHECK(missing.err == "ptest: error: cannot read gone.xml: No such file or directory\n");
        Result no_output = run_ptest({"junit", "merge", "a.xml"}, in_dir(dir));
        CHECK(no_output.exit_code == 2);
    }

    TEST_CASE("reports that disagree about a test fail naming both; agreeing ones merge once") {
        TempDir dir;
        Result first = run_fixtures(dir, {"gtest_basic"}, {"-E", "test(=Math.Compares)"});
        REQUIRE(first.exit_code == 100);
        fs::rename(dir / "junit.xml", dir / "a.xml");
        // The same test, passing: a report from another commit, not from a shard of this run.
        std::string passing = read_file(dir / "a.xml");
        pugi::xml_document document;
        REQUIRE(document.load_string(passing.c_str()));
        pugi::xml_node test_case = document.select_node("//testcase").node();
        while (test_case.first_child()) {
            test_case.remove_child(test_case.first_child());
        }
        document.save_file((dir / "b.xml").c_str());
        Result conflict =
            run_ptest({"junit", "merge", "-o", "all.xml", "a.xml", "b.xml"}, in_dir(dir));
        CHECK(conflict.exit_code == 107);
        CHECK(conflict.err == "ptest: error: test `gtest_basic` `Math.Compares` is in two reports "
                              "with different verdicts: failure in a.xml, passed in b.xml\n");
        CHECK_FALSE(fs::exists(dir / "all.xml"));
        Result same = run_ptest({"junit", "merge", "-o", "all.xml", "a.xml", "a.xml"}, in_dir(dir));
        CHECK(same.exit_code == 0);
        CHECK(contains(same.err, "ptest: warning: test `gtest_basic` `Math.Compares` is in both "
                                 "a.xml and a.xml (failure in both): kept once"));
        CHECK(junit_outcomes(dir / "all.xml") == junit_outcomes(dir / "a.xml"));
    }
}
