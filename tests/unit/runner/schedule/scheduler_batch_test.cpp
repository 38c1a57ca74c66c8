// Tests of batches in the scheduler (`isolation = "batch"`): a batch takes one worker and one
// process; a case it vouches for is reported as a lone attempt would be; a case it cannot vouch for
// (a failure, a crash and the cases after it) is re-run alone and that run decides; fail-fast fires
// from lone runs only; a cancel finishes the case the batch was running as cancelled, and the cases
// it never reached are not run.
// The fake children write real Catch2 3.7.1 reports: the captured batches of the catch2v3_hostile
// fixture (tests/data/reports/batch-catch2v3_hostile) and lone runs of its cases
// (tests/data/reports/catch2-3.7.1).
#include "../frameworks/batch_data.hpp"
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <map>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;

namespace {

/// A case of the catch2v3_hostile fixture: name, tags and line.
struct HostileCase {
    std::string name;
    std::vector<std::string> tags;
    std::uint32_t line = 0;
};

/// The fixture binary (Catch2 v3) with `cases`, as its listing gives them.
TestBinary hostile(const std::vector<HostileCase>& cases) {
    TestBinary binary;
    binary.id = "catch2v3_hostile";
    binary.kind = "catch2";
    binary.framework_version = 3;
    binary.path = "/fake/catch2v3_hostile";
    for (const HostileCase& listed : cases) {
        TestCase test;
        test.name = listed.name;
        test.labels = listed.tags;
        test.file = "FIXTURES/catch2v3/hostile_test.cpp";
        test.line = listed.line;
        binary.cases.push_back(std::move(test));
    }
    return binary;
}

/// The batch child writes the captured batch run `batch_stem` (nothing when empty) and ends with
/// `batch_end`; a lone
/// child of a case writes the lone report of `lone` (case name -> report stem) and ends as that
/// captured run did.
struct Scripts {
    std::string batch_stem;
    ChildScript batch_end;
    std::map<std::string, std::pair<std::string, ChildScript>> lone;
};

ChildScript script_for(const Scripts& scripts, const FakeChild& child) {
    const std::string name = child.env("PTEST_TEST_NAME");
    if (name.empty()) {
        ChildScript script = scripts.batch_end;
        if (scripts.batch_stem.empty()) {
            return script; // No report at all.
        }
        const test_data::BatchRun run =
            test_data::read_batch_run("batch-catch2v3_hostile", scripts.batch_stem);
        script.report = run.report.value_or("");
        script.stdout_text = run.stdout_text;
        script.stderr_text = run.stderr_text;
        return script;
    }
    const auto found = scripts.lone.find(name);
    if (found == scripts.lone.end()) {
        ChildScript unknown;
        unknown.start_error = ENOENT; // No lone run was expected for it.
        return unknown;
    }
    const auto& [stem, end] = found->second;
    ChildScript script = end;
    script.report = test_data::read_batch_file("catch2-3.7.1", stem + ".xml").value_or("");
    return script;
}

/// Run every case of `binary` as one batch on `threads` workers with `profile` (isolation batch).
RunRecord run_batch(profiles::Profile profile, const TestBinary& fixture, const Scripts& scripts,
                    int threads = 1, const React& react = {}) {
    profile.isolation = profiles::Isolation::batch;
    TestList list;
    list.binaries.push_back(fixture);
    std::vector<TestRef> refs;
    for (const TestCase& test : list.binaries[0].cases) {
        refs.push_back({&list.binaries[0], &test});
    }
    PlannedRun plan = plan_settings(refs, profile, threads, threads);
    RunOptions options;
    options.profile = profile;
    options.test_threads = threads;
    options.run_id = "00000000-0000-4000-8000-000000000000";
    options.base_env = {"PATH=/usr/bin:/bin"};
    std::vector<std::size_t>& batch = options.batches.emplace_back();
    for (std::size_t i = 0; i < plan.tests.size(); ++i) {
        batch.push_back(i);
    }
    FakeWorld world;
    world.launcher.script = [&](const FakeChild& child) { return script_for(scripts, child); };
    RecordingSink sink;
    Scheduler scheduler(world.launcher.loop(), sink, options, plan.tests, {});
    sink.on_event = [&](const reporter::Event& event) {
        if (react) {
            react(scheduler, world, event);
        }
    };
    RunRecord record;
    drive(world, scheduler, record);
    record.events = std::move(sink.events);
    return record;
}

/// Each finished test's last status, by name.
std::map<std::string, AttemptStatus> verdicts(const RunRecord& record) {
    std::map<std::string, AttemptStatus> out;
    for (const reporter::Event& event : record.events) {
        if (const auto* finished = std::get_if<reporter::TestFinished>(&event)) {
            out[finished->test.name] = finished->last().status;
        }
    }
    return out;
}

/// The cases of the captured `pass` batch run.
const std::vector<HostileCase> k_pass_cases{{"pass", {"basic", "quick"}, 14},
                                            {"runtime skip", {"skip"}, 22},
                                            {"no newline on stdout", {"output"}, 26},
                                            {"hidden", {".", "hidden"}, 50}};

/// The cases of the captured `fail-middle` and `segv-middle` batch runs.
const std::vector<HostileCase> k_fail_middle{{"pass", {"basic", "quick"}, 14},
                                             {"fail assert", {"basic"}, 18},
                                             {"no newline on stdout", {"output"}, 26}};
const std::vector<HostileCase> k_segv_middle{{"pass", {"basic", "quick"}, 14},
                                             {"exit(0) mid-test", {"exit"}, 56},
                                             {"throws", {"basic"}, 61}};

ChildScript exits(int code) {
    ChildScript script;
    script.exit_code = code;
    return script;
}

ChildScript dies(int signal) {
    ChildScript script;
    script.dies_of = signal;
    return script;
}

/// Interrupt the run as soon as it has started (the batch is then running).
void interrupt_at_start(Scheduler& scheduler, FakeWorld& world, const reporter::Event& event) {
    if (std::holds_alternative<reporter::RunStarted>(event)) {
        boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGINT); });
    }
}

