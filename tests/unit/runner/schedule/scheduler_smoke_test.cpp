// Smoke tests of the Scheduler on the production seam: real GoogleTest fixture cases started by
// the POSIX launcher on a real io_context and clock. They check that a real run fits together
// (verdicts from GoogleTest's output, retries, the premature-exit file, --no-capture), not its
// timing, which the tests on the fake launcher pin down exactly.
#include "../process/child_helpers.hpp"
#include "recording_sink.hpp"

#include "runner/plan/settings.hpp"
#include "runner/process/child_reaper.hpp"
#include "runner/process/environment.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/schedule/scheduler.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using reporter::AttemptStatus;
using Kinds = std::vector<std::string>;

namespace {

/// Points file descriptors 1 and 2 at /dev/null for its lifetime (for --no-capture children).
class RedirectedToDevNull {
public:
    RedirectedToDevNull() {
        std::fflush(nullptr);
        m_saved_out = ::dup(1);
        m_saved_err = ::dup(2);
        int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::close(null);
    }
    RedirectedToDevNull(const RedirectedToDevNull&) = delete;
    RedirectedToDevNull& operator=(const RedirectedToDevNull&) = delete;
    ~RedirectedToDevNull() {
        std::fflush(nullptr);
        ::dup2(m_saved_out, 1);
        ::dup2(m_saved_err, 2);
        ::close(m_saved_out);
        ::close(m_saved_err);
    }

private:
    int m_saved_out = -1;
    int m_saved_err = -1;
};

/// Run every case of `binary` with `profile` on one worker and return the events. The loop's
/// time limit is a safety net against a hang, not a timing assertion.
std::vector<reporter::Event> run_real(const TestBinary& binary, const profiles::Profile& profile,
                                      bool no_capture = false) {
    ScratchDir scratch;
    std::vector<TestRef> refs;
    for (const TestCase& test : binary.cases) {
        refs.push_back({&binary, &test});
    }
    RunOptions options;
    options.profile = profile;
    options.no_capture = no_capture;
    options.temp_dir = scratch.path();
    options.base_env = clean_environment(environ);
    boost::asio::io_context io;
    ChildReaper reaper(io);
    PosixLauncher launcher(io, reaper);
    SteadyLoopClock clock(io);
    RecordingSink sink;
    Scheduler scheduler({io, launcher, clock}, sink, options,
                        plan_settings(refs, profile, 1, 1).tests, {});
    scheduler.on_finished([&] { io.stop(); });
    scheduler.start();
    io.run_for(std::chrono::seconds(60));
    CHECK(std::filesystem::is_empty(scratch.path())); // Premature-exit files are cleaned up.
    return std::move(sink.events);
}

profiles::Profile quiet_profile() {
    profiles::Profile profile;
    profile.fail_fast.max_fail = std::nullopt;
    return profile;
}

} // namespace

TEST_SUITE("runner::Scheduler on real processes") {
    TEST_CASE("a passing GoogleTest case passes on its own report") {
        std::vector<reporter::Event> events =
            run_real(gtest_behaviour({"Quick.Passes"}), quiet_profile());
        REQUIRE(kinds(events) == Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
        const auto& result = nth<reporter::TestFinished>(events).last();
        CHECK(result.status == AttemptStatus::pass);
        CHECK(result.exit_code == 0);
        CHECK(result.reason == "");
        CHECK(nth<reporter::RunFinished>(events).stats.passed == 1);
    }

    TEST_CASE("a flaky GoogleTest case passes on its second attempt") {
        profiles::Profile profile = quiet_profile();
        profile.retries.count = 1;
        std::vector<reporter::Event> events =
            run_real(gtest_behaviour({"Flaky.PassesOnSecondAttempt"}), profile);
        const auto& finished = nth<reporter::TestFinished>(events);
        REQUIRE(finished.attempts.size() == 2);
        CHECK(finished.attempts[0].status == AttemptStatus::fail);
        CHECK(finished.attempts[0].exit_code == 1);
        CHECK(finished.last().status == AttemptStatus::pass);
        CHECK(finished.is_flaky());
    }

    TEST_CASE("a GoogleTest case that exits 0 before finishing fails through its premature-exit "
              "file") {
        std::vector<reporter::Event> events =
            run_real(gtest_fixture("gtest_basic", {"Exit.PrematureZero"}), quiet_profile());
        REQUIRE(kinds(events) == Kinds{"RunStarted", "TestStarted", "TestFinished", "RunFinished"});
        const auto& result = nth<reporter::TestFinished>(events).last();
        CHECK(result.status == AttemptStatus::fail);
        CHECK(result.exit_code == 0);
        CHECK(result.reason == "the process exited with code 0 before the test case finished");
    }

    // Without capture there is no report to read, so the exit status alone decides.
    TEST_CASE("with --no-capture a passing test still passes") {
        // The test writes to ptest's own stdout and stderr: point them at /dev/null meanwhile.
        std::vector<reporter::Event> events = [] {
            RedirectedToDevNull quiet;
            return run_real(gtest_behaviour({"Quick.Passes"}), quiet_profile(), true);
        }();
        const auto& result = nth<reporter::TestFinished>(events).last();
        CHECK(result.status == AttemptStatus::pass);
        CHECK(result.reason == "");
        CHECK(result.stdout_output.text == "");
    }
}

} // namespace ptest::runner
