// Tests of re-running alone (`[ctest] rerun-alone`): a case of a binary CTest registers whole that
// fails beside other tests gets one more attempt once every other test has finished, one at a
// time; passing then makes it flaky. The fake cases here see the fake launcher's other children:
// a `Shared.*` case fails when another test is running as it starts, as cases that write the same
// file do.
#include "scheduler_run.hpp"

#include "runner/schedule/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <doctest/doctest.h>

#include <csignal>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using Kinds = std::vector<std::string>;

namespace {

/// How long `Slow.Long` runs.
constexpr base::Duration k_long = 100ms;

/// What the run should look like.
struct AloneRun {
    std::vector<std::string> names;
    int threads = 2;
    bool rerun_alone = true; ///< RunOptions::rerun_alone.
    bool expanded = true;    ///< TestBinary::expanded_from_ctest.
    React react;
    Adjust adjust; ///< Changes the planned tests' settings and the options.
};

/// The run of `names` on `threads` workers, re-running alone, of a binary expanded from CTest.
AloneRun alone_run(std::vector<std::string> names, int threads = 2) {
    AloneRun setup;
    setup.names = std::move(names);
    setup.threads = threads;
    return setup;
}

/// Whether a child other than `child` is running.
bool others_running(const FakeLauncher& launcher, const FakeChild& child) {
    for (const auto& other : launcher.children) {
        if (other.get() != &child && other->running) {
            return true;
        }
    }
    return false;
}

/// Run `setup.names` as the cases of one fake binary with `profile`.
RunRecord run_alone(const profiles::Profile& profile, const AloneRun& setup) {
    TestList list;
    list.binaries.push_back(fake_behaviour(setup.names));
    list.binaries[0].expanded_from_ctest = setup.expanded;
    std::vector<TestRef> refs;
    for (const TestCase& test : list.binaries[0].cases) {
        refs.push_back({&list.binaries[0], &test});
    }
    PlannedRun plan = plan_settings(refs, profile, setup.threads, setup.threads);
    RunOptions options;
    options.profile = profile;
    options.test_threads = setup.threads;
    options.run_id = "00000000-0000-4000-8000-000000000000";
    options.group_max_threads = plan.group_max_threads;
    options.rerun_alone = setup.rerun_alone;
    if (setup.adjust) {
        setup.adjust(plan.tests, options);
    }

    FakeWorld world;
    world.launcher.script = [&world](const FakeChild& child) {
        const std::string name = child.env("PTEST_TEST_NAME");
        ChildScript script;
        script.ends_after = k_quick;
        if (name.starts_with("Shared.")) {
            script.exit_code = others_running(world.launcher, child) ? 1 : 0;
        } else if (name.starts_with("Real.")) {
            script.exit_code = 1;
        } else if (name == "Slow.Long") {
            script.ends_after = k_long;
        } else {
            return behaviour(child);
        }
        return script;
    };
    RecordingSink sink;
    Scheduler scheduler(world.launcher.loop(), sink, options, plan.tests, {});
    sink.on_event = [&](const reporter::Event& event) {
        if (setup.react) {
            setup.react(scheduler, world, event);
        }
    };
    RunRecord record;
    drive(world, scheduler, record);
    record.events = std::move(sink.events);
    return record;
}

/// The finished event of test `name`. Fails the test (throws) when there is none.
const reporter::TestFinished& finished_of(const RunRecord& record, const std::string& name) {
    for (const reporter::Event& event : record.events) {
        if (const auto* finished = std::get_if<reporter::TestFinished>(&event)) {
            if (finished->test.name == name) {
                return *finished;
            }
        }
    }
    throw std::runtime_error("no TestFinished for " + name);
}

/// The position of the first event of type `T` for test `name` in the run's events.
template <typename T>
std::size_t position_of(const RunRecord& record, const std::string& name) {
    for (std::size_t i = 0; i < record.events.size(); ++i) {
        if (const T* event = std::get_if<T>(&record.events[i]); event && event->test.name == name) {
            return i;
        }
    }
    throw std::runtime_error("no such event for " + name);
}

} // namespace

