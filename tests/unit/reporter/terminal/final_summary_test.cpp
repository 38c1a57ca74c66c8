// Table-driven tests of the summary grammar and the not-run warning.
#include "terminal_fixture.hpp"

#include "reporter/terminal/final_summary.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;

namespace {

struct StatsRow {
    const char* name;
    RunStats stats;
    const char* expected;
};

RunStats stats_of(std::uint32_t initial, std::uint32_t finished_count) {
    RunStats stats;
    stats.initial_run_count = initial;
    stats.finished_count = finished_count;
    return stats;
}

} // namespace

TEST_SUITE("reporter::final_summary") {
    TEST_CASE("the counts omit zero parts except passed and skipped") {
        std::vector<StatsRow> rows;
        RunStats clean = stats_of(5, 5);
        clean.passed = 5;
        rows.push_back({"all passed", clean, "5 passed, 0 failed, 0 skipped"});
        RunStats mixed = stats_of(10, 8);
        mixed.passed = 5;
        mixed.passed_slow = 1;
        mixed.flaky = 1;
        mixed.leaky = 1;
        mixed.failed = 2;
        mixed.timed_out = 1;
        mixed.skipped = 2;
        rows.push_back({"nextest's example", mixed,
                        "5 passed (1 slow, 1 flaky, 1 leaky), 2 failed, 1 timed out, 2 skipped"});
        RunStats leaky_fail = stats_of(3, 3);
        leaky_fail.passed = 1;
        leaky_fail.failed = 2;
        leaky_fail.leaky_failed = 1;
        rows.push_back(
            {"leaky failures", leaky_fail, "1 passed, 2 failed (1 due to being leaky), 0 skipped"});
        RunStats flaky_fail = stats_of(2, 2);
        flaky_fail.passed = 1;
        flaky_fail.failed = 1;
        flaky_fail.flaky_failed = 1;
        rows.push_back({"flaky failures (flaky-result = fail)", flaky_fail,
                        "1 passed, 1 failed (1 due to being flaky), 0 skipped"});
        RunStats exec = stats_of(4, 4);
        exec.exec_failed = 1;
        exec.cancelled = 2;
        exec.skipped_at_runtime = 1;
        rows.push_back(
            {"exec failures, cancels and run-time skips", exec,
             "0 passed, 0 failed, 1 exec failed, 2 cancelled, 1 reported skipped, 0 skipped"});
        RunStats only_flaky = stats_of(2, 2);
        only_flaky.passed = 2;
        only_flaky.flaky = 2;
        rows.push_back({"flaky only", only_flaky, "2 passed (2 flaky), 0 failed, 0 skipped"});
        RunStats shard = stats_of(1, 1);
        shard.passed = 1;
        shard.skipped = 10;
        shard.skipped_partition = 2;
        rows.push_back({"a shard of --partition", shard,
                        "1 passed, 0 failed, 10 skipped (2 in other partitions)"});

        for (const StatsRow& row : rows) {
            INFO(row.name);
            CHECK(summary_counts(row.stats, false) == row.expected);
        }
    }

    TEST_CASE("the summary line counts tests run out of those selected") {
        RunStats all = stats_of(1, 1);
        all.passed = 1;
        CHECK(summary_line(run_finished(all, 2000), false) ==
              "     Summary [   2.000s] 1 test run: 1 passed, 0 failed, 0 skipped");
        RunStats some = stats_of(10, 8);
        some.passed = 7;
        some.failed = 1;
        CHECK(summary_line(run_finished(some, 15750), false) ==
              "     Summary [  15.750s] 8/10 tests run: 7 passed, 1 failed, 0 skipped");
        CHECK(summary_line(run_finished(stats_of(0, 0), 100), false) ==
              "     Summary [   0.100s] 0 tests run: 0 passed, 0 failed, 0 skipped");
    }

    TEST_CASE("the summary word is coloured by outcome") {
        RunStats failed = stats_of(1, 1);
        failed.failed = 1;
        CHECK(summary_line(run_finished(failed, 1), true).find("\x1b[1;31mSummary") !=
              std::string::npos);
        RunStats passed = stats_of(1, 1);
        passed.passed = 1;
        CHECK(summary_line(run_finished(passed, 1), true).find("\x1b[1;32mSummary") !=
              std::string::npos);
        CHECK(summary_line(run_finished(stats_of(0, 0), 1), true).find("\x1b[1;33mSummary") !=
              std::string::npos);
    }

    TEST_CASE("the not-run warning names the reason") {
        struct Row {
            CancelState cancel;
            std::uint32_t initial;
            std::uint32_t not_run;
            const char* expected;
        };
        const std::vector<Row> rows = {
            {CancelState::test_failure, 10, 3,
             "warning: 3/10 tests were not run due to test failure (run with --no-fail-fast to "
             "run all tests, or run with --max-fail)"},
            {CancelState::interrupt, 10, 2, "warning: 2/10 tests were not run due to interrupt"},
            {CancelState::signal, 2, 1, "warning: 1/2 tests were not run due to signal"},
            {CancelState::global_timeout, 5, 4,
             "warning: 4/5 tests were not run due to global timeout"},
            {CancelState::second_signal, 1, 1,
             "warning: 1/1 test was not run due to second signal"},
            {CancelState::none, 4, 1, "warning: 1/4 tests were not run"},
        };
        for (const Row& row : rows) {
            INFO(row.expected);
            const RunFinished event = run_finished(stats_of(row.initial, 0), 1, row.not_run);
            CHECK(not_run_warning(event, row.cancel, false) == row.expected);
        }
        CHECK_FALSE(
            not_run_warning(run_finished(stats_of(3, 3), 1, 0), CancelState::interrupt, false)
                .has_value());
    }

    TEST_CASE("the batch hint names the binary or counts the binaries, and both durations") {
        RunFinished event = run_finished(stats_of(400, 400), 4310);
        CHECK_FALSE(batch_hint_note(event, false).has_value());
        event.batch_hint = BatchHint{400, {"unit"}, ms(520)};
        CHECK(batch_hint_note(event, false) ==
              "note: 400 tests of `unit` spent most of their time starting a process each; with "
              "isolation = \"batch\" this run would likely take about 0.52s instead of 4.31s");
        event.batch_hint = BatchHint{250, {"a", "b", "c"}, ms(1250)};
        CHECK(batch_hint_note(event, false) ==
              "note: 250 tests of 3 binaries spent most of their time starting a process each; "
              "with isolation = \"batch\" this run would likely take about 1.25s instead of "
              "4.31s");
    }

    TEST_CASE("a failure without a cancel event is taken as fail-fast") {
        RunStats stats = stats_of(5, 1);
        stats.failed = 1;
        CHECK(not_run_warning(run_finished(stats, 1, 4), CancelState::none, false) ==
              "warning: 4/5 tests were not run due to test failure (run with --no-fail-fast to "
              "run all tests, or run with --max-fail)");
    }

    TEST_CASE("the closing list puts passes first and failures last, then sorts by name") {
        std::vector<FinalEntry> entries;
        entries.push_back(
            {id("b", "fail"), finished(id("b", "fail"), {attempt(AttemptStatus::fail, 1)}), false});
        entries.push_back({id("a", "skipped"), std::nullopt, false});
        entries.push_back(
            {id("a", "fail"), finished(id("a", "fail"), {attempt(AttemptStatus::fail, 1)}), false});
        entries.push_back(
            {id("c", "pass"), finished(id("c", "pass"), {attempt(AttemptStatus::pass, 1)}), false});
        sort_final_entries(entries);
        REQUIRE(entries.size() == 4);
        CHECK(entries[0].test == id("c", "pass"));
        CHECK(entries[1].test == id("a", "skipped"));
        CHECK(entries[2].test == id("a", "fail"));
        CHECK(entries[3].test == id("b", "fail"));
        CHECK(final_entry_line(entries[1], false) == "        SKIP [         ] a skipped");
    }
}
