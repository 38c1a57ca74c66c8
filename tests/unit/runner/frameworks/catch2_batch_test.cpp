// Tests of Catch2 batches (v2 and v3): the spec list that selects several cases, which cases
// batch, and batch runs of the catch2_hostile (2.13) and catch2v3_hostile (3.7.1) fixtures read
// case by case, from captures in tests/data/reports/batch-catch2*_hostile
// (scripts/capture-reports, whose spec lists these tests rebuild).
#include "batch_data.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/catch2_batch.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

using test_data::Batch;
using test_data::BatchRun;

/// A case as Catch2 v2's listing gives it: name and tags.
TestCase v2_case(std::string name, std::vector<std::string> tags) {
    TestCase test;
    test.name = std::move(name);
    test.labels = std::move(tags);
    test.ignored = !test.labels.empty() && test.labels.front() == ".";
    return test;
}

/// A case as Catch2 v3's listing gives it: name, tags, file and line.
TestCase v3_case(std::string name, std::vector<std::string> tags, std::uint32_t line) {
    TestCase test = v2_case(std::move(name), std::move(tags));
    test.file = "FIXTURES/catch2v3/hostile_test.cpp";
    test.line = line;
    return test;
}

std::vector<BatchCaseResult> read(const std::string& folder, const std::string& stem,
                                  const Batch& batch, int exit_code, Catch2Major major) {
    const BatchRun run = test_data::read_batch_run(folder, stem);
    return interpret_catch2_batch(batch.pointers, run.report, exit_code, run.stdout_text,
                                  run.stderr_text, major);
}

/// The spec list argument of a batch of `batch`.
std::string spec_list(const Batch& batch, Catch2Major major) {
    BatchArguments arguments = catch2_batch_arguments({}, batch.pointers, "r.xml", major);
    REQUIRE(arguments.count == batch.cases.size());
    return arguments.args[2];
}

} // namespace