TEST_SUITE("runner::Scheduler re-runs alone") {
    TEST_CASE("a case that fails beside others is re-run after all of them and reported flaky") {
        RunRecord record =
            run_alone(quiet_profile(), alone_run({"Shared.A", "Shared.B", "Slow.Long"}));
        REQUIRE(record.finished);
        // Shared.B started beside Shared.A and failed; Slow.Long took its worker.
        const auto& will_rerun = nth<reporter::TestAttemptFailedWillRetry>(record.events);
        CHECK(will_rerun.test.name == "Shared.B");
        CHECK(will_rerun.rerun_alone);
        CHECK(will_rerun.delay_before_next == base::Duration::zero());
        const auto& alone = nth<reporter::TestRetryStarted>(record.events);
        CHECK(alone.alone);
        CHECK(alone.attempt == 2);
        CHECK(alone.total_attempts == 2);
        CHECK(position_of<reporter::TestRetryStarted>(record, "Shared.B") >
              position_of<reporter::TestFinished>(record, "Slow.Long"));
        REQUIRE(record.children.size() == 4);
        CHECK(record.children[3]->env("PTEST_TEST_NAME") == "Shared.B");
        CHECK(record.children[3]->env("PTEST_ATTEMPT") == "2");
        CHECK(record.children[3]->started == record.children[2]->started + k_long);

        const auto& finished = finished_of(record, "Shared.B");
        REQUIRE(finished.attempts.size() == 2);
        CHECK(finished.attempts[0].status == AttemptStatus::fail);
        CHECK_FALSE(finished.attempts[0].ran_alone);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.last().ran_alone);
        CHECK(finished.last().total_attempts == 2);
        CHECK(finished.passed_alone());
        const auto& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.passed == 3);
        CHECK(stats.flaky == 1);
        CHECK(stats.failed == 0);
    }

    TEST_CASE("re-runs alone start one at a time, each with nothing else running") {
        RunRecord record =
            run_alone(quiet_profile(), alone_run({"Shared.A", "Shared.B", "Shared.C"}, 3));
        REQUIRE(record.finished);
        CHECK(kinds_text(record.events) ==
              "RunStarted TestStarted TestStarted TestStarted TestFinished "
              "TestAttemptFailedWillRetry TestAttemptFailedWillRetry TestRetryStarted "
              "TestFinished TestRetryStarted TestFinished RunFinished");
        REQUIRE(record.children.size() == 5);
        // The alone attempts run back to back after the parallel ones, never together.
        CHECK(record.children[3]->started == record.children[0]->started + k_quick);
        CHECK(record.children[4]->started == record.children[3]->started + k_quick);
        CHECK(finished_of(record, "Shared.B").passed_alone());
        CHECK(finished_of(record, "Shared.C").passed_alone());
        CHECK(nth<reporter::RunFinished>(record.events).stats.flaky == 2);
    }

    TEST_CASE("a case that fails alone too stays failed, its alone attempt last") {
        RunRecord record = run_alone(quiet_profile(), alone_run({"Real.Fails", "Quick.Passes"}));
        REQUIRE(record.finished);
        const auto& finished = finished_of(record, "Real.Fails");
        REQUIRE(finished.attempts.size() == 2);
        CHECK(finished.last().status == AttemptStatus::fail);
        CHECK(finished.last().ran_alone);
        CHECK_FALSE(finished.is_flaky());
        CHECK_FALSE(finished.passed_alone());
        const auto& stats = nth<reporter::RunFinished>(record.events).stats;
        CHECK(stats.failed == 1);
        CHECK(stats.flaky == 0);
    }

    TEST_CASE("retries come first, and the re-run alone is one attempt more") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        RunRecord record = run_alone(profile, alone_run({"Real.Fails", "Slow.Long"}));
        REQUIRE(record.finished);
        const auto& retry = nth<reporter::TestRetryStarted>(record.events, 0);
        CHECK_FALSE(retry.alone);
        CHECK(retry.total_attempts == 2);
        const auto& alone = nth<reporter::TestRetryStarted>(record.events, 1);
        CHECK(alone.alone);
        CHECK(alone.attempt == 3);
        CHECK(alone.total_attempts == 3);
        const auto& finished = finished_of(record, "Real.Fails");
        REQUIRE(finished.attempts.size() == 3);
        CHECK_FALSE(finished.attempts[1].ran_alone);
        CHECK(finished.attempts[2].ran_alone);
        CHECK(record.children.back()->env("PTEST_TOTAL_ATTEMPTS") == "3");
    }

    TEST_CASE("nothing is re-run alone when it is off, outside an expanded CTest test, or at -j1") {
        AloneRun off = alone_run({"Real.Fails", "Quick.Passes"});
        off.rerun_alone = false;
        AloneRun not_expanded = alone_run({"Real.Fails", "Quick.Passes"});
        not_expanded.expanded = false;
        AloneRun one_thread = alone_run({"Real.Fails", "Quick.Passes"}, 1);
        for (const AloneRun& setup : {off, not_expanded, one_thread}) {
            RunRecord record = run_alone(quiet_profile(), setup);
            REQUIRE(record.finished);
            CHECK(finished_of(record, "Real.Fails").attempts.size() == 1);
            CHECK(record.children.size() == 2);
        }
    }

    TEST_CASE("a case whose failed attempt had nothing beside it is not re-run alone") {
        // The only test of the run: it already failed with nothing beside it.
        RunRecord record = run_alone(quiet_profile(), alone_run({"Real.Fails"}));
        REQUIRE(record.finished);
        CHECK(finished_of(record, "Real.Fails").attempts.size() == 1);
        CHECK(record.children.size() == 1);
    }

    TEST_CASE("a serial test group already runs its cases one at a time: no re-run alone") {
        AloneRun setup = alone_run({"Real.Fails", "Quick.Passes"});
        setup.adjust = [](std::vector<PlannedTest>& planned, RunOptions& options) {
            planned[0].settings.test_group = "serial";
            options.group_max_threads["serial"] = 1;
        };
        RunRecord record = run_alone(quiet_profile(), setup);
        REQUIRE(record.finished);
        CHECK(finished_of(record, "Real.Fails").attempts.size() == 1);
    }

    TEST_CASE("a failure waiting to be re-run alone does not count for fail-fast; when fail-fast "
              "stops the run, the waiting cases stay failed") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        RunRecord record = run_alone(profile, alone_run({"Real.A", "Real.B"}));
        REQUIRE(record.finished);
        // Both failed beside each other; A failed alone too, which stopped the run before B's
        // re-run alone.
        CHECK(kinds_text(record.events) ==
              "RunStarted TestStarted TestStarted TestAttemptFailedWillRetry "
              "TestAttemptFailedWillRetry TestRetryStarted TestFinished RunCancelling "
              "TestFinished RunFinished");
        CHECK(record.children.size() == 3);
        CHECK(finished_of(record, "Real.A").attempts.size() == 2);
        const auto& waiting = finished_of(record, "Real.B");
        REQUIRE(waiting.attempts.size() == 1);
        CHECK(waiting.last().status == AttemptStatus::fail);
        CHECK(nth<reporter::RunFinished>(record.events).stats.failed == 2);
        CHECK(record.not_run == 0);
    }

    TEST_CASE("an interrupt while a case waits to be re-run alone finishes it as failed") {
        AloneRun setup = alone_run({"Real.Fails", "Slow.Long"});
        setup.react = [](Scheduler& scheduler, FakeWorld& world, const reporter::Event& event) {
            if (std::holds_alternative<reporter::TestAttemptFailedWillRetry>(event)) {
                boost::asio::post(world.io, [&scheduler] { scheduler.interrupt(SIGTERM); });
            }
        };
        RunRecord record = run_alone(quiet_profile(), setup);
        REQUIRE(record.finished);
        CHECK(record.cancelled);
        CHECK(record.children.size() == 2);
        const auto& finished = finished_of(record, "Real.Fails");
        REQUIRE(finished.attempts.size() == 1);
        CHECK(finished.last().status == AttemptStatus::fail);
        CHECK(finished_of(record, "Slow.Long").last().status == AttemptStatus::cancelled);
    }
}

} // namespace ptest::runner
