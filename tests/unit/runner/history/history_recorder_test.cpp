// Tests of the recorder: finished tests are recorded with their deciding attempt's duration and
// final outcome; cancelled tests and other events leave the store alone; finishing saves the
// store, and a store that cannot be saved is a warning.
#include "runner/history/history_recorder.hpp"

#include <doctest/doctest.h>

#include <chrono>

namespace ptest::runner {

namespace {

using namespace std::chrono_literals;
using reporter::AttemptStatus;

reporter::AttemptResult attempt(AttemptStatus status, reporter::Duration duration) {
    reporter::AttemptResult result;
    result.status = status;
    result.duration = duration;
    return result;
}

reporter::TestFinished finished(const std::string& name,
                                std::vector<reporter::AttemptResult> attempts) {
    reporter::TestFinished event;
    event.test = {"unit", name};
    event.attempts = std::move(attempts);
    return event;
}

} // namespace

TEST_SUITE("runner::HistoryRecorder") {
    TEST_CASE("a finished test is recorded with its last attempt's duration and outcome") {
        HistoryStore store;
        HistoryRecorder recorder(store);
        recorder.report(finished("Passes", {attempt(AttemptStatus::pass, 250ms)}));
        recorder.report(finished("Fails", {attempt(AttemptStatus::fail, 1500ms)}));
        recorder.report(finished(
            "Flaky", {attempt(AttemptStatus::fail, 3s), attempt(AttemptStatus::pass, 500ms)}));
        recorder.report(finished("TimesOut", {attempt(AttemptStatus::timeout, 2s)}));
        recorder.report(finished("Skips", {attempt(AttemptStatus::skip, 1ms)}));
        CHECK(recorder.recorded() == 5);
        CHECK(*store.find("unit", "Passes") == TestHistory{0.25, false});
        CHECK(*store.find("unit", "Fails") == TestHistory{1.5, true});
        CHECK(*store.find("unit", "Flaky") == TestHistory{0.5, false});
        CHECK(*store.find("unit", "TimesOut") == TestHistory{2.0, true});
        CHECK(*store.find("unit", "Skips") == TestHistory{0.001, false});
    }

    TEST_CASE("a cancelled test keeps its earlier history and other events change nothing") {
        HistoryStore store;
        store.record("unit", "Cancelled", {4.0, false});
        HistoryRecorder recorder(store);
        recorder.report(finished("Cancelled", {attempt(AttemptStatus::cancelled, 10ms)}));
        recorder.report(reporter::TestStarted{{"unit", "Other"}, 1});
        recorder.report(reporter::TestSkipped{{"unit", "Skipped"}, reporter::SkipReason::filtered});
        CHECK(recorder.recorded() == 0);
        CHECK(store.size() == 1);
        CHECK(*store.find("unit", "Cancelled") == TestHistory{4.0, false});
    }

    TEST_CASE("a history that cannot be saved is a warning when the recorder finishes") {
        // No directory can be created below /dev/null, so saving there always fails.
        HistoryStore store;
        HistoryRecorder recorder(store, std::filesystem::path("/dev/null/history.tsv"));
        recorder.report(finished("Passes", {attempt(AttemptStatus::pass, 250ms)}));
        const reporter::FinishResult result = recorder.finish();
        CHECK(result.errors.empty());
        REQUIRE(result.warnings.size() == 1);
        CHECK(result.warnings[0].rfind("test history not saved: ", 0) == 0);
    }

    TEST_CASE("a recorder that recorded nothing saves nothing") {
        HistoryStore store;
        HistoryRecorder recorder(store, std::filesystem::path("/dev/null/history.tsv"));
        recorder.report(reporter::TestStarted{{"unit", "Other"}, 1});
        const reporter::FinishResult result = recorder.finish();
        CHECK(result.warnings.empty());
        CHECK(result.errors.empty());
    }
}

} // namespace ptest::runner
