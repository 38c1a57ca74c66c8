// Tests of one batch process: the argv and report it runs with, each case's final result or
// re-run alone after a pass, a failure, a crash, a hang, a missing report, a leak, an exec failure
// and a cancel, on scripted fake children and a manual clock fed with real Catch2 v3 batch reports
// (tests/data/reports/batch-catch2v3_hostile); the timeout rule's arithmetic; and one real batch
// of the catch2v3_hostile fixture whose kept verdicts match tests/fixtures/expected.toml.
#include "../frameworks/batch_data.hpp"
#include "fake_launcher.hpp"
#include "manual_clock.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/process/child_reaper.hpp"
#include "runner/process/posix_launcher.hpp"
#include "runner/process/steady_loop_clock.hpp"
#include "runner/schedule/batch_attempt.hpp"

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <map>
#include <string>
#include <vector>

namespace ptest::runner {

using namespace test_support;
using namespace std::chrono_literals;
using reporter::AttemptStatus;

namespace {

/// A batch of every case of `binary`, each with `timeout` and 2 attempts; its argv selects them
/// all.
BatchSpec batch_spec(const TestBinary& binary, const profiles::SlowTimeout& timeout) {
    BatchSpec spec;
    spec.binary = &binary;
    std::vector<const TestCase*> tests;
    for (const TestCase& test : binary.cases) {
        tests.push_back(&test);
        spec.cases.push_back(BatchCaseSpec{&test, 2, timeout, std::nullopt});
    }
    // The helpers give a binary only the cases its batch runs, not its whole listing: the adapter
    // is told no listing, so it selects by names (an unfiltered run would run the real binary's
    // other cases too).
    BatchArguments arguments = framework_adapter(binary).batch_arguments(
        std::span<const TestCase>(), tests, k_report_path);
    REQUIRE(arguments.count == tests.size());
    spec.request.program = binary.path;
    spec.request.args = std::move(arguments.args);
    spec.request.cwd = binary.cwd;
    spec.request.report = true;
    spec.grace_period = 1s;
    return spec;
}

/// The catch2v3_hostile fixture (Catch2 3.7.1) with the cases a batch runs, as its listing gives
/// them: name, tags, file and line.
struct V3Batch {
    TestBinary binary;
    V3Batch() {
        binary.id = "catch2v3_hostile";
        binary.kind = "catch2";
        binary.framework_version = 3;
        binary.path = PTEST_BINARY_DIR "/tests/fixtures/catch2v3_hostile";
        binary.cwd = PTEST_BINARY_DIR "/tests/fixtures";
    }
    V3Batch(const V3Batch&) = delete;
    V3Batch& operator=(const V3Batch&) = delete;

    void add(const std::string& name, std::vector<std::string> tags, std::uint32_t line) {
        TestCase test;
        test.name = name;
        test.labels = std::move(tags);
        test.ignored = test.labels.front() == ".";
        test.file = "FIXTURES/catch2v3/hostile_test.cpp";
        test.line = line;
        binary.cases.push_back(std::move(test));
    }

