// Helpers for the tests of CTest's ordering properties in the Scheduler: a run of fake CTest tests
// (each a fake binary whose cases pass or fail after a set time) with FIXTURES_* and DEPENDS, on a
// FakeLauncher and a ManualClock, recording when each case started and finished. Time moves only
// from one timer to the next, so every time is exact and nothing sleeps.
#pragma once

#include "fake_launcher.hpp"
#include "manual_clock.hpp"
#include "recording_sink.hpp"
#include "scheduler_run.hpp"

#include "runner/plan/settings.hpp"
#include "runner/schedule/scheduler.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ptest::runner::test_support {

/// One fake CTest test: its name (the binary id), its cases (the name alone when empty), how its
/// cases end and its ordering properties.
struct FakeCTest {
    std::string name{};
    std::vector<std::string> cases{};
    base::Duration runs_for = k_quick;
    int exit_code = 0;
    int fails_until_attempt = 0; ///< Exits 1 while PTEST_ATTEMPT is below this.
    std::optional<int> skip_return_code{};
    std::vector<std::string> setup{};
    std::vector<std::string> cleanup{};
    std::vector<std::string> required{};
    std::vector<std::string> depends{};
};

/// The manual time at which one case started and finished, and how it ended.
struct CaseTimes {
    std::optional<base::Duration> started;
    std::optional<base::Duration> finished;
    std::optional<reporter::AttemptResult> result;
};

/// What an ordered run did, by `binary` or `binary/case` name.
struct OrderRecord {
    RunRecord run;
    std::map<std::string, CaseTimes> times;
    std::vector<std::string> start_order; ///< Binary ids (a case as `binary/case`), in order.

    /// The times of the case `key` (`binary` for a one-case test). Throws when it never started.
    const CaseTimes& at(const std::string& key) const {
        auto found = times.find(key);
        if (found == times.end()) {
            throw std::runtime_error(key + " never started");
        }
        return found->second;
    }
    bool started(const std::string& key) const { return times.count(key) > 0; }
    /// Whether `later` started no earlier than `earlier` finished.
    bool after(const std::string& later, const std::string& earlier) const {
        return *at(later).started >= *at(earlier).finished;
    }
};

/// The list of `tests`, each a fake binary carrying its CTest rules.
inline TestList fake_ctest_list(const std::vector<FakeCTest>& tests) {
    TestList list;
    for (const FakeCTest& fake : tests) {
        TestBinary binary;
        binary.id = fake.name;
        binary.path = "/fake/" + fake.name;
        binary.kind = "command";
        auto rules = std::make_shared<CTestRules>();
        rules->test_name = fake.name;
        rules->skip_return_code = fake.skip_return_code;
        rules->fixtures_setup = fake.setup;
        rules->fixtures_cleanup = fake.cleanup;
        rules->fixtures_required = fake.required;
        rules->depends = fake.depends;
        binary.ctest = rules;
        for (const std::string& name :
             fake.cases.empty() ? std::vector<std::string>{fake.name} : fake.cases) {
            TestCase test;
            test.name = name;
            binary.cases.push_back(test);
        }
        list.binaries.push_back(std::move(binary));
    }
    return list;
}

/// Run every case of `tests` (in that order) on `threads` workers under `profile`.
inline OrderRecord run_ctest_order(const std::vector<FakeCTest>& tests, int threads,
                                   const profiles::Profile& profile = quiet_profile(),
                                   const Adjust& adjust = {}) {
    TestList list = fake_ctest_list(tests);
    std::vector<TestRef> refs;
    for (const TestBinary& binary : list.binaries) {
        for (const TestCase& test : binary.cases) {
            refs.push_back({&binary, &test});
        }
    }
    PlannedRun plan = plan_settings(refs, profile, threads, threads);
    RunOptions options;
    options.profile = profile;
    options.test_threads = threads;
    options.run_id = "00000000-0000-4000-8000-000000000000";
    options.base_env = {"PATH=/usr/bin:/bin"};
    options.group_max_threads = plan.group_max_threads;
    if (adjust) {
        adjust(plan.tests, options);
    }

    FakeWorld world;
    world.launcher.script = [&tests](const FakeChild& child) {
        const std::string id = child.env("PTEST_BINARY_ID");
        const int attempt = std::stoi("0" + child.env("PTEST_ATTEMPT"));
        auto fake = std::find_if(tests.begin(), tests.end(),
                                 [&](const FakeCTest& test) { return test.name == id; });
        ChildScript script;
        script.ends_after = fake->runs_for;
        script.exit_code = attempt < fake->fails_until_attempt ? 1 : fake->exit_code;
        return script;
    };
    RecordingSink sink;
    Scheduler scheduler(world.launcher.loop(), sink, options, plan.tests, {});
    OrderRecord record;
    sink.on_event = [&](const reporter::Event& event) {
        auto key = [](const reporter::TestId& id) {
            return id.name == id.binary_id ? id.binary_id : id.binary_id + "/" + id.name;
        };
        if (const auto* started = std::get_if<reporter::TestStarted>(&event)) {
            record.times[key(started->test)].started = world.clock.elapsed();
            record.start_order.push_back(key(started->test));
        } else if (const auto* finished = std::get_if<reporter::TestFinished>(&event)) {
            CaseTimes& times = record.times[key(finished->test)];
            times.finished = world.clock.elapsed();
            times.result = finished->last();
        }
    };
    drive(world, scheduler, record.run);
    record.run.events = std::move(sink.events);
    return record;
}

} // namespace ptest::runner::test_support
