// Tests of doctest batches: the name list that selects several cases of one suite, which cases
// batch, and batch runs of the doctest_hostile (2.4) and doctest25_hostile (2.5.2) fixtures read
// case by case, from captures in tests/data/reports/batch-doctest*_hostile
// (scripts/capture-reports, whose name lists these tests rebuild).
#include "batch_data.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/doctest_batch.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>

namespace ptest::runner {

namespace {

using test_data::Batch;
using test_data::BatchRun;

constexpr std::array<const char*, 2> k_folders{"batch-doctest_hostile", "batch-doctest25_hostile"};

/// A case as doctest's listing gives it.
TestCase listed(std::string name, std::uint32_t line, std::string suite = "") {
    TestCase test;
    test.case_name = suite.empty() ? "" : name;
    test.name = suite.empty() ? std::move(name) : suite + "/" + name;
    test.suite = std::move(suite);
    if (!test.suite.empty()) {
        test.labels.push_back(test.suite);
    }
    test.file = "FIXTURES/doctest/hostile_test.cpp";
    test.line = line;
    return test;
}

std::vector<BatchCaseResult> read(const std::string& folder, const std::string& stem,
                                  const Batch& batch, int exit_code) {
    const BatchRun run = test_data::read_batch_run(folder, stem);
    return interpret_doctest_batch(batch.pointers, run.report, exit_code, run.stdout_text,
                                   run.stderr_text);
}

} // namespace

TEST_SUITE("runner::doctest batch") {
    TEST_CASE("a batch names its cases, `,` and `\\` as ?, for the cases outside any suite") {
        Batch batch({listed("comma, in name", 102), listed("back\\slash", 106),
                     listed("escaped \\, comma", 110), listed("question X name", 126),
                     listed("-leading dash", 134)});
        BatchArguments arguments = doctest_batch_arguments({}, batch.pointers, "r.xml");
        CHECK(arguments.count == 5);
        CHECK(arguments.args ==
              std::vector<std::string>{
                  "--dt-test-case=comma? in name,back?slash,escaped ?? comma,question X "
                  "name,-leading dash",
                  "--dt-test-suite-exclude=?*", "--dt-case-sensitive=true", "--dt-no-colors=true",
                  "--dt-no-version=true", "--dt-reporters=xml", "--dt-out=r.xml",
                  "--dt-no-skipped-summary=true", "--dt-duration=true"});
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            std::vector<BatchCaseResult> results = read(folder, "names", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(batch_verdict_is_final(results[1]));
            CHECK(batch_verdict_is_final(results[2]));
            CHECK(results[3].verdict.failed);
            CHECK(batch_verdict_is_final(results[4]));
        }
    }

    TEST_CASE("a batch of every case an unfiltered run selects has neither name nor suite filter") {
        // doctest matches every case against every name: the whole binary names none, even
        // across suites; with one case left out (the hidden one aside) it is named again.
        std::vector<TestCase> cases{listed("in a suite", 186, "hostile suite"), listed("pass", 15),
                                    listed("skipped", 20), listed("fails", 25)};
        cases[2].ignored = true;
        const std::vector<const TestCase*> whole{&cases[0], &cases[1], &cases[3]};
        BatchArguments arguments = doctest_batch_arguments(cases, whole, "r.xml");
        CHECK(arguments.count == 3);
        CHECK(arguments.args == std::vector<std::string>{
                                    "--dt-case-sensitive=true", "--dt-no-colors=true",
                                    "--dt-no-version=true", "--dt-reporters=xml", "--dt-out=r.xml",
                                    "--dt-no-skipped-summary=true", "--dt-duration=true"});
        const std::vector<const TestCase*> part{&cases[1], &cases[3]};
        arguments = doctest_batch_arguments(cases, part, "r.xml");
        CHECK(arguments.args[0] == "--dt-test-case=pass,fails");
    }

    TEST_CASE("a batch stops where the suite changes, and selects by the suite's filter") {
        Batch batch({listed("in a suite", 186, "hostile suite"),
                     listed("pass", 190, "hostile suite"), listed("pass", 15)});
        BatchArguments arguments = doctest_batch_arguments({}, batch.pointers, "r.xml");
        CHECK(arguments.count == 2);
        CHECK(arguments.args[0] == "--dt-test-case=in a suite,pass");
        CHECK(arguments.args[1] == "--dt-test-suite=hostile suite");
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            std::vector<BatchCaseResult> results = read(folder, "suite", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            // The suite's `pass` fails, unlike the `pass` outside it, which this batch never ran.
            CHECK(results[1].verdict.failed);
            CHECK_FALSE(results[2].attributed);
        }
    }

    TEST_CASE("cases a name cannot select alone do not batch") {
        std::vector<TestCase> cases{listed("pass", 15), listed("duplicate", 139),
                                    listed("duplicate", 143), listed("refused", 1)};
        cases[1].position = 1;
        cases[2].position = 2;
        cases[3].unselectable = "refused";
        CHECK(doctest_batchable_cases(cases) == std::vector<bool>{true, false, false, false});
    }

    TEST_CASE("a passing batch gives each case its verdict and duration, but no output to share") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch({listed("pass", 15), listed("no newline on stdout", 23),
                         listed("subcases all pass", 201)});
            std::vector<BatchCaseResult> results = read(folder, "pass", batch, 0);
            for (const BatchCaseResult& result : results) {
                CHECK(batch_verdict_is_final(result));
                CHECK(result.duration.has_value());
                CHECK_FALSE(result.stdout_text.has_value());
                CHECK(result.stderr_text == std::optional<std::string>(""));
            }
        }
    }

    TEST_CASE("a case failing in the middle fails with its message, and the others pass") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch({listed("pass", 15), listed("fail assert", 19),
                         listed("no newline on stdout", 23)});
            std::vector<BatchCaseResult> results = read(folder, "fail-middle", batch, 1);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(results[1].verdict.failure_message ==
                  "FIXTURES/doctest/hostile_test.cpp:20: ERROR: CHECK( 1 == 2 ) is NOT correct! "
                  "values: CHECK( 1 == 2 )");
            CHECK(batch_verdict_is_final(results[2]));
            // The same report with an exit code that contradicts it keeps nothing.
            for (int exit_code : {0, 23, 134}) {
                for (const BatchCaseResult& result :
                     read(folder, "fail-middle", batch, exit_code)) {
                    CHECK_FALSE(result.attributed);
                }
            }
        }
    }

    TEST_CASE("a crash fails its case, and the cases it kept from running are left alone") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch({listed("pass", 15), listed("aborts", 71), listed("comma, in name", 102)});
            std::vector<BatchCaseResult> results = read(folder, "abort-middle", batch, 134);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK(results[1].verdict.failed);
            CHECK(results[1].verdict.failure_message.find("CRASHED") != std::string::npos);
            CHECK_FALSE(results[2].attributed);
        }
    }

    TEST_CASE("an exit mid-batch leaves the case it ran in and the later ones unattributed") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch(
                {listed("pass", 15), listed("exit zero mid-test", 56), listed("throws", 67)});
            std::vector<BatchCaseResult> results = read(folder, "exit-zero-middle", batch, 0);
            CHECK(batch_verdict_is_final(results[0]));
            CHECK_FALSE(results[1].attributed);
            CHECK(results[1].unattributed_reason == "the process ended while the test case ran");
            CHECK(results[1].ended_in);
            CHECK_FALSE(results[2].attributed);
            CHECK_FALSE(results[2].ended_in);
        }
    }

    TEST_CASE("fake report text on the console changes nothing the report says") {
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            Batch batch({listed("pass", 15), listed("fake failure line but passes", 43),
                         listed("prints report-like xml", 50)});
            for (const BatchCaseResult& result : read(folder, "fake-markers", batch, 0)) {
                CHECK(batch_verdict_is_final(result));
                CHECK_FALSE(result.stdout_text.has_value());
            }
        }
    }

    TEST_CASE("a skip-decorated case named in a batch runs with --dt-no-skip") {
        Batch batch({listed("pass", 15), listed("skip decorated", 75)});
        batch.cases[1].ignored = true;
        BatchArguments arguments = doctest_batch_arguments({}, batch.pointers, "r.xml");
        CHECK(std::find(arguments.args.begin(), arguments.args.end(), "--dt-no-skip=true") !=
              arguments.args.end());
        for (const char* folder : k_folders) {
            CAPTURE(std::string(folder));
            for (const BatchCaseResult& result : read(folder, "skip-decorated", batch, 0)) {
                CHECK(batch_verdict_is_final(result));
            }
        }
    }
}

} // namespace ptest::runner