    /// A batch of every added case, each with `timeout` and 2 attempts.
    [[nodiscard]] BatchSpec spec(const profiles::SlowTimeout& timeout = {}) const {
        return batch_spec(binary, timeout);
    }
};

/// The three cases of the captured `fail-middle` run.
void fail_middle(V3Batch& batch) {
    batch.add("pass", {"basic", "quick"}, 14);
    batch.add("fail assert", {"basic"}, 18);
    batch.add("no newline on stdout", {"output"}, 26);
}

/// The three cases of the captured `segv-middle` run.
void segv_middle(V3Batch& batch) {
    batch.add("pass", {"basic", "quick"}, 14);
    batch.add("exit(0) mid-test", {"exit"}, 56);
    batch.add("throws", {"basic"}, 61);
}

/// A child writing the captured run `stem`'s report and console.
ChildScript captured(const std::string& stem) {
    const test_data::BatchRun run = test_data::read_batch_run("batch-catch2v3_hostile", stem);
    ChildScript script;
    script.report = run.report.value_or("");
    script.stdout_text = run.stdout_text;
    script.stderr_text = run.stderr_text;
    return script;
}

/// What one batch reported.
struct Outcome {
    std::optional<std::vector<BatchCaseOutcome>> cases;
    int done_calls = 0;
    base::Duration elapsed{0};
    std::shared_ptr<FakeChild> child;
};

/// Run `spec` on a fake child following `script`, moving the manual clock from one timer to the
/// next until the batch is done. `during` (when set) runs once the child has started.
Outcome run_fake(BatchSpec spec, const ChildScript& script,
                 const std::function<void(BatchAttempt&, ManualClock&)>& during = {}) {
    boost::asio::io_context io;
    ManualClock clock(io);
    FakeLauncher launcher(io, clock);
    launcher.script = [&](const FakeChild&) { return script; };
    Outcome outcome;
    BatchCallbacks callbacks;
    callbacks.on_done = [&](std::vector<BatchCaseOutcome> cases) {
        ++outcome.done_calls;
        outcome.cases = std::move(cases);
    };
    auto batch = std::make_shared<BatchAttempt>(launcher.loop(), std::move(spec), callbacks);
    batch->start();
    if (during) {
        during(*batch, clock);
    }
    clock.run_ready();
    while (!outcome.cases && clock.advance_to_next()) {
    }
    outcome.elapsed = clock.elapsed();
    outcome.child = launcher.children.at(0);
    return outcome;
}

/// Slow-timeout of `period` x `terminate_after`.
profiles::SlowTimeout slow(base::Duration period, std::uint32_t terminate_after) {
    profiles::SlowTimeout timeout;
    timeout.period = period;
    timeout.terminate_after = terminate_after;
    return timeout;
}

} // namespace

TEST_SUITE("runner::BatchAttempt") {
    TEST_CASE("a batch runs the adapter's argv with the report on the in-memory file") {
        V3Batch batch;
        fail_middle(batch);
        const BatchSpec spec = batch.spec();
        CHECK(spec.request.args ==
              std::vector<std::string>{"--colour-mode", "none",
                                       "pass[basic][quick],fail assert[basic],no newline on "
                                       "stdout[output]",
                                       "--reporter", "xml::out=/dev/fd/3", "-d", "yes"});
    }

    TEST_CASE("a passing case is final with the verdict, duration and place a lone run gives") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        // With nothing on the console, what the report says a case printed is its own.
        script.stdout_text.clear();
        Outcome outcome = run_fake(batch.spec(), script);
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.done_calls == 1);
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        REQUIRE(cases.size() == 3);
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[0].result.status == AttemptStatus::pass);
        CHECK(cases[0].result.attempt == 1);
        CHECK(cases[0].result.total_attempts == 2);
        CHECK(cases[0].result.duration == 18us);
        CHECK(cases[0].result.location.file == "FIXTURES/catch2v3/hostile_test.cpp");
        CHECK(cases[0].result.location.line == 14);
        CHECK_FALSE(cases[0].result.slow);
        CHECK(cases[2].disposition == BatchDisposition::final);
        CHECK(cases[2].result.status == AttemptStatus::pass);
        CHECK(cases[2].result.duration == 42us);
        CHECK(cases[2].result.stdout_output.text == "cout: 42\n");
    }

    TEST_CASE("a failing case is re-run alone while the cases around it stay final") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        Outcome outcome = run_fake(batch.spec(), script);
        REQUIRE(outcome.cases.has_value());
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[1].disposition == BatchDisposition::run_alone);
        CHECK(cases[1].reason == "it failed inside the batch");
        CHECK_FALSE(cases[1].ended_in);
        CHECK(cases[2].disposition == BatchDisposition::final);
    }

    TEST_CASE("after a crash mid-batch the case it ended in and the ones after are re-run alone") {
        V3Batch batch;
        segv_middle(batch);
        ChildScript script = captured("segv-middle");
        script.dies_of = SIGSEGV;
        Outcome outcome = run_fake(batch.spec(), script);
        REQUIRE(outcome.cases.has_value());
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[0].result.status == AttemptStatus::pass);
        CHECK(cases[1].disposition == BatchDisposition::run_alone);
        CHECK(cases[1].ended_in);
        CHECK(cases[2].disposition == BatchDisposition::run_alone);
        CHECK_FALSE(cases[2].ended_in);
    }

    TEST_CASE("a hang is terminated at the sum of the cases' budgets, its unfinished cases alone") {
        V3Batch batch;
        segv_middle(batch);
        ChildScript script = captured("segv-middle");
        script.ends_after = std::nullopt;
        Outcome outcome = run_fake(batch.spec(slow(1s, 2)), script);
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.elapsed == 6s);
        CHECK(outcome.child->signals.at(0) == SIGTERM);
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[1].disposition == BatchDisposition::run_alone);
        CHECK(cases[1].reason.starts_with("the batch ran past its deadline and was terminated ("));
        CHECK(cases[1].ended_in);
        CHECK(cases[2].disposition == BatchDisposition::run_alone);
    }

    TEST_CASE("a hang that ignores SIGTERM is killed when the batch's grace period ends") {
        V3Batch batch;
        segv_middle(batch);
        ChildScript script = captured("segv-middle");
        script.ends_after = std::nullopt;
        script.ignored_signals = {SIGTERM};
        Outcome outcome = run_fake(batch.spec(slow(1s, 1)), script);
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.elapsed == 3s + 1s);
        REQUIRE(outcome.child->signals.size() >= 2);
        CHECK(outcome.child->signals[0] == SIGTERM);
        CHECK(outcome.child->signals[1] == SIGKILL);
    }

    TEST_CASE("a case the report keeps but that ran past its own budget is re-run alone") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        // 20 us x 1: `pass` took 18 us, `no newline on stdout` 42 us.
        Outcome outcome = run_fake(batch.spec(slow(20us, 1)), script);
        REQUIRE(outcome.cases.has_value());
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[2].disposition == BatchDisposition::run_alone);
        CHECK(cases[2].reason == "it ran for 42us inside the batch, past its timeout of 20us");
    }

    TEST_CASE("time spent paused does not count towards the batch's deadline") {
        V3Batch batch;
        segv_middle(batch);
        ChildScript script = captured("segv-middle");
        script.ends_after = std::nullopt;
        Outcome outcome = run_fake(batch.spec(slow(1s, 1)), script,
                                   [](BatchAttempt& running, ManualClock& clock) {
                                       running.pause();
                                       clock.advance(10s);
                                       running.resume();
                                   });
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.elapsed == 10s + 3s);
        CHECK(outcome.child->signals == std::vector<int>{SIGSTOP, SIGCONT, SIGTERM, SIGKILL});
    }

    TEST_CASE("a kept case that ran past a slow-timeout period is marked slow") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        profiles::SlowTimeout timeout;
        timeout.period = 20us;
        Outcome outcome = run_fake(batch.spec(timeout), script);
        REQUIRE(outcome.cases.has_value());
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        REQUIRE(cases[2].disposition == BatchDisposition::final);
        CHECK(cases[2].result.slow);
        CHECK_FALSE(cases[0].result.slow);
    }

    TEST_CASE("a case's own output is bounded by the capture limit of a lone attempt") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        script.stdout_text.clear();
        BatchSpec spec = batch.spec();
        spec.case_capture_limit = 4;
        Outcome outcome = run_fake(std::move(spec), script);
        REQUIRE(outcome.cases.has_value());
        const base::CapturedOutput& output = (*outcome.cases)[2].result.stdout_output;
        CHECK(output.text == "co2\n");
        CHECK(output.dropped_bytes == 5);
    }

    TEST_CASE("a failed batch whose output passed the capture limit re-runs every case alone") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        BatchSpec spec = batch.spec();
        spec.capture_limit = 4;
        Outcome outcome = run_fake(std::move(spec), script);
        REQUIRE(outcome.cases.has_value());
        for (const BatchCaseOutcome& item : *outcome.cases) {
            CHECK(item.disposition == BatchDisposition::run_alone);
            CHECK(item.reason == "the batch failed and its output passed the capture limit");
        }
    }

    TEST_CASE("a batch that wrote no report re-runs every case alone") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script;
        Outcome outcome = run_fake(batch.spec(), script);
        REQUIRE(outcome.cases.has_value());
        for (const BatchCaseOutcome& item : *outcome.cases) {
            CHECK(item.disposition == BatchDisposition::run_alone);
            CHECK_FALSE(item.reason.empty());
        }
    }

    TEST_CASE("a batch that cannot start re-runs every case alone") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script;
        script.start_error = ENOENT;
        Outcome outcome = run_fake(batch.spec(), script);
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.done_calls == 1);
        for (const BatchCaseOutcome& item : *outcome.cases) {
            CHECK(item.disposition == BatchDisposition::run_alone);
            CHECK(item.reason == "the batch could not start: No such file or directory");
        }
    }

    TEST_CASE("a batch whose output stays open past leak-timeout re-runs every case alone") {
        V3Batch batch;
        fail_middle(batch);
        ChildScript script = captured("fail-middle");
        script.exit_code = 42;
        script.output_held_for = 30s;
        BatchSpec spec = batch.spec();
        spec.leak_timeout.period = 100ms;
        Outcome outcome = run_fake(std::move(spec), script);
        REQUIRE(outcome.cases.has_value());
        CHECK(outcome.elapsed == 100ms);
        CHECK_FALSE(outcome.child->holder_running);
        for (const BatchCaseOutcome& item : *outcome.cases) {
            CHECK(item.disposition == BatchDisposition::run_alone);
            CHECK(item.reason == "the batch process left its output open past leak-timeout");
        }
    }

    TEST_CASE("a cancelled batch keeps what finished and cancels the rest") {
        V3Batch batch;
        segv_middle(batch);
        ChildScript script = captured("segv-middle");
        script.ends_after = std::nullopt;
        Outcome outcome = run_fake(batch.spec(), script, [](BatchAttempt& running, ManualClock&) {
            running.cancel(SIGINT, 1s);
        });
        REQUIRE(outcome.cases.has_value());
        const std::vector<BatchCaseOutcome>& cases = *outcome.cases;
        CHECK(cases[0].disposition == BatchDisposition::final);
        CHECK(cases[1].disposition == BatchDisposition::cancelled);
        CHECK(cases[1].result.status == AttemptStatus::cancelled);
        CHECK(cases[1].result.reason == "cancelled by SIGINT");
        CHECK(cases[2].disposition == BatchDisposition::cancelled);
    }
}

