// Tests of the setup and teardown script lines: a ready service then a setup script that fails,
// and a health check that never passes (the failing line, its detail, the script's output, the
// cancel and the teardown), against the snapshots tests/snapshots/terminal/scripts_*.txt.
#include "terminal_fixture.hpp"

#include "reporter/terminal/script_lines.hpp"

#include <doctest/doctest.h>

namespace ptest::reporter::fixture {

namespace {

ScriptStarted started(ScriptKind kind, std::string name, std::uint32_t index, std::uint32_t total) {
    return {kind, std::move(name), "sh scripts/" + std::to_string(index) + ".sh", index, total};
}

ScriptFinished ended(ScriptKind kind, std::string name, ScriptStatus status, std::int64_t millis,
                     std::uint32_t index = 1, std::uint32_t total = 1) {
    ScriptFinished event;
    event.result.kind = kind;
    event.result.name = std::move(name);
    event.result.command = "sh scripts/" + std::to_string(index) + ".sh";
    event.result.status = status;
    event.result.duration = ms(millis);
    event.index = index;
    event.total = total;
    return event;
}

ScriptHealthChecked health(bool passed, std::int64_t millis) {
    ScriptHealthChecked event;
    event.name = "postgres";
    event.check = "tcp 127.0.0.1:5433";
    event.passed = passed;
    event.timeout = ms(5000);
    event.elapsed = ms(millis);
    event.probes = passed ? 3 : 10;
    if (!passed) {
        event.reason = "Connection refused";
        event.stdout_output = CapturedOutput{"waiting for server to start.... stopped waiting\n"};
        event.stderr_output = CapturedOutput{"pg_ctl: could not start server\n"};
    }
    return event;
}

} // namespace

TEST_SUITE("reporter::script lines") {
    TEST_CASE("a ready service, then a setup script that fails, then the teardown") {
        ScriptFinished failed = ended(ScriptKind::setup, "migrate", ScriptStatus::fail, 12, 2, 2);
        failed.result.exit_code = 3;
        failed.result.stderr_output = CapturedOutput{"migrate: no such database\n"};
        const std::vector<Event> events = {
            run_started(1, 1),
            started(ScriptKind::setup, "postgres", 1, 2),
            ended(ScriptKind::setup, "postgres", ScriptStatus::pass, 412, 1, 2),
            health(true, 1503),
            started(ScriptKind::setup, "migrate", 2, 2),
            failed,
            RunCancelling{CancelReason::setup_script_failure, std::nullopt, 0},
            started(ScriptKind::teardown, "postgres-stop", 1, 1),
            ended(ScriptKind::teardown, "postgres-stop", ScriptStatus::pass, 310),
            run_finished(RunStats{1}, 2300, 1),
        };
        check_snapshot("scripts_setup_failure", render(profiles::Profile{}, events));
    }

    TEST_CASE("a health check that never passes shows one line, why, and the script's output") {
        const std::vector<Event> events = {
            run_started(1, 1),
            started(ScriptKind::setup, "postgres", 1, 1),
            ended(ScriptKind::setup, "postgres", ScriptStatus::pass, 412),
            health(false, 5004),
            RunCancelling{CancelReason::setup_script_failure, std::nullopt, 0},
            started(ScriptKind::teardown, "postgres-stop", 1, 1),
            ended(ScriptKind::teardown, "postgres-stop", ScriptStatus::pass, 310),
            run_finished(RunStats{1}, 5800, 1),
        };
        check_snapshot("scripts_health_failure", render(profiles::Profile{}, events));
    }

    TEST_CASE("a script's failure detail is its reason, else its exit code") {
        ScriptResult result;
        CHECK(script_failure_detail(result).empty());
        result.status = ScriptStatus::fail;
        result.exit_code = 2;
        CHECK(script_failure_detail(result) == "exit code 2");
        result.reason = "terminated after its slow-timeout";
        CHECK(script_failure_detail(result) == "terminated after its slow-timeout");
    }
}

} // namespace ptest::reporter::fixture
