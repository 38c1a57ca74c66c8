// Tests of ScriptRunner as the scheduler's run hooks, on the fake launcher and the manual clock:
// which scripts run, in what order relative to the tests, each once; that a failed setup or
// health check stops the run before any test while the teardowns still run; and that teardowns
// follow fail-fast and interrupts. Fake scripts are named by what they do: `/fake/fail-*` exits 1,
// `/fake/hang-*` runs until a signal ends it, anything else passes after 10 ms.
#include "../schedule/scheduler_run.hpp"

#include "runner/services/script_runner.hpp"

#include <boost/asio/post.hpp>
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

namespace ptest::runner {

using namespace test_support;

namespace {

ChildScript scripted(const FakeChild& child) {
    const std::string program = child.request.program.string();
    if (program == "/fake/behaviour") {
        return behaviour(child);
    }
    ChildScript script;
    script.ends_after = k_quick;
    if (program.find("/fail") != std::string::npos) {
        script.exit_code = 1;
        script.stderr_text = "could not start the service\n";
    } else if (program.find("/hang") != std::string::npos) {
        script.ends_after = std::nullopt;
    }
    return script;
}

profiles::ScriptConfig script(profiles::ScriptKind kind, const std::string& name) {
    profiles::ScriptConfig config;
    config.name = name;
    config.kind = kind;
    config.command = {"/fake/" + name};
    config.capture_stdout = true;
    config.capture_stderr = true;
    return config;
}

/// Scripts named in `rules` (filter, setup, teardown), each defined as `script` makes it.
profiles::ScriptsConfig scripts(
    const std::vector<std::tuple<std::string, std::vector<std::string>, std::vector<std::string>>>&
        rules) {
    profiles::ScriptsConfig config;
    for (const auto& [filter, setup, teardown] : rules) {
        profiles::ScriptRule rule;
        rule.filter = profiles::Filterset::parse(filter, profiles::FiltersetKind::override_filter);
        rule.setup = setup;
        rule.teardown = teardown;
        for (const std::string& name : setup) {
            config.setup.emplace(name, script(profiles::ScriptKind::setup, name));
        }
        for (const std::string& name : teardown) {
            config.teardown.emplace(name, script(profiles::ScriptKind::teardown, name));
        }
        config.rules.push_back(std::move(rule));
    }
    return config;
}

/// A scratch directory for the env files, removed at the end.
struct Scratch {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("ptest-scripts-" + std::to_string(std::random_device{}()));
    Scratch() { std::filesystem::create_directories(path); }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

/// What a run with scripts did, as one line per step: `setup a`, `ready a`, `unhealthy a`,
/// `test NAME`, `teardown b`, `finished`.
struct ScriptRecord {
    std::vector<std::string> trace;
    RunRecord run;
    bool hooks_failed = false;
};

ScriptRecord run_scripts(const profiles::ScriptsConfig& config,
                         const std::vector<std::string>& names,
                         profiles::Profile profile = quiet_profile(), const React& react = {}) {
    TestList list;
    list.binaries.push_back(fake_behaviour(names));
    std::vector<TestRef> refs;
    for (const TestCase& test : list.binaries[0].cases) {
        refs.push_back({&list.binaries[0], &test});
    }
    PlannedRun plan = plan_settings(refs, profile, 1, 1);
    RunOptions options;
    options.profile = profile;
    options.base_env = {"PATH=/usr/bin:/bin"};
    FakeWorld world;
    world.launcher.script = scripted;
    RecordingSink sink;
    const Scratch scratch;
    ScriptRunner runner(world.launcher.loop(), sink, config, plan.tests,
                        ScriptRunOptions{"/work", scratch.path, options.base_env, 1024, {}});
    Scheduler scheduler(world.launcher.loop(), sink, options, plan.tests, {});
    scheduler.set_hooks(runner);
    ScriptRecord record;
    sink.on_event = [&](const reporter::Event& event) {
        if (const auto* started = std::get_if<reporter::ScriptStarted>(&event)) {
            record.trace.push_back(
                (started->kind == profiles::ScriptKind::setup ? "setup " : "teardown ") +
                started->name);
        } else if (const auto* checked = std::get_if<reporter::ScriptHealthChecked>(&event)) {
            record.trace.push_back((checked->passed ? "ready " : "unhealthy ") + checked->name);
        } else if (const auto* test = std::get_if<reporter::TestStarted>(&event)) {
            record.trace.push_back("test " + test->test.name);
        } else if (std::holds_alternative<reporter::RunFinished>(event)) {
            record.trace.emplace_back("finished");
        }
        if (react) {
            react(scheduler, world, event);
        }
    };
    drive(world, scheduler, record.run);
    record.run.events = std::move(sink.events);
    record.hooks_failed = scheduler.hooks_failed();
    return record;
}

using Trace = std::vector<std::string>;

/// The fake children started for `program`.
std::vector<std::shared_ptr<FakeChild>> started(const RunRecord& run, const std::string& program) {
    std::vector<std::shared_ptr<FakeChild>> found;
    for (const auto& child : run.children) {
        if (child->request.program == program) {
            found.push_back(child);
        }
    }
    return found;
}

/// Interrupt the run with `signal` (after the emitter returns) at the first event `when` holds.
React interrupt_when(std::function<bool(const reporter::Event&)> when, int signal) {
    auto done = std::make_shared<bool>(false);
    return [when = std::move(when), signal, done](Scheduler& scheduler, FakeWorld& world,
                                                  const reporter::Event& event) {
        if (!*done && when(event)) {
            *done = true;
            boost::asio::post(world.io, [&scheduler, signal] { scheduler.interrupt(signal); });
        }
    };
}

} // namespace

TEST_SUITE("runner::ScriptRunner") {
    TEST_CASE("setup scripts run once each before the first test, teardowns after the last in "
              "reverse order") {
        const ScriptRecord record =
            run_scripts(scripts({{"all()", {"a"}, {"ta"}}, {"all()", {"b", "a"}, {"tb", "ta"}}}),
                        {"Quick.Passes"});
        CHECK(record.trace == Trace{"setup a", "setup b", "test Quick.Passes", "teardown tb",
                                    "teardown ta", "finished"});
        CHECK(started(record.run, "/fake/a").size() == 1);
        CHECK(started(record.run, "/fake/ta").size() == 1);
        CHECK_FALSE(record.hooks_failed);
    }

    TEST_CASE("a setup script finds its env file through PTEST_ENV and NEXTEST_ENV") {
        const ScriptRecord record = run_scripts(scripts({{"all()", {"a"}, {}}}), {"Quick.Passes"});
        const auto children = started(record.run, "/fake/a");
        REQUIRE(children.size() == 1);
        CHECK(children[0]->env("PTEST_ENV").ends_with("setup-1.env"));
        CHECK(children[0]->env("NEXTEST_ENV") == children[0]->env("PTEST_ENV"));
        CHECK(children[0]->request.cwd == "/work");
    }

    TEST_CASE("the scripts of a rule that matches no selected test do not run") {
        const ScriptRecord record =
            run_scripts(scripts({{"test(=Other.Case)", {"a"}, {"ta"}}, {"all()", {"b"}, {}}}),
                        {"Quick.Passes"});
        CHECK(record.trace == Trace{"setup b", "test Quick.Passes", "finished"});
        CHECK(started(record.run, "/fake/a").empty());
    }

    TEST_CASE("a failed setup stops the run before any test; the reached rules still tear down") {
        const ScriptRecord record = run_scripts(scripts({{"all()", {"a"}, {"ta"}},
                                                         {"all()", {"fail-b"}, {"tb"}},
                                                         {"all()", {"c"}, {"tc"}}}),
                                                {"Quick.Passes", "Quick.Passes2"});
        CHECK(record.trace ==
              Trace{"setup a", "setup fail-b", "teardown tb", "teardown ta", "finished"});
        CHECK(record.hooks_failed);
        CHECK(record.run.not_run == 2);
        const auto* finished = &nth<reporter::ScriptFinished>(record.run.events, 1);
        REQUIRE(finished != nullptr);
        CHECK(finished->result.status == reporter::ScriptStatus::fail);
        CHECK(finished->result.exit_code == 1);
        CHECK(finished->result.stderr_output.text == "could not start the service\n");
        const auto* cancel = &nth<reporter::RunCancelling>(record.run.events);
        REQUIRE(cancel != nullptr);
        CHECK(cancel->reason == reporter::CancelReason::setup_script_failure);
    }

    TEST_CASE("teardowns run after fail-fast stops the run") {
        profiles::Profile profile = quiet_profile();
        profile.fail_fast.max_fail = 1;
        const ScriptRecord record = run_scripts(scripts({{"all()", {"a"}, {"ta"}}}),
                                                {"Missing.Case", "Quick.Passes"}, profile);
        CHECK(record.trace == Trace{"setup a", "test Missing.Case", "teardown ta", "finished"});
        CHECK(record.run.not_run == 1);
    }

    TEST_CASE("an interrupt terminates the tests, then the teardowns run") {
        const ScriptRecord record =
            run_scripts(scripts({{"all()", {"a"}, {"ta"}}}), {"Hang.Forever"}, quiet_profile(),
                        interrupt_when(
                            [](const reporter::Event& e) {
                                return std::holds_alternative<reporter::TestStarted>(e);
                            },
                            SIGINT));
        CHECK(record.trace == Trace{"setup a", "test Hang.Forever", "teardown ta", "finished"});
        const auto tests = started(record.run, "/fake/behaviour");
        REQUIRE(tests.size() == 1);
        CHECK(tests[0]->signals.front() == SIGINT);
        CHECK_FALSE(record.hooks_failed);
        CHECK(record.run.cancelled);
    }

    TEST_CASE("an interrupt during a setup script stops it, starts no test, and tears down") {
        const ScriptRecord record =
            run_scripts(scripts({{"all()", {"hang-a"}, {"ta"}}, {"all()", {"b"}, {"tb"}}}),
                        {"Quick.Passes"}, quiet_profile(),
                        interrupt_when(
                            [](const reporter::Event& e) {
                                return std::holds_alternative<reporter::ScriptStarted>(e);
                            },
                            SIGTERM));
        CHECK(record.trace == Trace{"setup hang-a", "teardown ta", "finished"});
        const auto setups = started(record.run, "/fake/hang-a");
        REQUIRE(setups.size() == 1);
        CHECK(setups[0]->signals.front() == SIGTERM);
        const auto* finished = &nth<reporter::ScriptFinished>(record.run.events);
        REQUIRE(finished != nullptr);
        CHECK(finished->result.status == reporter::ScriptStatus::cancelled);
        CHECK_FALSE(record.hooks_failed); // A signal is no setup failure.
        CHECK(record.run.cancelled);
        CHECK(record.run.not_run == 1);
    }

    TEST_CASE("a first interrupt during the teardown is ignored: the teardown finishes") {
        const ScriptRecord record =
            run_scripts(scripts({{"all()", {"a"}, {"ta"}}, {"all()", {"b"}, {"tb"}}}),
                        {"Quick.Passes"}, quiet_profile(),
                        interrupt_when(
                            [](const reporter::Event& e) {
                                const auto* s = std::get_if<reporter::ScriptStarted>(&e);
                                return s != nullptr && s->kind == profiles::ScriptKind::teardown;
                            },
                            SIGINT));
        CHECK(record.trace == Trace{"setup a", "setup b", "test Quick.Passes", "teardown tb",
                                    "teardown ta", "finished"});
        const auto* finished = &nth<reporter::ScriptFinished>(record.run.events, 2);
        REQUIRE(finished != nullptr);
        CHECK(finished->result.name == "tb");
        CHECK(finished->result.is_success());
    }

    TEST_CASE("a health check that passes lets the tests start; one that never passes fails the "
              "run within its timeout") {
        profiles::ScriptsConfig config = scripts({{"all()", {"a"}, {"ta"}}});
        profiles::HealthCheck& check = config.setup.at("a").health.emplace();
        check.kind = profiles::HealthCheck::Kind::command;
        check.interval = std::chrono::seconds(1);
        check.timeout = std::chrono::seconds(5);
        SUBCASE("ready") {
            check.argv = {"/fake/probe-ok"};
            const ScriptRecord record = run_scripts(config, {"Quick.Passes"});
            CHECK(record.trace ==
                  Trace{"setup a", "ready a", "test Quick.Passes", "teardown ta", "finished"});
        }
        SUBCASE("never ready") {
            check.argv = {"/fake/fail-probe"};
            const ScriptRecord record = run_scripts(config, {"Quick.Passes"});
            CHECK(record.trace == Trace{"setup a", "unhealthy a", "teardown ta", "finished"});
            CHECK(record.hooks_failed);
            const auto* checked = &nth<reporter::ScriptHealthChecked>(record.run.events);
            REQUIRE(checked != nullptr);
            CHECK(checked->check == "command /fake/fail-probe");
            CHECK(checked->reason == "exit code 1");
            CHECK(checked->probes == 5); // At 0, 1, 2, 3 and 4 seconds (each takes 10 ms).
            CHECK(checked->elapsed <= check.timeout);
            CHECK(started(record.run, "/fake/fail-probe").size() == 5);
        }
    }
}

} // namespace ptest::runner