TEST_SUITE("runner::batch timeout rule") {
    TEST_CASE("a case's budget is its slow-timeout periods, or its absolute limit when shorter") {
        BatchCaseSpec spec;
        CHECK_FALSE(case_budget(spec).has_value());
        spec.slow_timeout = slow(10s, 3);
        CHECK(case_budget(spec) == 30s);
        spec.terminate_deadline = 20s;
        CHECK(case_budget(spec) == 20s);
        spec.slow_timeout.terminate_after.reset();
        CHECK(case_budget(spec) == 20s);
    }

    TEST_CASE("a batch's deadline is the sum of its budgets, and none when one case has none") {
        std::vector<BatchCaseSpec> cases(3);
        cases[0].slow_timeout = slow(1s, 2);
        cases[1].slow_timeout = slow(5s, 1);
        cases[2].terminate_deadline = 7s;
        CHECK(batch_deadline(cases) == 14s);
        cases[2].terminate_deadline.reset();
        CHECK_FALSE(batch_deadline(cases).has_value());
    }
}

namespace {

/// The model's outcome of each case of the fixture `binary_id` (tests/fixtures/expected.toml).
std::map<std::string, std::string> model_outcomes(const std::string& binary_id) {
    std::map<std::string, std::string> model;
    const toml::table expected = toml::parse_file(PTEST_SOURCE_DIR "/tests/fixtures/expected.toml");
    for (const toml::node& node : *expected["case"].as_array()) {
        const toml::table& entry = *node.as_table();
        if (entry["binary"].value_or(std::string()) == binary_id) {
            model[entry["name"].value_or(std::string())] = entry["outcome"].value_or(std::string());
        }
    }
    return model;
}

/// Run every case of `binary` as one batch of a real process.
std::vector<BatchCaseOutcome> run_real(const TestBinary& binary) {
    boost::asio::io_context io;
    ChildReaper reaper(io);
    PosixLauncher launcher(io, reaper);
    SteadyLoopClock clock(io);
    std::optional<std::vector<BatchCaseOutcome>> outcomes;
    BatchCallbacks callbacks;
    callbacks.on_done = [&](std::vector<BatchCaseOutcome> cases) {
        outcomes = std::move(cases);
        io.stop();
    };
    auto attempt = std::make_shared<BatchAttempt>(ProcessLoop{io, launcher, clock},
                                                  batch_spec(binary, {}), callbacks);
    attempt->start();
    // A safety net against a hang, not a timing assertion: the batch ends at once.
    io.run_for(std::chrono::seconds(60));
    REQUIRE(outcomes.has_value());
    REQUIRE(outcomes->size() == binary.cases.size());
    return std::move(*outcomes);
}

/// The names of the cases the batch kept, each kept verdict checked against the model: nothing
/// a batch keeps may differ from what a lone run of the case gives.
std::vector<std::string> kept_as_modelled(const TestBinary& binary,
                                          const std::vector<BatchCaseOutcome>& outcomes) {
    const std::map<std::string, std::string> model = model_outcomes(binary.id);
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const std::string& name = binary.cases[i].name;
        if (outcomes[i].disposition == BatchDisposition::final) {
            kept.push_back(name);
            const std::string status =
                outcomes[i].result.status == AttemptStatus::skip ? "skip" : "pass";
            CHECK_MESSAGE(model.at(name) == status, name);
        }
    }
    return kept;
}

