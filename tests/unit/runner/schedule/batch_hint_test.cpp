// Tests of the batch hint's decision: a run in process mode hears about batches only when many
// cases spent most of their time starting processes and batches would cut the run by a good part;
// the estimate takes the shorter of the listing and the low-percentile case as the start-up.
#include "runner/schedule/batch_hint.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

namespace ptest::runner {

namespace {

using std::chrono::milliseconds;

/// A binary `id` whose `count` cases each took `each`, run in `batches` processes if batched.
HintBinary binary_of(const char* id, std::size_t count, reporter::Duration each,
                     std::size_t batches = 4) {
    HintBinary binary;
    binary.id = id;
    binary.durations.assign(count, each);
    binary.batches = batches;
    return binary;
}

/// A run of `elapsed` on `workers` whose longest test took `longest` and whose workers were busy
/// inside test processes all the time (no cost of ptest's own to count).
RunMeasure run_of(reporter::Duration elapsed, reporter::Duration longest, int workers) {
    RunMeasure run;
    run.elapsed = elapsed;
    run.longest = longest;
    run.workers = workers;
    run.process_time = elapsed * workers;
    run.processes = 400;
    return run;
}

} // namespace

TEST_SUITE("runner::batch_hint") {
    TEST_CASE("the start-up estimate is the listing or the median case, whichever is shorter, "
              "else the 10th-percentile case") {
        HintBinary binary = binary_of("unit", 0, milliseconds(0));
        CHECK_FALSE(startup_estimate(binary));
        for (int i = 20; i >= 1; --i) {
            binary.durations.push_back(milliseconds(i));
        }
        // 20 cases: the 10th percentile is index (20 - 1) / 10 = 1 (2 ms), the median index 9.
        CHECK(startup_estimate(binary) == milliseconds(2));
        binary.listing = milliseconds(4);
        CHECK(startup_estimate(binary) == milliseconds(4));
        binary.listing = milliseconds(30);
        CHECK(startup_estimate(binary) == milliseconds(10));
    }

    TEST_CASE("400 trivial cases on one worker get the hint with the start-ups saved") {
        const std::vector<HintBinary> binaries = {binary_of("unit", 400, milliseconds(4))};
        // 1.6 s of processes on one worker; 396 start-ups of 4 ms saved.
        const auto hint =
            decide_batch_hint(binaries, run_of(milliseconds(1700), milliseconds(4), 1));
        REQUIRE(hint);
        CHECK(hint->tests == 400);
        CHECK(hint->binary_ids == std::vector<std::string>{"unit"});
        CHECK(hint->estimate == milliseconds(1700 - 396 * 4));
    }

    TEST_CASE("the saving is shared by the run's workers") {
        const std::vector<HintBinary> binaries = {binary_of("unit", 400, milliseconds(4))};
        const auto hint =
            decide_batch_hint(binaries, run_of(milliseconds(900), milliseconds(4), 2));
        REQUIRE(hint);
        CHECK(hint->estimate == milliseconds(900 - 396 * 4 / 2));
    }

    TEST_CASE("a handful of cases gets no hint, however trivial") {
        const std::vector<HintBinary> binaries = {binary_of("unit", 12, milliseconds(400), 2)};
        CHECK_FALSE(decide_batch_hint(binaries, run_of(milliseconds(5000), milliseconds(400), 1)));
    }

    TEST_CASE("cases that spend most of their time on their own work get no hint") {
        // The listing shows a 4 ms start-up; each case takes 50 ms.
        HintBinary binary = binary_of("slow", 400, milliseconds(50));
        binary.listing = milliseconds(4);
        const std::vector<HintBinary> binaries = {binary};
        CHECK_FALSE(decide_batch_hint(binaries, run_of(milliseconds(20000), milliseconds(50), 1)));
    }

    TEST_CASE("ptest's own cost per process counts, at most two start-ups") {
        RunMeasure run = run_of(milliseconds(3000), milliseconds(4), 1);
        run.process_time = milliseconds(1600); // 400 processes: 3.5 ms each outside them.
        CHECK(overhead_per_process(run, milliseconds(10)) == std::chrono::microseconds(3500));
        CHECK(overhead_per_process(run, milliseconds(2)) == milliseconds(2));
        run.process_time = milliseconds(3100);
        CHECK(overhead_per_process(run, milliseconds(2)) == milliseconds(0));
        const std::vector<HintBinary> binaries = {binary_of("unit", 400, milliseconds(4))};
        run.process_time = milliseconds(1600);
        const auto hint = decide_batch_hint(binaries, run);
        REQUIRE(hint);
        // 396 processes saved, each 4 ms of start-up and 3.5 ms of ptest's own.
        CHECK(hint->estimate == milliseconds(3000) - std::chrono::microseconds(7500) * 396);
    }

    TEST_CASE("a few slow cases among trivial ones do not hide the start-ups") {
        HintBinary binary = binary_of("unit", 300, std::chrono::microseconds(2500));
        for (std::size_t i = 0; i < 20; ++i) {
            binary.durations[i] = milliseconds(40); // The mean is now twice the start-up.
        }
        const std::vector<HintBinary> binaries = {binary};
        const auto hint =
            decide_batch_hint(binaries, run_of(milliseconds(1600), milliseconds(40), 1));
        REQUIRE(hint);
        CHECK(hint->estimate == milliseconds(1600) - std::chrono::microseconds(2500) * 296);
    }

    TEST_CASE("a run that the saving would shorten by little gets no hint") {
        const std::vector<HintBinary> binaries = {binary_of("unit", 200, milliseconds(4))};
        // 0.8 s of start-ups in a 60 s run (a long test elsewhere): under a quarter.
        CHECK_FALSE(
            decide_batch_hint(binaries, run_of(milliseconds(60000), milliseconds(59000), 1)));
        // A whole run of 0.3 s saves less than half a second.
        const std::vector<HintBinary> tiny = {binary_of("unit", 120, milliseconds(2))};
        CHECK_FALSE(decide_batch_hint(tiny, run_of(milliseconds(300), milliseconds(2), 1)));
    }

    TEST_CASE("the estimate never goes below the run's longest test") {
        const std::vector<HintBinary> binaries = {binary_of("unit", 1000, milliseconds(4))};
        const auto hint =
            decide_batch_hint(binaries, run_of(milliseconds(4500), milliseconds(1500), 1));
        REQUIRE(hint);
        CHECK(hint->estimate == milliseconds(1500));
    }

    TEST_CASE("several small binaries count together, and a binary already in few processes "
              "saves nothing") {
        const std::vector<HintBinary> binaries = {binary_of("a", 60, milliseconds(5), 1),
                                                  binary_of("b", 60, milliseconds(5), 1),
                                                  binary_of("c", 2, milliseconds(5), 2)};
        const auto hint =
            decide_batch_hint(binaries, run_of(milliseconds(650), milliseconds(5), 1));
        REQUIRE(hint);
        CHECK(hint->tests == 120);
        CHECK(hint->binary_ids == std::vector<std::string>{"a", "b"});
        CHECK(hint->estimate == milliseconds(650 - 118 * 5));
    }

    TEST_CASE("the recorder measures first attempts of the hinted tests only, and no timeout") {
        TestBinary unit;
        unit.id = "unit";
        unit.listing_time = milliseconds(3);
        for (int i = 0; i < 3; ++i) {
            unit.cases.push_back(TestCase{});
        }
        std::vector<PlannedTest> tests(3);
        for (std::size_t i = 0; i < tests.size(); ++i) {
            tests[i].binary = &unit;
            tests[i].test = &unit.cases[i];
        }
        BatchHintRecorder recorder({{0, 1}}, tests);
        reporter::AttemptResult first;
        first.duration = milliseconds(7);
        reporter::AttemptResult retry;
        retry.duration = milliseconds(900);
        recorder.record(0, std::vector<reporter::AttemptResult>{first, retry});
        reporter::AttemptResult timed_out;
        timed_out.status = reporter::AttemptStatus::timeout;
        timed_out.duration = milliseconds(2000);
        recorder.record(1, std::vector<reporter::AttemptResult>{timed_out});
        recorder.record(2, std::vector<reporter::AttemptResult>{first});
        REQUIRE(recorder.binaries().size() == 1);
        const HintBinary& recorded = recorder.binaries().front();
        CHECK(recorded.id == "unit");
        CHECK(recorded.batches == 1);
        CHECK(recorded.listing == milliseconds(3));
        CHECK(recorded.durations == std::vector<reporter::Duration>{milliseconds(7)});
        CHECK_FALSE(recorder.hint(milliseconds(3000), 1)); // One case is no hint.
    }
}

} // namespace ptest::runner
