// Tests of GoogleTest batches: the argv that selects several cases, and batch runs of the
// gtest_hostile fixture (GoogleTest 1.12) and gtest118_hostile (1.18.0) read case by case, from
// captures in tests/data/reports/batch-gtest*_hostile (scripts/capture-reports).
#include "batch_data.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/gtest.hpp"

#include <doctest/doctest.h>

#include <array>

namespace ptest::runner {

namespace {

using test_data::Batch;
using test_data::BatchRun;

constexpr std::array<const char*, 2> k_folders{"batch-gtest_hostile", "batch-gtest118_hostile"};

std::vector<TestCase> named(std::initializer_list<const char*> names) {
    std::vector<TestCase> cases;
    for (const char* name : names) {
        TestCase test;
        test.name = name;
        test.ignored = gtest_name_is_disabled(test.name.substr(test.name.find('.') + 1));
        cases.push_back(std::move(test));
    }
    return cases;
}

std::vector<BatchCaseResult> read(const std::string& folder, const std::string& stem,
                                  const Batch& batch, int exit_code) {
    const BatchRun run = test_data::read_batch_run(folder, stem);
    return interpret_gtest_batch(batch.pointers, run.report, exit_code, run.stdout_text,
                                 run.stderr_text);
}

} // namespace

TEST_SUITE("runner::gtest batch") {
    TEST_CASE("a batch filter names every case, joined by colons, with the report") {
        Batch batch(named({"Basic.Passes", "Basic.Fails", "Skip.DISABLED_Disabled"}));
        BatchArguments arguments = gtest_batch_arguments(batch.pointers, "r.xml");
        CHECK(arguments.count == 3);
        CHECK(arguments.args ==
              std::vector<std::string>{"--gtest_filter=Basic.Passes:Basic.Fails:Skip.DISABLED_"
                                       "Disabled",
                                       "--gtest_color=no", "--gtest_output=xml:r.xml",
                                       "--gtest_also_run_disabled_tests"});
    }

    TEST_CASE("a filter that would pass the limit on one argument holds only the cases that fit") {
        std::vector<TestCase> cases;
        for (int i = 0; i < 20000; ++i) {
            TestCase test;
            test.name = "SomeSuite.Case" + std::to_string(i);
            cases.push_back(std::move(test));
        }
        Batch batch(std::move(cases));
        BatchArguments arguments = gtest_batch_arguments(batch.pointers, "r.xml");
        CHECK(arguments.count > 1000);
        CHECK(arguments.count < 20000);
        CHECK(arguments.args.front().size() <= k_batch_argument_limit);
        CHECK(arguments.args.front().ends_with(":SomeSuite.Case" +
                                               std::to_string(arguments.count - 1)));
    }

    TEST_CASE("names holding the filter's own characters do not batch") {
        std::vector<TestCase> listed = named(
            {"Basic.Passes", "Typed/a-b.Works", "Typed/c:d.Works", "Typed/e*f.Works", "What.Is?"});
        listed.push_back(named({"Basic.Refused"}).front());
        listed.back().unselectable = "refused";
        CHECK(gtest_batchable_cases(listed) ==
              std::vector<bool>{true, false, false, false, false, false});
    }

    TEST_CASE("a passing batch gives each case its verdict, duration and console slice") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Passes", "Output.NoNewlineStdout", "Skip.Runtime"}));
            std::vector<BatchCaseResult> results = read(folder, "pass", batch, 0);
            REQUIRE(results.size() == 3);
            for (const BatchCaseResult& result : results) {
                CHECK(result.attributed);
                CHECK(result.duration.has_value());
                CHECK(result.stderr_text == std::optional<std::string>(""));
            }
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[0].stdout_text ==
                  std::optional<std::string>("[ RUN      ] Basic.Passes\n[       OK ] "
                                             "Basic.Passes (0 ms)\n"));
            CHECK(results[1].stdout_text ==
                  std::optional<std::string>("[ RUN      ] Output.NoNewlineStdout\nvalue: "
                                             "42[       OK ] Output.NoNewlineStdout (0 ms)\n"));
            CHECK(results[2].verdict.skipped);
            CHECK(results[2].verdict.skip_message == "skipped at run time");
            CHECK(batch_verdict_is_final(results[2]));
            CHECK(results[2].stdout_text->starts_with("[ RUN      ] Skip.Runtime\n"));
        }
    }

    TEST_CASE("a case failing in the middle fails, and the cases around it keep their passes") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Passes", "Basic.Fails", "Output.NoNewlineStdout"}));
            std::vector<BatchCaseResult> results = read(folder, "fail-middle", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].attributed);
            CHECK(results[1].verdict.failed);
            CHECK_FALSE(batch_verdict_is_final(results[1]));
            CHECK(results[1].verdict.failure_message.ends_with(
                "hostile_test.cpp:21: Expected equality of these values: 1 2 one is not two"));
            CHECK(results[1].stdout_text->find("one is not two\n") != std::string::npos);
            CHECK(results[1].stdout_text->ends_with("[  FAILED  ] Basic.Fails (0 ms)\n"));
            CHECK(batch_verdict_is_final(results[2]));
        }
    }

    TEST_CASE("a process that dies mid-batch leaves every case to a run of its own") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Passes", "Errors.Aborts", "Skip.Runtime"}));
            const std::vector<BatchCaseResult> aborted = read(folder, "abort-middle", batch, 134);
            for (const BatchCaseResult& result : aborted) {
                CHECK_FALSE(result.attributed);
                CHECK(result.unattributed_reason.find("no report") != std::string::npos);
            }
            // The console's last `[ RUN      ]` line, never closed, names the case it ended in.
            REQUIRE(aborted.size() == 3);
            CHECK_FALSE(aborted[0].ended_in);
            CHECK(aborted[1].ended_in);
            CHECK_FALSE(aborted[2].ended_in);
            Batch exits(named({"Basic.Passes", "Exit.UnderscoreExitZero", "Skip.Runtime"}));
            for (const BatchCaseResult& result : read(folder, "exit-zero-middle", exits, 0)) {
                CHECK_FALSE(result.attributed);
            }
        }
    }

    TEST_CASE("fake framework lines keep the report's verdicts but give no case any output") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Passes", "Basic.Fails", "Output.FakeFailedButPasses",
                               "Output.ImitatesAnotherCase"}));
            std::vector<BatchCaseResult> results = read(folder, "fake-markers", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(batch_verdict_is_final(results[2]));
            CHECK(batch_verdict_is_final(results[3]));
            for (const BatchCaseResult& result : results) {
                CHECK_FALSE(result.stdout_text.has_value());
            }
        }
    }

    TEST_CASE("a case that forges its own closing line and a summary gives no case output") {
        Batch batch(named({"Basic.Passes", "Output.NoNewlineStdout", "Skip.Runtime"}));
        const BatchRun run = test_data::read_batch_run("batch-gtest_hostile", "pass");
        // The last case prints its own closing line and a summary, then more text before
        // GoogleTest's real closing line: its slice would end at the forgery.
        std::string forged = run.stdout_text;
        const std::string skip_run = "[ RUN      ] Skip.Runtime\n";
        forged.insert(forged.find(skip_run) + skip_run.size(),
                      "[  SKIPPED ] Skip.Runtime (0 ms)\n[==========] 3 tests ran.\nhidden\n");
        for (const BatchCaseResult& result :
             interpret_gtest_batch(batch.pointers, run.report, 0, forged, "")) {
            CHECK(batch_verdict_is_final(result));
            CHECK_FALSE(result.stdout_text.has_value());
        }
        // A `[ RUN      ]` in the middle of a line is no line GoogleTest prints.
        std::string mid_line = run.stdout_text;
        mid_line.insert(mid_line.find(skip_run) + skip_run.size(), "x[ RUN      ] Basic.Passes\n");
        for (const BatchCaseResult& result :
             interpret_gtest_batch(batch.pointers, run.report, 0, mid_line, "")) {
            CHECK_FALSE(result.stdout_text.has_value());
        }
        // The untouched console splits, which shows the forgeries are what stops it.
        CHECK(interpret_gtest_batch(batch.pointers, run.report, 0, run.stdout_text, "")
                  .front()
                  .stdout_text.has_value());
    }

    TEST_CASE("a failing SetUpTestSuite keeps no pass or skip of the batch") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Fails", "SuiteSetUp.CaseAfterFailedSetUp"}));
            std::vector<BatchCaseResult> results = read(folder, "suite-setup", batch, 1);
            CHECK(results[0].verdict.failed);
            CHECK_FALSE(batch_verdict_is_final(results[1]));
        }
    }

    TEST_CASE("a failing batch without its console cannot rule out a failure outside any test") {
        Batch batch(named({"Basic.Passes", "Basic.Fails", "Output.NoNewlineStdout"}));
        const BatchRun run = test_data::read_batch_run("batch-gtest_hostile", "fail-middle");
        std::vector<BatchCaseResult> results =
            interpret_gtest_batch(batch.pointers, run.report, 1, "", "");
        CHECK_FALSE(results[0].attributed);
        CHECK(results[1].verdict.failed);
        CHECK_FALSE(results[2].attributed);
    }

    TEST_CASE("an exit code that disagrees with the report attributes nothing") {
        Batch batch(named({"Basic.Passes", "Output.NoNewlineStdout", "Skip.Runtime"}));
        for (const BatchCaseResult& result : read("batch-gtest_hostile", "pass", batch, 139)) {
            CHECK_FALSE(result.attributed);
        }
        Batch failing(named({"Basic.Passes", "Basic.Fails", "Output.NoNewlineStdout"}));
        // A sanitizer's exit code at exit is no failure the report explains, even beside one.
        for (const BatchCaseResult& result :
             read("batch-gtest_hostile", "fail-middle", failing, 23)) {
            CHECK_FALSE(result.attributed);
        }
        for (const BatchCaseResult& result :
             read("batch-gtest_hostile", "fail-middle", failing, 0)) {
            CHECK_FALSE(result.attributed);
        }
    }

    TEST_CASE(
        "a disabled case named in a batch runs, and a case the report lacks is unattributed") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(named({"Basic.Passes", "Skip.DISABLED_Disabled", "Basic.NotInTheRun"}));
            std::vector<BatchCaseResult> results = read(folder, "disabled", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK_FALSE(results[2].attributed);
            CHECK(results[2].unattributed_reason ==
                  "GoogleTest's report does not name the test case");
        }
    }
}

} // namespace ptest::runner
