// Tests of a stress run's lines in the human report, and of the terminal reporter printing them
// from the stress events and reporting a report it could not write.
#include "reporter/terminal/stress_lines.hpp"
#include "reporter/terminal/terminal_reporter.hpp"

#include <doctest/doctest.h>

#include <cstdio>

using namespace ptest::reporter;

namespace {

Duration millis(int count) {
    return std::chrono::milliseconds(count);
}

StressLimits count_of(std::uint64_t count) {
    return StressLimits{count, std::nullopt};
}

} // namespace

TEST_SUITE("reporter::stress_lines") {
    TEST_CASE("a header counts down the iterations or the time that remains") {
        CHECK(stress_header({count_of(3), 2, millis(1204)}, false) ==
              "      STRESS 2/3 (1.204s elapsed so far, 2 iterations remaining)");
        CHECK(stress_header({count_of(3), 3, millis(2000)}, false) ==
              "      STRESS 3/3 (2.000s elapsed so far, 1 iteration remaining)");
        CHECK(stress_header({StressLimits{std::nullopt, millis(5000)}, 4, millis(6000)}, false) ==
              "      STRESS 4 (6.000s elapsed so far, 0.000s remaining)");
        CHECK(stress_header({StressLimits{}, 7, millis(10)}, false) ==
              "      STRESS 7 (0.010s elapsed so far)");
    }

    TEST_CASE("a verdict and the closing count say passed and failed") {
        CHECK(stress_verdict({count_of(3), 2, millis(512), false}, false) ==
              "      STRESS [   0.512s] iteration 2/3: passed");
        CHECK(stress_verdict({StressLimits{}, 1, millis(30), true}, false) ==
              "      STRESS [   0.030s] iteration 1: failed");
        CHECK(stress_summary({count_of(3), 3, 0, millis(1800)}, false) ==
              "      STRESS [   1.800s] 3/3 iterations run: 3 passed, 0 failed");
        CHECK(stress_summary({StressLimits{}, 0, 1, millis(30)}, false) ==
              "      STRESS [   0.030s] 1 iteration run: 0 passed, 1 failed");
    }

    TEST_CASE("the terminal reporter prints the stress events between the runs") {
        std::string out;
        LinePrinter printer(out, false);
        TerminalReporter reporter(printer, ptest::profiles::Profile{});
        reporter.report(StressIterationStarted{count_of(1), 1, millis(0)});
        reporter.report(StressIterationFinished{count_of(1), 1, millis(5), false});
        reporter.report(StressRunFinished{count_of(1), 1, 0, millis(6)});
        CHECK(out == "      STRESS 1/1 (0.000s elapsed so far, 1 iteration remaining)\n"
                     "      STRESS [   0.005s] iteration 1/1: passed\n"
                     "------------\n"
                     "      STRESS [   0.006s] 1/1 iterations run: 1 passed, 0 failed\n");
        CHECK(reporter.finish().errors.empty());
    }

    TEST_CASE("a report that could not be written is an output error when the reporter finishes") {
        std::FILE* full = std::fopen("/dev/full", "w");
        REQUIRE(full != nullptr);
        std::setvbuf(full, nullptr, _IONBF, 0);
        LinePrinter printer(full, false, false);
        TerminalReporter reporter(printer, ptest::profiles::Profile{});
        reporter.report(StressIterationStarted{count_of(1), 1, millis(0)});
        const FinishResult finished = reporter.finish();
        std::fclose(full);
        REQUIRE(finished.errors.size() == 1);
        CHECK(finished.errors[0].code() == ptest::ExitCode::write_output_error);
        CHECK(std::string(finished.errors[0].what()) ==
              "could not write the test report: No space left on device");
    }
}
