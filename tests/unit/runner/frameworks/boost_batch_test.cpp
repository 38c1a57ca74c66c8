// Tests of Boost.Test batches: the `--run_test` list that selects several cases, which cases
// batch, and batch runs of the boost_hostile fixtures (header-only and linked) read case by case,
// from captures in tests/data/reports/batch-boost_hostile_* (scripts/capture-reports).
#include "batch_data.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/boost_test.hpp"

#include <doctest/doctest.h>

#include <array>

namespace ptest::runner {

namespace {

using test_data::Batch;
using test_data::BatchRun;

constexpr std::array<const char*, 2> k_folders{"batch-boost_hostile_included",
                                               "batch-boost_hostile_linked"};

std::vector<TestCase> named(std::initializer_list<const char*> names) {
    std::vector<TestCase> cases;
    for (const char* name : names) {
        TestCase test;
        test.name = name;
        cases.push_back(std::move(test));
    }
    return cases;
}

std::vector<BatchCaseResult> read(const std::string& folder, const std::string& stem,
                                  const Batch& batch, int exit_code) {
    const BatchRun run = test_data::read_batch_run(folder, stem, ".log.xml");
    return interpret_boost_batch(batch.pointers, run.report, exit_code, run.stdout_text,
                                 run.stderr_text);
}

} // namespace

TEST_SUITE("runner::boost batch") {
    TEST_CASE("a batch names its cases in one --run_test, with the XML log alone") {
        Batch batch(named({"basic/pass", "outer/inner/tmpl<int>"}));
        BatchArguments arguments = boost_batch_arguments(batch.pointers, "r.xml");
        CHECK(arguments.count == 2);
        CHECK(arguments.args ==
              std::vector<std::string>{"--run_test=basic/pass:outer/inner/tmpl<int>",
                                       "--log_format=XML", "--log_level=test_suite",
                                       "--log_sink=r.xml", "--report_level=no"});
    }

    TEST_CASE("cases that expect failures or cannot be selected do not batch") {
        std::vector<TestCase> cases = named({"basic/pass", "expects/two", "names/a:b"});
        cases[1].expected_failures = 2;
        cases[2].unselectable = "refused";
        CHECK(boost_batchable_cases(cases) == std::vector<bool>{true, false, false});
    }

    TEST_CASE("a passing batch gives each case its verdict and duration") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"basic/pass", "basic/warns", "output/no_newline_stdout"}));
            for (const BatchCaseResult& result : read(folder, "pass", batch, 0)) {
                CHECK(batch_verdict_is_final(result));
                CHECK(result.duration.has_value());
                CHECK(*result.duration < std::chrono::seconds(1));
                // The tests printed: nothing says whose output it is.
                CHECK_FALSE(result.stdout_text.has_value());
            }
        }
    }

    TEST_CASE("a failure or a caught signal in the middle fails its case alone") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"basic/pass", "basic/fail_check", "output/no_newline_stdout"}));
            std::vector<BatchCaseResult> results = read(folder, "fail-middle", batch, 201);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(batch_verdict_is_final(results[2]));
            Batch aborts(named({"basic/pass", "basic/aborts", "output/no_newline_stdout"}));
            results = read(folder, "abort-middle", aborts, 201);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(batch_verdict_is_final(results[2]));
        }
    }

    TEST_CASE("a process that exits mid-batch leaves an empty log and every case alone") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(
                named({"basic/pass", "exits/exit_zero_mid_test", "output/no_newline_stdout"}));
            for (const BatchCaseResult& result : read(folder, "exit-zero-middle", batch, 0)) {
                CHECK_FALSE(result.attributed);
            }
        }
    }

    TEST_CASE("an exit code that disagrees with the log attributes nothing") {
        Batch batch(named({"basic/pass", "basic/fail_check", "output/no_newline_stdout"}));
        for (const BatchCaseResult& result :
             read("batch-boost_hostile_included", "fail-middle", batch, 0)) {
            CHECK_FALSE(result.attributed);
        }
        for (const BatchCaseResult& result :
             read("batch-boost_hostile_included", "fail-middle", batch, 23)) {
            CHECK_FALSE(result.attributed);
        }
    }

    TEST_CASE("fake framework lines change nothing the log says") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"basic/pass", "output/fake_lines"}));
            std::vector<BatchCaseResult> results = read(folder, "fake-markers", batch, 201);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(
                results[1].verdict.failure_message.ends_with("real failure after a fake summary"));
        }
    }

    TEST_CASE("skips for a failed precondition or dependency stand as skips") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"basic/pass", "skip/precondition_false", "deps/needs_broken"}));
            std::vector<BatchCaseResult> results = read(folder, "skips", batch, 201);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.skipped);
            CHECK(batch_verdict_is_final(results[1]));
            CHECK(results[2].verdict.skipped);
            CHECK(results[2].verdict.skip_message.find("deps/broken") != std::string::npos);
        }
    }
}

} // namespace ptest::runner
