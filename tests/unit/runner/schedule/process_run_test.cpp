// Tests of the process lifecycle shared by Attempt and BatchAttempt: what a ProcessRun tells its
// owner (the facts and streams of the finished process, the watchdog) and what it does to the
// process (terminate with a grace period, cancel, kill, pause, the leak check), on scripted fake
// children and a manual clock, so every duration is exact.
#include "fake_launcher.hpp"
#include "manual_clock.hpp"

#include "runner/schedule/process_run.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <functional>
#include <optional>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using namespace std::chrono_literals;

namespace {

/// The smallest owner: it records what its run tells it and, when asked, keeps its watchdog
/// armed for `watch_every` of active time.
class RecordingOwner : public std::enable_shared_from_this<RecordingOwner>,
                       private ProcessRunOwner {
public:
    explicit RecordingOwner(const ProcessLoop& loop) : m_run(loop, *this) {}

    void start(const SpawnRequest& request, reporter::Duration leak_timeout = 1s) {
        m_run.start(std::shared_ptr<ProcessRun>(shared_from_this(), &m_run), request, 1U << 20U,
                    leak_timeout);
    }

    ProcessRun& run() { return m_run; }

    std::optional<ProcessFacts> facts;
    int done_calls = 0;
    std::vector<reporter::Duration> watchdog_at; ///< Active time at each expiry.
    /// What to do when the watchdog expires (after recording it).
    std::function<void(ProcessRun&)> on_expiry;

private:
    void on_watchdog() override {
        watchdog_at.push_back(m_run.elapsed());
        if (on_expiry) {
            on_expiry(m_run);
        }
    }
    void on_process_done(ProcessFacts& done) override {
        ++done_calls;
        facts = std::move(done);
    }

    ProcessRun m_run;
};

/// A fake test program, a child following `script` and an owner of its run, on a manual clock.
struct Bench {
    boost::asio::io_context io;
    ManualClock clock{io};
    FakeLauncher launcher{io, clock};
    std::shared_ptr<RecordingOwner> owner;
    SpawnRequest request;

    explicit Bench(const ChildScript& script) {
        launcher.script = [script](const FakeChild&) { return script; };
        owner = std::make_shared<RecordingOwner>(launcher.loop());
        request.program = "/fake/test";
    }

    /// Move the clock from one timer to the next until the run is done.
    void run_to_done() {
        while (!owner->facts && clock.advance_to_next()) {
        }
    }

    [[nodiscard]] const FakeChild& child() const { return *launcher.children.at(0); }
};

/// A child that runs until a signal ends it.
ChildScript hangs() {
    ChildScript script;
    script.ends_after = std::nullopt;
    return script;
}

} // namespace

