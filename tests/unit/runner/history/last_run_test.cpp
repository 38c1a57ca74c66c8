// Tests of the last run's record behind `--rerun-failed`: the recorder marks finished tests by
// their last attempt and selected tests that never finished as not run, carries unselected tests
// forward and forgets cases a binary no longer lists; the file round-trips; and a re-run keeps
// exactly the failed, not-run and never-recorded tests, in order.
#include "runner/history/last_run.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace ptest::runner {

namespace {

using reporter::AttemptStatus;
using Key = std::pair<std::string, std::string>;

reporter::TestFinished finished(const std::string& name, std::vector<AttemptStatus> statuses) {
    reporter::TestFinished event;
    event.test = {"unit", name};
    for (const AttemptStatus status : statuses) {
        reporter::AttemptResult attempt;
        attempt.status = status;
        event.attempts.push_back(attempt);
    }
    return event;
}

/// One binary `unit` with the cases `names`, in order.
TestList make_list(const std::vector<std::string>& names) {
    TestList list;
    TestBinary binary;
    binary.id = "unit";
    for (const std::string& name : names) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(test);
    }
    list.binaries.push_back(binary);
    return list;
}

std::vector<TestRef> refs(const TestList& list) {
    std::vector<TestRef> out;
    for (const TestCase& test : list.binaries.front().cases) {
        out.push_back({&list.binaries.front(), &test});
    }
    return out;
}

/// A fresh directory under the system temp folder, removed on destruction.
struct ScratchDir {
    ScratchDir() {
        path = std::filesystem::temp_directory_path() /
               ("ptest-last-run-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

} // namespace

TEST_SUITE("runner::LastRun") {
    TEST_CASE("the recorder marks each selected test by its last attempt, or as not run") {
        const ScratchDir dir;
        const TestList list = make_list({"Passes", "Fails", "Flaky", "Cancelled", "NeverStarted"});
        LastRunStore store;
        store.set("unit", "Unselected", LastOutcome::failed);
        LastRunRecorder recorder(store, dir.path / "last-run-default.tsv", refs(list), list);
        recorder.report(finished("Passes", {AttemptStatus::pass}));
        recorder.report(finished("Fails", {AttemptStatus::fail}));
        recorder.report(finished("Flaky", {AttemptStatus::fail, AttemptStatus::pass}));
        recorder.report(finished("Cancelled", {AttemptStatus::cancelled}));
        const reporter::FinishResult result = recorder.finish();
        CHECK(result.warnings.empty());
        CHECK(store.find("unit", "Passes") == LastOutcome::passed);
        CHECK(store.find("unit", "Fails") == LastOutcome::failed);
        CHECK(store.find("unit", "Flaky") == LastOutcome::passed);
        CHECK(store.find("unit", "Cancelled") == LastOutcome::not_run);
        CHECK(store.find("unit", "NeverStarted") == LastOutcome::not_run);
        // A test the listed binary no longer has is forgotten, even one that failed.
        CHECK_FALSE(store.find("unit", "Unselected").has_value());
        CHECK(store.outstanding() ==
              std::vector<Key>{{"unit", "Cancelled"}, {"unit", "Fails"}, {"unit", "NeverStarted"}});
    }

    TEST_CASE("tests outside the selection carry their outcome forward") {
        const ScratchDir dir;
        const TestList list = make_list({"A", "B"});
        LastRunStore store;
        store.set("unit", "B", LastOutcome::failed);
        store.set("other", "C", LastOutcome::passed);
        const std::vector<TestRef> all = refs(list);
        LastRunRecorder recorder(store, dir.path / "last.tsv", {all.front()}, list);
        recorder.report(finished("A", {AttemptStatus::pass}));
        (void)recorder.finish();
        CHECK(store.find("unit", "A") == LastOutcome::passed);
        CHECK(store.find("unit", "B") == LastOutcome::failed);
        CHECK(store.find("other", "C") == LastOutcome::passed);
    }

    TEST_CASE("the file round-trips names with tabs and a missing file is no recorded run") {
        const ScratchDir dir;
        const std::filesystem::path file = last_run_path(dir.path / "history.tsv", "ci");
        CHECK(file == dir.path / "last-run-ci.tsv");
        std::vector<std::string> warnings;
        CHECK_FALSE(LastRunStore::load(file, warnings).recorded());
        LastRunStore store;
        store.set("unit", "Odd\tname\\", LastOutcome::not_run);
        store.set("unit", "Plain", LastOutcome::passed);
        store.save(file);
        const LastRunStore loaded = LastRunStore::load(file, warnings);
        CHECK(warnings.empty());
        CHECK(loaded.recorded());
        CHECK(loaded.find("unit", "Odd\tname\\") == LastOutcome::not_run);
        CHECK(loaded.find("unit", "Plain") == LastOutcome::passed);
    }

    TEST_CASE("a file that is not a last-run file is a warning and an empty record") {
        const ScratchDir dir;
        const std::filesystem::path file = dir.path / "last-run-default.tsv";
        std::ofstream(file) << "# ptest last run v1\nunit\tA\tfailed\nunit\tB\tmaybe\n";
        std::vector<std::string> warnings;
        const LastRunStore partly = LastRunStore::load(file, warnings);
        CHECK(partly.find("unit", "A") == LastOutcome::failed);
        CHECK(warnings == std::vector<std::string>{"ignoring 1 malformed line of the last run " +
                                                   file.string()});
        std::ofstream(file) << "garbage\n";
        warnings.clear();
        CHECK(LastRunStore::load(file, warnings).outstanding().empty());
        CHECK(warnings.size() == 1);
    }

    TEST_CASE("a re-run keeps the failed, not-run and new tests in order and skips the passed") {
        const TestList list = make_list({"Passed", "Failed", "New", "NotRun"});
        LastRunStore store;
        store.set("unit", "Passed", LastOutcome::passed);
        store.set("unit", "Failed", LastOutcome::failed);
        store.set("unit", "NotRun", LastOutcome::not_run);
        Selection selection;
        selection.run = refs(list);
        const RerunSelection counts = keep_rerun_tests(selection, store);
        CHECK(counts.kept == 3);
        CHECK(counts.passed == 1);
        std::vector<std::string> kept;
        for (const TestRef& ref : selection.run) {
            kept.push_back(ref.test->name);
        }
        CHECK(kept == std::vector<std::string>{"Failed", "New", "NotRun"});
        REQUIRE(selection.skipped.size() == 1);
        CHECK(selection.skipped.front().test->name == "Passed");
    }
}

} // namespace ptest::runner
