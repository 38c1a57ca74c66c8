// Helpers for the Scheduler tests: a quiet profile, and a run of named fake test cases on a
// FakeLauncher and a ManualClock that records every event. The fake `behaviour` binary's cases
// do what the cases of the real gtest_behaviour fixture do
// (tests/fixtures/gtest/behaviour_test.cpp), judged by their exit status; time passes only from one
// timer to the next, so a run takes no real time and every duration it reports is exact.
#pragma once

#include "fake_launcher.hpp"
#include "manual_clock.hpp"
#include "recording_sink.hpp"

#include "runner/plan/settings.hpp"
#include "runner/schedule/scheduler.hpp"

#include <boost/asio/io_context.hpp>

#include <csignal>
#include <functional>
#include <string>
#include <vector>

namespace ptest::runner::test_support {

using namespace std::chrono_literals;

/// A profile with no fail-fast, no retries and generous timeouts, for tests to adjust.
inline profiles::Profile quiet_profile() {
    profiles::Profile profile;
    profile.fail_fast.max_fail = std::nullopt;
    return profile;
}

/// How long each fake case that ends by itself runs.
inline constexpr base::Duration k_quick = 10ms;

/// The script of the `behaviour` case the child was started for (by PTEST_TEST_NAME, and
/// PTEST_ATTEMPT for the flaky ones). An unknown name fails to start (ENOENT).
inline ChildScript behaviour(const FakeChild& child) {
    const std::string name = child.env("PTEST_TEST_NAME");
    const int attempt = std::stoi("0" + child.env("PTEST_ATTEMPT"));
    ChildScript script;
    script.ends_after = k_quick;
    if (name == "Quick.Passes") {
        script.stdout_text = "quick: passing\n";
    } else if (name == "Flaky.PassesOnSecondAttempt") {
        script.exit_code = attempt >= 2 ? 0 : 1;
    } else if (name == "Flaky.PassesEveryThirdAttempt") {
        script.exit_code = attempt % 3 == 0 ? 0 : 1;
    } else if (name == "Slow.OneAndAHalfSeconds") {
        script.ends_after = 1500ms;
    } else if (name == "Hang.Forever") {
        script.ends_after = std::nullopt;
    } else if (name == "Hang.IgnoresSigterm") {
        script.ends_after = std::nullopt;
        script.ignored_signals = {SIGTERM};
    } else if (name == "Leak.GrandchildHoldsStdout") {
        script.output_held_for = 2s;
    } else if (name == "Env.PrintsSlots") {
        script.stdout_text = "group=" + child.env("PTEST_TEST_GROUP") +
                             " global_slot=" + child.env("PTEST_TEST_GLOBAL_SLOT") +
                             " group_slot=" + child.env("PTEST_TEST_GROUP_SLOT") + "\n";
    } else {
        script.start_error = ENOENT;
    }
    return script;
}

/// The fake binary `behaviour` with the cases `names`, judged by exit status alone.
inline TestBinary fake_behaviour(const std::vector<std::string>& names) {
    TestBinary binary;
    binary.id = "behaviour";
    binary.path = "/fake/behaviour";
    binary.kind = "command";
    for (const std::string& name : names) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(test);
    }
    return binary;
}

/// The loop, the manual clock and the fake launcher of one run, in destruction-safe order.
struct FakeWorld {
    boost::asio::io_context io;
    ManualClock clock{io};
    FakeLauncher launcher{io, clock};

    FakeWorld() { launcher.script = behaviour; }
};

/// What one run emitted.
struct RunRecord {
    std::vector<reporter::Event> events;
    bool finished = false;
    bool cancelled = false;
    std::uint32_t not_run = 0;
    base::Duration elapsed{0}; ///< Manual time from the start to RunFinished.
    /// Every child launched, in order (they stay inspectable after the run).
    std::vector<std::shared_ptr<FakeChild>> children;
};

/// Sees each event as it is emitted, and may act on the scheduler (posting to the loop acts
/// after the emitter has returned).
using React = std::function<void(Scheduler&, FakeWorld&, const reporter::Event&)>;

/// Changes the settings of some planned tests before the run.
using Adjust = std::function<void(std::vector<PlannedTest>&, RunOptions&)>;

/// Run `scheduler` on `world` until it finishes or no timer is left to expire.
inline void drive(FakeWorld& world, Scheduler& scheduler, RunRecord& record) {
    scheduler.on_finished([&] {
        record.finished = true;
        record.elapsed = world.clock.elapsed();
    });
    scheduler.start();
    while (!record.finished && world.clock.advance_to_next()) {
    }
    record.cancelled = scheduler.cancelled();
    record.not_run = scheduler.not_run();
    record.children = world.launcher.children;
}

/// Run `names` of the fake `behaviour` binary with `profile` on `threads` workers, planned by the
/// real planner (overrides included).
inline RunRecord run(const profiles::Profile& profile, const std::vector<std::string>& names,
                     int threads = 1, const React& react = {}, bool no_capture = false,
                     const Adjust& adjust = {}) {
    TestList list;
    list.binaries.push_back(fake_behaviour(names));
    std::vector<TestRef> refs;
    for (const TestCase& test : list.binaries[0].cases) {
        refs.push_back({&list.binaries[0], &test});
    }
    PlannedRun plan = plan_settings(refs, profile, threads, threads);
    RunOptions options;
    options.profile = profile;
    options.test_threads = threads;
    options.no_capture = no_capture;
    options.run_id = "00000000-0000-4000-8000-000000000000";
    options.base_env = {"PATH=/usr/bin:/bin"};
    options.group_max_threads = plan.group_max_threads;
    if (adjust) {
        adjust(plan.tests, options);
    }

    FakeWorld world;
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

} // namespace ptest::runner::test_support