TEST_SUITE("runner::ProcessRun") {
    TEST_CASE("a process that ends by itself hands over its exit, output and active time") {
        ChildScript script;
        script.stdout_text = "out\n";
        script.stderr_text = "err\n";
        script.ends_after = 250ms;
        script.exit_code = 3;
        Bench bench(script);
        bench.owner->start(bench.request);
        CHECK(bench.owner->run().state() == ProcessRun::State::running);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        const ProcessFacts& facts = *bench.owner->facts;
        CHECK(bench.owner->done_calls == 1);
        CHECK(bench.owner->run().state() == ProcessRun::State::done);
        REQUIRE(facts.exit.has_value());
        CHECK_FALSE(facts.exit->signalled);
        CHECK(facts.exit->code == 3);
        CHECK(facts.stdout_output.text == "out\n");
        CHECK(facts.stderr_output.text == "err\n");
        CHECK(facts.duration == 250ms);
        CHECK_FALSE(facts.timed_out);
        CHECK_FALSE(facts.cancelled_by.has_value());
        CHECK_FALSE(facts.leaked);
        CHECK_FALSE(facts.report.has_value());
        // The final sweep kills descendants that closed their output but kept running.
        CHECK(bench.child().signals == std::vector<int>{SIGKILL});
    }

    TEST_CASE("a process that cannot start is done later on the loop, never within start") {
        ChildScript script;
        script.start_error = ENOENT;
        Bench bench(script);
        bench.owner->start(bench.request);
        CHECK(bench.owner->done_calls == 0);
        bench.clock.run_ready();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->exec_error == ENOENT);
        CHECK_FALSE(bench.owner->facts->exit.has_value());
        CHECK(bench.owner->facts->duration == reporter::Duration::zero());
        CHECK(bench.owner->run().state() == ProcessRun::State::done);
    }

    TEST_CASE("the report is taken only from a process started with one") {
        ChildScript script;
        script.report = "<report/>";
        Bench without(script);
        without.owner->start(without.request);
        without.run_to_done();
        REQUIRE(without.owner->facts.has_value());
        CHECK_FALSE(without.owner->facts->report.has_value());

        Bench with(script);
        with.request.report = true;
        with.owner->start(with.request);
        with.run_to_done();
        REQUIRE(with.owner->facts.has_value());
        CHECK(with.owner->facts->report == "<report/>");
    }

    TEST_CASE("the watchdog tells the owner, and a time-out kills what ignores SIGTERM") {
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM};
        Bench bench(script);
        bench.owner->on_expiry = [](ProcessRun& run) { run.time_out(300ms); };
        bench.owner->start(bench.request);
        bench.owner->run().watch(100ms);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->watchdog_at == std::vector<reporter::Duration>{100ms});
        CHECK(bench.owner->facts->timed_out);
        CHECK_FALSE(bench.owner->facts->cancelled_by.has_value());
        REQUIRE(bench.child().signals.size() >= 2);
        CHECK(bench.child().signals[0] == SIGTERM);
        CHECK(bench.child().signals[1] == SIGKILL);
        CHECK(bench.owner->facts->duration == 100ms + 300ms);
    }

    TEST_CASE("a time-out with no grace period kills at once") {
        Bench bench(hangs());
        bench.owner->start(bench.request);
        bench.owner->run().time_out(reporter::Duration::zero());
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->timed_out);
        CHECK(bench.child().signals.at(0) == SIGKILL);
        CHECK(bench.owner->facts->duration == reporter::Duration::zero());
    }

    TEST_CASE("terminating the process disarms the watchdog") {
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM};
        Bench bench(script);
        bench.owner->start(bench.request);
        bench.owner->run().watch(100ms);
        bench.owner->run().cancel(SIGTERM, 1s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->watchdog_at.empty());
        CHECK(bench.owner->facts->duration == 1s);
    }

    TEST_CASE("a cancel is recorded with its signal, and a later one restarts the grace period") {
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM, SIGINT};
        Bench bench(script);
        bench.owner->start(bench.request);
        bench.owner->run().cancel(SIGINT, 1s);
        bench.clock.advance(500ms);
        bench.owner->run().cancel(SIGTERM, 1s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->cancelled_by == SIGINT);
        CHECK_FALSE(bench.owner->facts->timed_out);
        CHECK(bench.child().signals.at(0) == SIGINT);
        CHECK(bench.child().signals.at(1) == SIGTERM);
        CHECK(bench.child().signals.at(2) == SIGKILL);
        CHECK(bench.owner->facts->duration == 500ms + 1s);
    }

    TEST_CASE("a cancel after a time-out leaves the process timed out") {
        ChildScript script = hangs();
        script.ignored_signals = {SIGTERM};
        Bench bench(script);
        bench.owner->start(bench.request);
        bench.owner->run().time_out(1s);
        bench.owner->run().cancel(SIGTERM, 1s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->timed_out);
        CHECK_FALSE(bench.owner->facts->cancelled_by.has_value());
    }

    TEST_CASE("a kill sends SIGKILL at once and counts as a cancel") {
        Bench bench(hangs());
        bench.owner->start(bench.request);
        bench.clock.advance(20ms);
        bench.owner->run().kill();
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->cancelled_by == SIGKILL);
        CHECK(bench.child().signals.at(0) == SIGKILL);
        CHECK(bench.owner->facts->duration == 20ms);
    }

    TEST_CASE("a pause stops the group and freezes both the elapsed time and the watchdog") {
        Bench bench(hangs());
        bench.owner->on_expiry = [](ProcessRun& run) { run.time_out(1s); };
        bench.owner->start(bench.request);
        bench.owner->run().watch(100ms);
        bench.clock.advance(40ms);
        bench.owner->run().pause();
        bench.clock.advance(10s);
        CHECK(bench.owner->watchdog_at.empty());
        CHECK(bench.owner->run().elapsed() == 40ms);
        CHECK(bench.owner->run().resume());
        CHECK_FALSE(bench.owner->run().resume());
        bench.owner->run().watch(100ms - bench.owner->run().elapsed());
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->watchdog_at == std::vector<reporter::Duration>{100ms});
        CHECK(bench.child().signals.at(0) == SIGSTOP);
        CHECK(bench.child().signals.at(1) == SIGCONT);
        CHECK(bench.child().signals.at(2) == SIGTERM);
        CHECK(bench.owner->facts->duration == 100ms);
    }

    TEST_CASE("a time-out of a paused process continues it so that it can act on SIGTERM") {
        Bench bench(hangs());
        bench.owner->start(bench.request);
        bench.owner->run().pause();
        bench.owner->run().time_out(1s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.child().signals.at(0) == SIGSTOP);
        CHECK(bench.child().signals.at(1) == SIGTERM);
        CHECK(bench.child().signals.at(2) == SIGCONT);
    }

    TEST_CASE("output held past leak-timeout is a leak, and the group is killed") {
        ChildScript script;
        script.output_held_for = 30s;
        Bench bench(script);
        bench.owner->start(bench.request, 100ms);
        bench.clock.advance(1ms); // The child has exited; its descendant holds the output.
        CHECK(bench.owner->run().state() == ProcessRun::State::leak_check);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->leaked);
        CHECK(bench.owner->facts->duration == reporter::Duration::zero());
        CHECK(bench.clock.elapsed() == 100ms);
        CHECK(bench.child().signals.at(0) == SIGKILL);
        CHECK_FALSE(bench.child().holder_running);
    }

    TEST_CASE("output let go of within leak-timeout is no leak, and what came late is kept") {
        ChildScript script;
        script.output_held_for = 100ms;
        script.late_stdout = "late\n";
        Bench bench(script);
        bench.owner->start(bench.request, 5s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK_FALSE(bench.owner->facts->leaked);
        CHECK(bench.owner->facts->stdout_output.text == "late\n");
        CHECK(bench.clock.elapsed() == 100ms);
    }

    TEST_CASE("a cancel during the leak check gives up after the grace period") {
        ChildScript script;
        script.output_held_for = 300s;
        script.ignored_signals = {SIGTERM};
        Bench bench(script);
        bench.owner->start(bench.request, 60s);
        bench.clock.advance(10ms);
        REQUIRE(bench.owner->run().state() == ProcessRun::State::leak_check);
        bench.owner->run().cancel(SIGTERM, 1s);
        bench.run_to_done();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->leaked);
        // The process had exited: the cancel did not make it a cancelled one.
        CHECK_FALSE(bench.owner->facts->cancelled_by.has_value());
        CHECK(bench.child().signals.at(0) == SIGTERM);
        CHECK(bench.child().signals.at(1) == SIGKILL);
        CHECK(bench.clock.elapsed() == 10ms + 1s);
    }

    TEST_CASE("a kill during the leak check gives up at once") {
        ChildScript script;
        script.output_held_for = 300s;
        Bench bench(script);
        bench.owner->start(bench.request, 60s);
        bench.clock.advance(10ms);
        REQUIRE(bench.owner->run().state() == ProcessRun::State::leak_check);
        bench.owner->run().kill();
        bench.clock.run_ready();
        REQUIRE(bench.owner->facts.has_value());
        CHECK(bench.owner->facts->leaked);
        CHECK(bench.owner->done_calls == 1);
        CHECK(bench.clock.elapsed() == 10ms);
    }

    TEST_CASE("the run keeps its owner alive until it is done") {
        Bench bench(hangs());
        std::weak_ptr<RecordingOwner> watched = bench.owner;
        bench.owner->start(bench.request);
        bench.owner->run().watch(100ms);
        RecordingOwner* owner = bench.owner.get();
        bench.owner.reset();
        CHECK_FALSE(watched.expired());
        owner->run().kill();
        while (!watched.expired() && bench.clock.advance_to_next()) {
        }
        CHECK(watched.expired());
    }
}

} // namespace ptest::runner