Scripts fail_middle() {
    return Scripts{"fail-middle", exits(42), {{"fail assert", {"fail_assert", exits(42)}}}};
}

} // namespace

TEST_SUITE("runner::Scheduler batches") {
    TEST_CASE("a batch whose cases all pass runs one process and reports every case final") {
        const RunRecord record =
            run_batch(quiet_profile(), hostile(k_pass_cases), Scripts{"pass", exits(0), {}});
        REQUIRE(record.finished);
        REQUIRE(record.children.size() == 1);
        const std::map<std::string, AttemptStatus> got = verdicts(record);
        CHECK(got.size() == 4);
        CHECK(got.at("pass") == AttemptStatus::pass);
        CHECK(got.at("no newline on stdout") == AttemptStatus::pass);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.batched == 4);
        CHECK(finished.stats.batch_reruns == 0);
        CHECK(finished.stats.finished_count == 4);
        // Each case is started before it is finished, as a lone attempt is.
        CHECK(kinds_text(record.events).find("TestStarted TestFinished") != std::string::npos);
    }

    TEST_CASE("a batch reports itself finished, with its slot and cases, before its cases") {
        const RunRecord record =
            run_batch(quiet_profile(), hostile(k_pass_cases), Scripts{"pass", exits(0), {}});
        REQUIRE(record.finished);
        CHECK(kinds_text(record.events).find("BatchFinished TestStarted TestFinished") !=
              std::string::npos);
        const auto& batch = nth<reporter::BatchFinished>(record.events);
        CHECK(batch.cases.size() == 4);
        CHECK(batch.global_slot == 0);
        for (const reporter::Event& event : record.events) {
            if (const auto* finished = std::get_if<reporter::TestFinished>(&event)) {
                CHECK(finished->last().slot == batch.global_slot);
            }
        }
    }

    TEST_CASE("a case failing inside a batch is re-run alone and its lone run decides") {
        const RunRecord record = run_batch(quiet_profile(), hostile(k_fail_middle), fail_middle());
        REQUIRE(record.finished);
        REQUIRE(record.children.size() == 2);
        CHECK(record.children[1]->env("PTEST_TEST_NAME") == "fail assert");
        const std::map<std::string, AttemptStatus> got = verdicts(record);
        CHECK(got.at("pass") == AttemptStatus::pass);
        CHECK(got.at("fail assert") == AttemptStatus::fail);
        CHECK(got.at("no newline on stdout") == AttemptStatus::pass);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.batched == 3);
        CHECK(finished.stats.batch_reruns == 1);
        CHECK(finished.stats.failed == 1);
        // The batch's own events say the same, before the cases it vouched for.
        CHECK(nth<reporter::BatchStarted>(record.events).names.size() == 3);
        const auto& batch = nth<reporter::BatchFinished>(record.events);
        CHECK(batch.binary_id == "catch2v3_hostile");
        CHECK(batch.vouched == 2);
        CHECK(batch.not_reached == 0);
        REQUIRE(batch.reruns.size() == 1);
        CHECK(batch.reruns[0].name == "fail assert");
        CHECK_FALSE(batch.reruns[0].reason.empty());
        CHECK(kinds_text(record.events).find("BatchStarted BatchFinished TestStarted") !=
              std::string::npos);
    }

    TEST_CASE("a crash inside a batch re-runs the case it ended in and every later case alone") {
        const Scripts scripts{
            "segv-middle",
            dies(SIGSEGV),
            {{"exit(0) mid-test", {"exit_0", dies(SIGSEGV)}}, {"throws", {"throws", exits(42)}}}};
        const RunRecord record = run_batch(quiet_profile(), hostile(k_segv_middle), scripts);
        REQUIRE(record.finished);
        CHECK(record.children.size() == 3);
        const std::map<std::string, AttemptStatus> got = verdicts(record);
        REQUIRE(got.size() == 3);
        CHECK(got.at("pass") == AttemptStatus::pass);
        CHECK(got.at("exit(0) mid-test") != AttemptStatus::pass);
        CHECK(got.at("throws") == AttemptStatus::fail);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.batch_reruns == 2);
        CHECK(finished.not_run == 0);
    }

    TEST_CASE("fail-fast waits for the lone run: a failure inside a batch does not cancel") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        const RunRecord record = run_batch(profile, hostile(k_fail_middle), fail_middle());
        REQUIRE(record.finished);
        // The lone run happened, and its failure is what stopped the run.
        REQUIRE(record.children.size() == 2);
        CHECK(verdicts(record).at("fail assert") == AttemptStatus::fail);
        CHECK(record.cancelled);
        CHECK(kinds_text(record.events).find("TestFinished RunCancelling") != std::string::npos);
    }

    TEST_CASE("a cancel of a batch that says nothing cancels its first case; the others were not "
              "run") {
        Scripts scripts{"", ChildScript{}, {}};
        scripts.batch_end.ends_after = std::nullopt; // It hangs until the cancel ends it.
        const RunRecord record =
            run_batch(quiet_profile(), hostile(k_fail_middle), scripts, 1, interrupt_at_start);
        REQUIRE(record.finished);
        CHECK(record.cancelled);
        REQUIRE(record.children.size() == 1);
        CHECK(record.children[0]->signals.front() == SIGINT);
        const std::map<std::string, AttemptStatus> got = verdicts(record);
        CHECK(got == std::map<std::string, AttemptStatus>{{"pass", AttemptStatus::cancelled}});
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.cancelled == 1);
        CHECK(finished.not_run == 2);
        CHECK(finished.stats.batch_reruns == 0);
    }

    TEST_CASE("a cancel of a batch cancels the case its report stops in; the cases after it were "
              "not run") {
        Scripts scripts{"segv-middle", ChildScript{}, {}};
        scripts.batch_end.ends_after = std::nullopt;
        const RunRecord record =
            run_batch(quiet_profile(), hostile(k_segv_middle), scripts, 1, interrupt_at_start);
        REQUIRE(record.finished);
        const std::map<std::string, AttemptStatus> got = verdicts(record);
        CHECK(got.at("exit(0) mid-test") == AttemptStatus::cancelled);
        CHECK(got.count("throws") == 0);
        const auto& finished = nth<reporter::RunFinished>(record.events);
        CHECK(finished.stats.cancelled == 1);
        CHECK(finished.not_run == 3 - got.size());
    }
}

} // namespace ptest::runner
