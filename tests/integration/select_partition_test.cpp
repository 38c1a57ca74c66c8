// --partition end to end on real fixtures: every shard of `slice:` run for real, and every shard
// of `count:`, `hash:` and `duration:` listed, together hold each selected test exactly once; the
// tests of the other shards count as skipped; a bad partition is a usage error.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_fixtures = {"gtest_basic", "catch2_basic", "doctest_basic"};

std::vector<std::string> with_fixtures(std::vector<std::string> args) {
    for (const std::string& binary : k_fixtures) {
        args.push_back("--binary");
        args.push_back(fixture(binary).string());
    }
    return args;
}

/// `binary name` of every test that got a result line other than SKIP before the summary.
std::vector<std::string> ran_tests(const std::string& err) {
    static const std::regex k_status(R"(^ {0,11}([A-Z0-9 ]+) \[ *[0-9]+\.[0-9]{3}s\] (.+)$)");
    std::vector<std::string> out;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line) && line.rfind("     Summary [", 0) != 0;) {
        std::smatch match;
        if (std::regex_match(line, match, k_status) && match[1] != "SKIP") {
            out.push_back(match[2]);
        }
    }
    return out;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_SUITE("integration::select::partition") {

    TEST_CASE("slice:1/2 and slice:2/2 together run every selected test exactly once") {
        TempDir dir;
        // The selectable, non-ignored tests that pass or fail quickly.
        const std::vector<std::string> base = {"run", "--no-fail-fast", "--status-level",
                                               "all", "--color",        "never",
                                               "-E",  "not test(/[*]/)"};
        Result full = run_ptest(with_fixtures(base), in_dir(dir));
        INFO("full stderr:\n" << full.err);
        const std::vector<std::string> everything = ran_tests(full.err);
        REQUIRE(everything.size() > 20);

        std::map<std::string, int> runs;
        std::size_t shard_total = 0;
        for (const char* shard : {"slice:1/2", "slice:2/2"}) {
            std::vector<std::string> args = base;
            args.insert(args.end(), {"--partition", shard});
            Result result = run_ptest(with_fixtures(args), in_dir(dir));
            INFO(shard << " stderr:\n" << result.err);
            CHECK(result.leftovers.empty());
            const std::vector<std::string> ran = ran_tests(result.err);
            // Dealt across binaries, the halves differ by at most one test.
            CHECK(ran.size() * 2 >= everything.size() - 1);
            CHECK(ran.size() * 2 <= everything.size() + 1);
            shard_total += ran.size();
            for (const std::string& test : ran) {
                ++runs[test];
            }
        }
        CHECK(shard_total == everything.size());
        for (const std::string& test : everything) {
            CAPTURE(test);
            CHECK(runs[test] == 1);
        }
        CHECK(runs.size() == everything.size());
    }

    TEST_CASE("the tests of other shards are reported as skipped") {
        TempDir dir;
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                       "-E", "test(Quick) | test(Flaky)", "--partition", "count:3/3"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        // Sorted: Flaky.PassesEveryThirdAttempt, Flaky.PassesOnSecondAttempt, Quick.Passes; the
        // third shard holds Quick.Passes alone, and the other ten tests are skipped.
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "1 test run: 1 passed, 0 failed, 10 skipped"));
        CHECK(ran_tests(result.err) == std::vector<std::string>{"gtest_behaviour Quick.Passes"});
    }

    TEST_CASE("every count:, hash: and duration: shard lists a disjoint part of the whole") {
        for (const char* kind : {"count", "hash", "duration"}) {
            CAPTURE(kind);
            TempDir dir;
            Result full = run_ptest(with_fixtures({"list"}), in_dir(dir));
            const std::vector<std::string> everything = lines(full.out);
            REQUIRE(everything.size() > 20);
            std::map<std::string, int> seen;
            for (int shard = 1; shard <= 3; ++shard) {
                Result result = run_ptest(
                    with_fixtures({"list", "--partition",
                                   std::string(kind) + ":" + std::to_string(shard) + "/3"}),
                    in_dir(dir));
                CHECK(result.exit_code == 0);
                for (const std::string& line : lines(result.out)) {
                    ++seen[line];
                }
            }
            CHECK(seen.size() == everything.size());
            for (const std::string& test : everything) {
                CAPTURE(test);
                CHECK(seen[test] == 1);
            }
        }
    }

    TEST_CASE("a bad --partition is a usage error") {
        TempDir dir;
        Result result = run_ptest(with_fixtures({"run", "--partition", "count:3/2"}), in_dir(dir));
        CHECK(result.exit_code == 2);
        CHECK(result.err == "ptest: error: invalid --partition `count:3/2`: K must be between 1 "
                            "and N (expected count:K/N, slice:K/N, hash:K/N or duration:K/N "
                            "with 1 <= K <= N)\n");
    }
}
