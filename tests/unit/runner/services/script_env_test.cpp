// Tests of ScriptRunner with real shell scripts: the variables a setup script writes to its env
// file reach the tests its rule matches and every later script, a malformed env file fails the
// script, and a service a setup script leaves running in the background is killed once the
// teardowns are over.
#include "../schedule/recording_sink.hpp"

#include "runner/process/child_reaper.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/services/script_runner.hpp"

#include <doctest/doctest.h>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace ptest::runner {

using namespace test_support;
using namespace std::chrono_literals;

namespace {

struct World {
    boost::asio::io_context io;
    ChildReaper reaper{io};
    PosixLauncher launcher{io, reaper};
    SteadyLoopClock clock{io};
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("ptest-script-env-" + std::to_string(std::random_device{}()));
    World() { std::filesystem::create_directories(dir); }
    ~World() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    ProcessLoop loop() { return {io, launcher, clock}; }

    /// Run the loop until `done` holds (the limit is a safety net against a hang).
    template <typename Done>
    void run_until(Done done) {
        const auto limit = std::chrono::steady_clock::now() + 30s;
        while (!done() && std::chrono::steady_clock::now() < limit) {
            io.run_one_for(100ms);
        }
    }
};

profiles::ScriptConfig shell_script(profiles::ScriptKind kind, const std::string& name,
                                    const std::string& body) {
    profiles::ScriptConfig config;
    config.kind = kind;
    config.name = name;
    config.command = {"/bin/sh", "-c", body};
    config.capture_stdout = true;
    config.capture_stderr = true;
    return config;
}

profiles::ScriptRule rule_of(const std::string& filter, std::vector<std::string> setup,
                             std::vector<std::string> teardown = {}) {
    profiles::ScriptRule rule;
    rule.filter = profiles::Filterset::parse(filter, profiles::FiltersetKind::override_filter);
    rule.setup = std::move(setup);
    rule.teardown = std::move(teardown);
    return rule;
}

TestBinary binary_of(const std::string& id) {
    TestBinary binary;
    binary.id = id;
    binary.path = "/fake/" + id;
    binary.kind = "gtest";
    binary.cases.push_back(TestCase{});
    binary.cases.back().name = "Case.Runs";
    return binary;
}

PlannedTest planned(const TestBinary& binary) {
    PlannedTest test;
    test.binary = &binary;
    test.test = &binary.cases[0];
    return test;
}

/// Run the setup of `runner` to its end; returns whether it succeeded.
bool run_setup(World& world, ScriptRunner& runner) {
    std::optional<bool> ok;
    runner.before_tests([&](bool result) { ok = result; });
    world.run_until([&] { return ok.has_value(); });
    REQUIRE(ok.has_value());
    return *ok;
}

void run_teardown(World& world, ScriptRunner& runner) {
    bool done = false;
    runner.after_tests([&] { done = true; });
    world.run_until([&] { return done; });
    REQUIRE(done);
}

} // namespace

TEST_SUITE("runner::ScriptRunner with real scripts") {
    TEST_CASE("env file variables reach the tests the rule matches and every later script") {
        World world;
        profiles::ScriptsConfig config;
        config.setup.emplace("db",
                             shell_script(profiles::ScriptKind::setup, "db",
                                          "echo DATABASE_URL=postgres://db >> \"$PTEST_ENV\""));
        config.setup.emplace("migrate",
                             shell_script(profiles::ScriptKind::setup, "migrate",
                                          "echo \"MIGRATED=$DATABASE_URL\" >> \"$NEXTEST_ENV\""));
        config.rules = {rule_of("binary_id(db)", {"db"}), rule_of("all()", {"migrate"})};
        const TestBinary db = binary_of("db");
        const TestBinary unit = binary_of("unit");
        const std::vector<PlannedTest> tests = {planned(db), planned(unit)};
        RecordingSink sink;
        ScriptRunner runner(
            world.loop(), sink, config, tests,
            ScriptRunOptions{world.dir, world.dir, {"PATH=/usr/bin:/bin"}, 4096, {}});
        REQUIRE(run_setup(world, runner));
        CHECK(runner.test_env(tests[0]) ==
              std::map<std::string, std::string>{{"DATABASE_URL", "postgres://db"},
                                                 {"MIGRATED", "postgres://db"}});
        CHECK(runner.test_env(tests[1]) ==
              std::map<std::string, std::string>{{"MIGRATED", "postgres://db"}});
        run_teardown(world, runner);
    }

    TEST_CASE("a setup script that writes a reserved variable fails, with the line named") {
        World world;
        profiles::ScriptsConfig config;
        config.setup.emplace("bad", shell_script(profiles::ScriptKind::setup, "bad",
                                                 "echo PTEST_ATTEMPT=9 > \"$PTEST_ENV\""));
        config.rules = {rule_of("all()", {"bad"})};
        const TestBinary unit = binary_of("unit");
        RecordingSink sink;
        ScriptRunner runner(
            world.loop(), sink, config, {planned(unit)},
            ScriptRunOptions{world.dir, world.dir, {"PATH=/usr/bin:/bin"}, 4096, {}});
        CHECK_FALSE(run_setup(world, runner));
        const auto& finished = nth<reporter::ScriptFinished>(sink.events);
        CHECK(finished.result.status == reporter::ScriptStatus::bad_env);
        CHECK(finished.result.reason ==
              "the file named by PTEST_ENV is malformed: line 1: PTEST_ATTEMPT: variables "
              "starting with PTEST or NEXTEST are reserved for ptest");
        run_teardown(world, runner);
    }

    TEST_CASE("a service left running by a setup script is killed after the teardowns") {
        World world;
        const std::filesystem::path pid_file = world.dir / "service.pid";
        profiles::ScriptsConfig config;
        config.setup.emplace(
            "service", shell_script(profiles::ScriptKind::setup, "service",
                                    "sleep 300 >/dev/null 2>&1 & echo $! > " + pid_file.string()));
        config.teardown.emplace("forgetful",
                                shell_script(profiles::ScriptKind::teardown, "forgetful", "true"));
        config.rules = {rule_of("all()", {"service"}, {"forgetful"})};
        const TestBinary unit = binary_of("unit");
        RecordingSink sink;
        ScriptRunner runner(
            world.loop(), sink, config, {planned(unit)},
            ScriptRunOptions{world.dir, world.dir, {"PATH=/usr/bin:/bin"}, 4096, {}});
        REQUIRE(run_setup(world, runner));
        pid_t service = 0;
        std::ifstream(pid_file) >> service;
        REQUIRE(service > 0);
        CHECK(::kill(service, 0) == 0); // Still running after its setup script exited.
        run_teardown(world, runner);
        // Killed, then reaped by whoever is its parent now: wait until it is gone.
        world.run_until([&] {
            std::ifstream stat("/proc/" + std::to_string(service) + "/stat");
            std::string text;
            std::getline(stat, text);
            return !stat || text.find(") Z ") != std::string::npos;
        });
        std::ifstream stat("/proc/" + std::to_string(service) + "/stat");
        std::string text;
        std::getline(stat, text);
        CHECK((!stat || text.find(") Z ") != std::string::npos));
    }
}

} // namespace ptest::runner