/// The gtest_hostile fixture with the cases `names`.
TestBinary gtest_hostile(std::initializer_list<const char*> names) {
    TestBinary binary;
    binary.id = "gtest_hostile";
    binary.kind = "gtest";
    binary.path = PTEST_BINARY_DIR "/tests/fixtures/gtest_hostile";
    binary.cwd = PTEST_BINARY_DIR "/tests/fixtures";
    for (const char* name : names) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(std::move(test));
    }
    return binary;
}

} // namespace

TEST_SUITE("runner::BatchAttempt on a real process") {
    TEST_CASE("a real catch2v3_hostile batch keeps only verdicts the model gives its cases") {
        V3Batch batch;
        batch.add("pass", {"basic", "quick"}, 14);
        batch.add("fail assert", {"basic"}, 18);
        batch.add("runtime skip", {"skip"}, 22);
        batch.add("no newline on stdout", {"output"}, 26);
        batch.add("exit(0) mid-test", {"exit"}, 56);
        batch.add("throws", {"basic"}, 61);
        for (TestCase& test : batch.binary.cases) {
            // The report names the file as this build compiled it: the names tell these apart.
            test.file.clear();
            test.line = 0;
        }
        const std::vector<BatchCaseOutcome> outcomes = run_real(batch.binary);
        // The passes and the skip before the crash stand; the failure, the crash and the case
        // after it are re-run alone.
        CHECK(kept_as_modelled(batch.binary, outcomes) ==
              std::vector<std::string>{"pass", "runtime skip", "no newline on stdout"});
        CHECK(outcomes[4].ended_in);
    }

    TEST_CASE("a real gtest_hostile batch with failures keeps only verdicts the model gives") {
        const TestBinary binary = gtest_hostile(
            {"Basic.Passes", "Basic.Fails", "Output.NoNewlineStdout", "Output.NoNewlineStderr",
             "Output.FakeFailedButPasses", "Output.ImitatesAnotherCase", "Errors.Throws",
             "Skip.Runtime", "Typed/a_b.Works"});
        const std::vector<std::string> kept = kept_as_modelled(binary, run_real(binary));
        CHECK(std::find(kept.begin(), kept.end(), "Basic.Passes") != kept.end());
        CHECK(std::find(kept.begin(), kept.end(), "Skip.Runtime") != kept.end());
    }

    TEST_CASE("a real gtest_hostile batch that aborts keeps nothing: GoogleTest wrote no report") {
        const TestBinary binary = gtest_hostile({"Basic.Passes", "Errors.Aborts", "Skip.Runtime"});
        for (const BatchCaseOutcome& item : run_real(binary)) {
            CHECK(item.disposition == BatchDisposition::run_alone);
        }
    }
}

} // namespace ptest::runner
