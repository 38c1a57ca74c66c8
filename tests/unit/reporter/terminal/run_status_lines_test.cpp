// Tests of the status-on-demand lines and of the slowest tests after the summary, and of the
// terminal reporter printing both.
#include "terminal_fixture.hpp"

#include "reporter/terminal/run_status_lines.hpp"

#include <doctest/doctest.h>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;

TEST_SUITE("reporter::run_status_lines") {
    TEST_CASE("a status names each running test with its slot, pid, time and attempt") {
        RunStatus status;
        status.finished = 5;
        status.total = 20;
        status.elapsed = ms(3201);
        status.running.push_back(RunningTest{id("bin", "Slow.One"), 0, 4242, 0, 1, 1, ms(2300)});
        status.running.push_back(RunningTest{id("bin", "Flaky.Two"), 0, 0, 1, 1, 3, ms(0)});
        status.running.push_back(RunningTest{id("bin", "First.Case"), 5, 4243, 2, 1, 1, ms(500)});
        CHECK(run_status_lines(status, false) ==
              std::vector<std::string>{
                  "      STATUS 3 running, 5/20 finished after 3.201s",
                  "     RUNNING [   2.300s] bin Slow.One (slot 0, pid 4242, attempt 1/1)",
                  "     WAITING [         ] bin Flaky.Two (slot 1, to retry after attempt 1/3)",
                  "       BATCH [   0.500s] bin First.Case (slot 2, pid 4243, 5 cases)",
              });
    }

    TEST_CASE("the slowest tests are listed under a header, with their attempts when retried") {
        const std::vector<TestTime> slowest{{id("bin", "Slow.One"), ms(1503), 1},
                                            {id("bin", "Flaky.Two"), ms(900), 3}};
        CHECK(slowest_lines(slowest, false) ==
              std::vector<std::string>{
                  "     Slowest 2 tests",
                  "             [   1.503s] bin Slow.One",
                  "             [   0.900s] bin Flaky.Two (3 attempts)",
              });
        CHECK(slowest_lines({}, false).empty());
    }

    TEST_CASE("the reporter lists the slowest tests after the summary when the profile asks") {
        ptest::profiles::Profile profile;
        profile.show_slowest = 1;
        RunStats stats;
        stats.initial_run_count = 2;
        stats.finished_count = 2;
        stats.passed = 2;
        const std::string out =
            render(profile, {run_started(2, 1),
                             finished(id("bin", "quick"), {attempt(AttemptStatus::pass, 10)}),
                             finished(id("bin", "slow"), {attempt(AttemptStatus::pass, 700)}),
                             run_finished(stats, 720)});
        const auto summary = out.find("Summary");
        const auto slowest = out.find("     Slowest 1 test\n             [   0.700s] bin slow\n");
        REQUIRE(summary != std::string::npos);
        REQUIRE(slowest != std::string::npos);
        CHECK(slowest > summary);
        CHECK(out.find("[   0.010s] bin quick\n", slowest) == std::string::npos);
    }

    TEST_CASE("the reporter prints a status whatever the status level") {
        ptest::profiles::Profile profile;
        profile.status_level = ptest::profiles::StatusLevel::none;
        RunStatus status;
        status.total = 1;
        status.running.push_back(RunningTest{id("bin", "Hang"), 0, 7, 0, 1, 1, ms(1000)});
        const std::string out = render(profile, {run_started(1, 1), Event(status)});
        CHECK(out.find("     RUNNING [   1.000s] bin Hang (slot 0, pid 7, attempt 1/1)") !=
              std::string::npos);
    }
}