TEST_SUITE("runner::catch2 batch") {
    TEST_CASE("a v2 batch lists the cases' specs, joined by commas, with the XML report") {
        Batch batch({v2_case("pass", {"basic", "quick"}), v2_case("fail assert", {"basic"})});
        BatchArguments arguments =
            catch2_batch_arguments({}, batch.pointers, "r.xml", Catch2Major::v2);
        CHECK(arguments.count == 2);
        CHECK(arguments.args == std::vector<std::string>{"--use-colour", "no", "pass,fail assert",
                                                         "-r", "xml", "-o", "r.xml", "-d", "yes"});
    }

    TEST_CASE("a v3 batch carries each case's tags and no console reporter") {
        Batch batch(
            {v3_case("pass", {"basic", "quick"}, 14), v3_case("hidden", {".", "hidden"}, 50)});
        BatchArguments arguments =
            catch2_batch_arguments({}, batch.pointers, "r.xml", Catch2Major::v3);
        CHECK(arguments.args == std::vector<std::string>{
                                    "--colour-mode", "none", "pass[basic][quick],hidden[.][hidden]",
                                    "--reporter", "xml::out=r.xml", "-d", "yes"});
    }

    TEST_CASE("a batch of every case an unfiltered run selects has no selector at all") {
        // Catch2 matches every case it has against every name: a whole binary names none.
        const std::vector<TestCase> listed{v2_case("a", {}), v2_case("hidden", {"."}),
                                           v2_case("b", {}), v2_case("c", {})};
        const std::vector<const TestCase*> batch{&listed[0], &listed[2], &listed[3]};
        BatchArguments v2 = catch2_batch_arguments(listed, batch, "r.xml", Catch2Major::v2);
        CHECK(v2.count == 3);
        CHECK(v2.args == std::vector<std::string>{"--use-colour", "no", "-r", "xml", "-o", "r.xml",
                                                  "-d", "yes"});
        BatchArguments v3 = catch2_batch_arguments(listed, batch, "r.xml", Catch2Major::v3);
        CHECK(v3.count == 3);
        CHECK(v3.args == std::vector<std::string>{"--colour-mode", "none", "--reporter",
                                                  "xml::out=r.xml", "-d", "yes"});
    }

    TEST_CASE("a v3 batch that is an equal shard of an unfiltered run is selected as that shard") {
        // Five cases an unfiltered run selects (the hidden one aside): shards of 3 and 2.
        const std::vector<TestCase> listed{v3_case("a", {}, 1),         v3_case("b", {}, 2),
                                           v3_case("hidden", {"."}, 3), v3_case("c", {}, 4),
                                           v3_case("d", {}, 5),         v3_case("e", {}, 6)};
        const std::vector<const TestCase*> first{&listed[0], &listed[1], &listed[3]};
        const std::vector<const TestCase*> second{&listed[4], &listed[5]};
        BatchArguments arguments = catch2_batch_arguments(listed, first, "r.xml", Catch2Major::v3);
        CHECK(arguments.count == 3);
        CHECK(arguments.args == std::vector<std::string>{"--colour-mode", "none", "--shard-count",
                                                         "2", "--shard-index", "0", "--reporter",
                                                         "xml::out=r.xml", "-d", "yes"});
        arguments = catch2_batch_arguments(listed, second, "r.xml", Catch2Major::v3);
        CHECK(arguments.args[3] == "2");
        CHECK(arguments.args[5] == "1");
    }

    TEST_CASE("a batch that is no shard, a v2 part, or one without the listing names its cases") {
        const std::vector<TestCase> listed{v3_case("a", {}, 1), v3_case("b", {}, 2),
                                           v3_case("c", {}, 3), v3_case("d", {}, 4),
                                           v3_case("e", {}, 5)};
        // b and c start at 1: no equal cut of five cases has a shard there of two.
        const std::vector<const TestCase*> middle{&listed[1], &listed[2]};
        CHECK(catch2_batch_arguments(listed, middle, "r.xml", Catch2Major::v3).args[2] == "b,c");
        // A gap (a, c) is no contiguous run.
        const std::vector<const TestCase*> gap{&listed[0], &listed[2]};
        CHECK(catch2_batch_arguments(listed, gap, "r.xml", Catch2Major::v3).args[2] == "a,c");
        // Catch2 2.13 has no shards.
        const std::vector<const TestCase*> last{&listed[3], &listed[4]};
        CHECK(catch2_batch_arguments(listed, last, "r.xml", Catch2Major::v2).args[2] == "d,e");
        std::vector<const TestCase*> all;
        for (const TestCase& test : listed) {
            all.push_back(&test);
        }
        CHECK(catch2_batch_arguments({}, all, "r.xml", Catch2Major::v2).args[2] == "a,b,c,d,e");
    }

    TEST_CASE("a batch holding a hidden case is named even when it holds every other case") {
        const std::vector<TestCase> listed{v2_case("a", {}), v2_case("hidden", {"."}),
                                           v2_case("b", {})};
        const std::vector<const TestCase*> batch{&listed[0], &listed[1], &listed[2]};
        CHECK(catch2_batch_arguments(listed, batch, "r.xml", Catch2Major::v2).args[2] ==
              "a,hidden,b");
    }

    TEST_CASE("wildcard names, exclusions and names other cases share once trimmed do not batch") {
        std::vector<TestCase> listed{v2_case("pass", {}),
                                     v2_case("*ends like pass", {}),
                                     v2_case("ends like fail*", {}),
                                     v2_case("exclude:not an exclusion", {}),
                                     v2_case("twin", {}),
                                     v2_case(" Twin ", {}),
                                     v2_case("all of , [ ] \\ * ~ \" in one", {})};
        CHECK(catch2_batchable_cases(listed, Catch2Major::v2) ==
              std::vector<bool>{true, false, false, false, false, false, true});
        std::vector<TestCase> same{v3_case("same name", {"same", "a"}, 151),
                                   v3_case("same name", {"same", "b"}, 155),
                                   v3_case("refused", {}, 1)};
        same.back().unselectable = "refused";
        CHECK(catch2_batchable_cases(same, Catch2Major::v3) ==
              std::vector<bool>{false, false, false});
    }

    TEST_CASE("a passing v2 batch gives each case its verdict, duration and report output") {
        Batch batch({v2_case("pass", {"basic", "quick"}),
                     v2_case("no newline on stdout", {"output"}),
                     v2_case("generators", {"generators"}), v2_case("hidden", {".", "hidden"})});
        std::vector<BatchCaseResult> results =
            read("batch-catch2_hostile", "pass", batch, 0, Catch2Major::v2);
        for (const BatchCaseResult& result : results) {
            CHECK(batch_verdict_is_final(result));
            CHECK(result.duration.has_value());
            // printf output reached the console, where nothing says whose it is.
            CHECK_FALSE(result.stdout_text.has_value());
            CHECK(result.stderr_text == std::optional<std::string>(""));
        }
    }

    TEST_CASE("a v3 batch's std::cout output is the case's own when the console stays empty") {
        Batch batch({v3_case("pass", {"basic", "quick"}, 14), v3_case("fail assert", {"basic"}, 18),
                     v3_case("no newline on stdout", {"output"}, 26)});
        CHECK(spec_list(batch, Catch2Major::v3) ==
              "pass[basic][quick],fail assert[basic],no newline on stdout[output]");
        BatchRun run = test_data::read_batch_run("batch-catch2v3_hostile", "fail-middle");
        std::vector<BatchCaseResult> results = interpret_catch2_batch(
            batch.pointers, run.report, 42, "", run.stderr_text, Catch2Major::v3);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(results[0].stdout_text == std::optional<std::string>(""));
        CHECK(results[1].verdict.failed);
        CHECK(results[1].verdict.failure_message.ends_with("hostile_test.cpp:19: CHECK( 1 == 2 )"));
        CHECK(batch_verdict_is_final(results[2]));
        CHECK(results[2].stdout_text == std::optional<std::string>("cout: 42\n"));
    }

    TEST_CASE("a case failing in the middle fails, and the cases around it keep their passes") {
        Batch v2({v2_case("pass", {"basic", "quick"}), v2_case("fail assert", {"basic"}),
                  v2_case("no newline on stdout", {"output"})});
        std::vector<BatchCaseResult> results =
            read("batch-catch2_hostile", "fail-middle", v2, 1, Catch2Major::v2);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(results[1].attributed);
        CHECK(results[1].verdict.failed);
        CHECK_FALSE(batch_verdict_is_final(results[1]));
        CHECK(batch_verdict_is_final(results[2]));
        // v2 exits with the number of failed assertions: another code may hide another cause.
        results = read("batch-catch2_hostile", "fail-middle", v2, 23, Catch2Major::v2);
        CHECK_FALSE(results[0].attributed);
        CHECK(results[1].verdict.failed);
        CHECK_FALSE(results[2].attributed);
    }

    TEST_CASE("after an exit mid-batch, the cases before stand and the rest are left alone") {
        Batch v2({v2_case("pass", {"basic", "quick"}), v2_case("fail assert", {"basic"}),
                  v2_case("exit zero mid-test", {"exit"}), v2_case("hidden", {".", "hidden"})});
        std::vector<BatchCaseResult> results =
            read("batch-catch2_hostile", "exit-zero-middle", v2, 0, Catch2Major::v2);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(results[1].verdict.failed);
        CHECK_FALSE(results[2].attributed);
        CHECK(results[2].unattributed_reason == "the process ended while the test case ran");
        CHECK(results[2].ended_in);
        CHECK_FALSE(results[3].attributed);
        CHECK_FALSE(results[3].ended_in);
        CHECK(results[3].unattributed_reason == "Catch2's report does not name the test case");

        Batch v3({v3_case("pass", {"basic", "quick"}, 14),
                  v3_case("exit(0) mid-test", {"exit"}, 56), v3_case("throws", {"basic"}, 61)});
        results = read("batch-catch2v3_hostile", "segv-middle", v3, 139, Catch2Major::v3);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK_FALSE(results[1].attributed);
        CHECK(results[1].ended_in);
        CHECK_FALSE(results[2].attributed);
    }

    TEST_CASE("a report cut off inside a finished case's element does not attribute that case") {
        Batch v2({v2_case("pass", {"basic", "quick"}), v2_case("fail assert", {"basic"}),
                  v2_case("no newline on stdout", {"output"})});
        BatchRun run = test_data::read_batch_run("batch-catch2_hostile", "fail-middle");
        const std::string report = *run.report;
        // Cut right after the third case's OverallResult: Catch2 may have been killed there.
        const std::size_t cut = report.find("<StdOut>");
        std::vector<BatchCaseResult> results = interpret_catch2_batch(
            v2.pointers, report.substr(0, cut), 139, "", "", Catch2Major::v2);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(results[1].verdict.failed);
        CHECK_FALSE(results[2].attributed);
    }

    TEST_CASE("a passing [!shouldfail] case fails the batch, which then keeps nothing") {
        Batch v2({v2_case("pass", {"basic", "quick"}),
                  v2_case("should fail but passes", {"!shouldfail"})});
        std::vector<BatchCaseResult> results =
            read("batch-catch2_hostile", "should-fail-passes", v2, 1, Catch2Major::v2);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(results[1].verdict.failed);
        results = read("batch-catch2_hostile", "should-fail-passes", v2, 0, Catch2Major::v2);
        CHECK_FALSE(results[0].attributed);
        CHECK_FALSE(results[1].attributed);
    }

    TEST_CASE("a fake failure block printed by a passing case leaves its pass and no output") {
        Batch v3({v3_case("pass", {"basic", "quick"}, 14),
                  v3_case("fake failure block", {"output"}, 73)});
        std::vector<BatchCaseResult> results =
            read("batch-catch2v3_hostile", "fake-markers", v3, 0, Catch2Major::v3);
        CHECK(batch_verdict_is_final(results[0]));
        CHECK(batch_verdict_is_final(results[1]));
        CHECK_FALSE(results[1].stdout_text.has_value());
    }

    TEST_CASE("names with every spec character batch together and are each found") {
        Batch v2({v2_case("all of , [ ] \\ * ~ \" in one", {"names"}),
                  v2_case("~[x] starts with a tilde and a tag", {"names"}),
                  v2_case("\"quoted\" at the start", {"names"}),
                  v2_case("[not a tag] at the start", {"names"}),
                  v2_case("~ tilde then space", {"names"}),
                  v2_case("  leading and trailing spaces  ", {"names"}),
                  v2_case("-leading dash", {"names"}), v2_case(",", {"names"}),
                  v2_case("\\[]~", {"names"})});
        CHECK(spec_list(v2, Catch2Major::v2) ==
              "all of \\, \\[ \\] \\\\ * \\~ \\\" in one,\"\\~\\[x\\] starts with a tilde and a "
              "tag\",\"\\\"quoted\\\" at the start\",\"\\[not a tag\\] at the start\",\"\\~ tilde "
              "then space\",\"  leading and trailing spaces  \",\"-leading dash\",\"\\,\","
              "\"\\\\\\[\\]\\~\"");
        for (const BatchCaseResult& result :
             read("batch-catch2_hostile", "names", v2, 0, Catch2Major::v2)) {
            CHECK(batch_verdict_is_final(result));
        }
        Batch v3({v3_case("all of , [ ] \\ * ~ \" in one", {"names"}, 117),
                  v3_case("~ tilde then space", {"names"}, 121),
                  v3_case("  leading and trailing spaces  ", {"names"}, 129),
                  v3_case(",", {"names"}, 133), v3_case("\\[]~", {"names"}, 137)});
        CHECK(spec_list(v3, Catch2Major::v3) ==
              "all of \\, \\[ \\] \\\\ * \\~ \\\" in one[names],\"\\~ tilde then space\"[names],"
              "\"  leading and trailing spaces  \"[names],\"\\,\"[names],\"\\\\\\[\\]\\~\"[names]");
        for (const BatchCaseResult& result :
             read("batch-catch2v3_hostile", "names", v3, 0, Catch2Major::v3)) {
            CHECK(batch_verdict_is_final(result));
        }
    }

    TEST_CASE("a v3 skip in a batch is a final skip with its message") {
        Batch v3({v3_case("pass", {"basic", "quick"}, 14), v3_case("runtime skip", {"skip"}, 22),
                  v3_case("no newline on stdout", {"output"}, 26),
                  v3_case("hidden", {".", "hidden"}, 50)});
        std::vector<BatchCaseResult> results =
            read("batch-catch2v3_hostile", "pass", v3, 0, Catch2Major::v3);
        CHECK(results[1].verdict.skipped);
        CHECK(results[1].verdict.skip_message == "skipped at run time");
        for (const BatchCaseResult& result : results) {
            CHECK(batch_verdict_is_final(result));
        }
    }
}

} // namespace ptest::runner
