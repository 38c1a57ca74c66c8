// The runner <-> reporter contract: the closed vocabulary of events a run emits, in the order the
// event loop linearises them. The runner never prints; reporters (terminal, JUnit) consume these.
#pragma once

#include "base/captured_output.hpp"
#include "base/clock.hpp"

#include "profiles/profile.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ptest::reporter {

using base::Clock;
using base::Duration;
using base::WallClock;

/// Identifies one test case: the binary's id and the case's full name as the framework lists it.
struct TestId {
    std::string binary_id;
    std::string name;

    friend bool operator==(const TestId&, const TestId&) = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=>.
    friend auto operator<=>(const TestId&, const TestId&) = default;
};

/// How one attempt ended.
enum class AttemptStatus {
    pass,      ///< Exit 0 and the framework reported exactly this case passing.
    fail,      ///< Non-zero exit, or exit 0 with a wrong case count or a premature exit.
    abort,     ///< Killed by a signal it did not receive from ptest (SIGSEGV, SIGABRT, ...).
    timeout,   ///< Terminated by ptest after slow-timeout's terminate-after.
    exec_fail, ///< The process could not be started.
    skip,      ///< The test skipped itself at run time (GTEST_SKIP, Catch2 SKIP).
    cancelled, ///< Still running when the run was cancelled (signal or fail-fast immediate).
};

/// Whether the attempt's stdout/stderr stayed open after it exited (leak-timeout).
enum class LeakStatus { none, leaked_pass, leaked_fail };

using base::CapturedOutput;

/// Where a test case is declared in its source, as its framework reported it.
struct SourceLocation {
    /// The path exactly as the framework wrote it (often relative to where the binary was
    /// compiled; never made absolute); empty when unknown.
    std::string file;
    std::uint32_t line = 0; ///< 1-based; 0 when unknown (even when `file` is known).

    /// True when the file is known.
    [[nodiscard]] bool known() const noexcept { return !file.empty(); }
};

/// The result of one attempt of one test.
struct AttemptResult {
    AttemptStatus status = AttemptStatus::pass;
    LeakStatus leak = LeakStatus::none;
    std::uint32_t attempt = 1;        ///< 1-based.
    std::uint32_t total_attempts = 1; ///< 1 + retries.
    std::optional<int> exit_code;     ///< Set when the process exited normally.
    std::optional<int> signal;        ///< Set when the process was killed by a signal.
    bool slow = false;                ///< Ran past at least one slow-timeout period.
    /// Why a pass by exit code is not a pass ("no test case ran", "2 test cases ran", "exited
    /// before the test case finished"), or why a cancel happened ("SIGTERM"), or the OS error of
    /// an exec failure. Empty when the exit status says it all.
    std::string reason;
    std::string failure_message;     ///< One line from the framework's own failure text, if any.
    std::string failure_description; ///< The framework's failure block(s), if any.
    std::string skip_message;        ///< The framework's skip message, for `skip`.
    /// Where the case is declared: from the framework's report of this attempt when it says,
    /// else from the listing; unknown when neither says.
    SourceLocation location;
    CapturedOutput stdout_output;
    CapturedOutput stderr_output;
    WallClock::time_point start_time;
    Duration duration{0};
    /// This attempt is the re-run alone, after every other test finished, of a case that failed
    /// when it ran beside the other cases of its binary (`[ctest] rerun-alone`).
    bool ran_alone = false;
    /// The worker slot it ran on (`PTEST_TEST_GLOBAL_SLOT`), so a trace draws one lane a slot.
    std::uint32_t slot = 0;

    /// True for `pass` (including a leak with result pass) and `skip`.
    [[nodiscard]] bool is_success() const noexcept {
        return (status == AttemptStatus::pass && leak != LeakStatus::leaked_fail) ||
               status == AttemptStatus::skip;
    }
};

/// Why a test was not run at all. (Tests that fail-fast or a cancel kept from starting are not
/// skipped: `RunFinished::not_run` counts them.)
enum class SkipReason {
    ignored,  ///< DISABLED_, hidden, skip-decorated or CTest DISABLED (`--run-ignored` runs it).
    filtered, ///< Not selected by the name filters, `--skip`, `-E` or the default-filter.
    partition ///< Selected, but in another shard of `--partition`.
};

/// Why the run is cancelling. `setup_script_failure`: a setup script or its health check failed,
/// so no test starts.
/// `global_timeout`: the profile's `global-timeout` passed.
enum class CancelReason { signal, fail_fast, second_signal, setup_script_failure, global_timeout };

/// Counts kept by the runner and reported at the end.
struct RunStats {
    std::uint32_t initial_run_count = 0; ///< Tests selected to run.
    std::uint32_t finished_count = 0;
    std::uint32_t passed = 0; ///< Includes flaky and leaky passes and slow passes.
    std::uint32_t passed_slow = 0;
    std::uint32_t flaky = 0;
    std::uint32_t leaky = 0;  ///< Passed but leaked (result pass).
    std::uint32_t failed = 0; ///< fail + abort + leak-fail (not timeout, not exec_fail).
    std::uint32_t failed_slow = 0;
    std::uint32_t timed_out = 0;
    std::uint32_t exec_failed = 0;
    std::uint32_t leaky_failed = 0;
    std::uint32_t flaky_failed = 0; ///< Flaky under `flaky-result = "fail"` (also in `failed`).
    std::uint32_t cancelled = 0;    ///< Running when the run was cancelled.
    std::uint32_t skipped = 0;      ///< Not run: ignored or filtered out.
    std::uint32_t skipped_at_runtime = 0; ///< Ran and skipped itself.
    std::uint32_t skipped_partition = 0;  ///< Of `skipped`: in another `--partition` shard.
    /// `isolation = "batch"`: cases that ran inside a batch process, and how many of those the
    /// batch could not vouch for and were re-run alone (their lone run decided).
    std::uint32_t batched = 0;
    std::uint32_t batch_reruns = 0;

    /// True if any test failed, timed out, failed to start, or was cancelled.
    [[nodiscard]] bool any_failed() const noexcept {
        return failed + timed_out + exec_failed + cancelled > 0;
    }
};

// ---- The selection and batches, as the NDJSON stream reports them (issue 19) ----------------

/// One binary of a run's selection.
struct SelectedBinary {
    std::string id;
    std::string kind;        ///< Its framework's config name (`gtest`, `catch2`, `command`).
    std::string path;        ///< The executable, as ptest runs it.
    std::uint32_t tests = 0; ///< Its tests that the run will start.
};

/// `isolation = "batch"`: one process started to run several cases of one binary. Its cases'
/// own `TestStarted` and `TestFinished` follow its `BatchFinished`.
struct BatchStarted {
    std::string binary_id;
    std::vector<std::string> names; ///< The cases it runs, in its order.
    std::uint32_t global_slot = 0;  ///< The worker slot it holds (0-based).
};

/// A case of a batch whose result the batch could not vouch for: it is re-run alone.
struct BatchRerun {
    std::string name;
    std::string reason; ///< One line.
};

/// A batch process is done. Cases it vouched for are reported next, each as `TestStarted` and
/// `TestFinished`; the cases in `reruns` wait to run alone, as do those it never reached.
struct BatchFinished {
    std::string binary_id;
    std::uint32_t global_slot = 0; ///< The worker slot it ran on (0-based).
    std::uint32_t vouched = 0;     ///< Cases whose result the batch decided.
    std::vector<BatchRerun> reruns;
    std::uint32_t not_reached = 0;  ///< Cases a cancel kept it from reaching: not run.
    std::vector<std::string> cases; ///< Every case it was asked to run, in order.
    WallClock::time_point start_time;
    Duration duration{0}; ///< From launch to exit, time spent paused excluded.
};

// ---- Events -------------------------------------------------------------------------------

struct RunStarted {
    std::string run_id; ///< A random v4 UUID, lower case.
    profiles::Profile profile;
    std::uint32_t test_count = 0;   ///< Tests that will run.
    std::uint32_t binary_count = 0; ///< Binaries those tests come from.
    std::uint32_t skipped_count = 0;
    std::uint32_t test_threads = 1;
    WallClock::time_point start_time;
    /// Every binary id in test-list order, so reporters can order suites deterministically.
    std::vector<std::string> binary_ids;
    /// The binaries of `binary_ids`, in that order, each with its kind, path and test count.
    std::vector<SelectedBinary> binaries;
};

struct TestStarted {
    TestId test;
    std::uint32_t running = 0; ///< Tests running, this one included.
};

struct TestSlow {
    TestId test;
    std::uint32_t attempt = 1;
    std::uint32_t total_attempts = 1;
    Duration elapsed{0};
    bool will_terminate = false; ///< This period is the last: the test is being terminated.
};

struct TestAttemptFailedWillRetry {
    TestId test;
    AttemptResult result;
    Duration delay_before_next{0};
    /// The next attempt is no retry after a delay but the re-run alone, once every other test
    /// has finished (`[ctest] rerun-alone`); `delay_before_next` is then zero.
    bool rerun_alone = false;
};

struct TestRetryStarted {
    TestId test;
    std::uint32_t attempt = 2;
    std::uint32_t total_attempts = 2;
    /// This attempt is the re-run alone: every other test has finished and nothing else runs.
    bool alone = false;
};

/// Why a case that failed beside the other cases of its binary and passed when re-run alone is
/// flaky rather than failed.
inline constexpr const char* k_passes_alone_reason =
    "passes when run alone: shares files or state with other cases of its binary";

struct TestFinished {
    TestId test;
    std::vector<AttemptResult> attempts; ///< Every attempt in order; the last decides.
    std::uint32_t running = 0;           ///< Tests still running after this one.
    /// Flaky, and the profile's `flaky-result = "fail"` makes it count as failed.
    bool flaky_fail = false;

    [[nodiscard]] const AttemptResult& last() const { return attempts.back(); }
    /// Passed on a retry after failing at least once.
    [[nodiscard]] bool is_flaky() const {
        return attempts.size() > 1 && attempts.back().status == AttemptStatus::pass &&
               attempts.back().leak != LeakStatus::leaked_fail;
    }
    /// Flaky because it failed beside the other cases of its binary and passed alone
    /// (`k_passes_alone_reason`).
    [[nodiscard]] bool passed_alone() const { return is_flaky() && attempts.back().ran_alone; }
};

struct TestSkipped {
    TestId test;
    SkipReason reason = SkipReason::ignored;
};

struct RunCancelling {
    CancelReason reason = CancelReason::signal;
    std::optional<int> signal; ///< The signal that caused it, for `signal`/`second_signal`.
    std::uint32_t running = 0;
};

struct RunPaused {
    std::uint32_t running = 0;
};

struct RunContinued {
    std::uint32_t running = 0;
};

/// A run in process mode that spent most of its time starting processes: what
/// `isolation = "batch"` would likely have saved (runner/schedule/batch_hint.hpp decides).
struct BatchHint {
    std::uint32_t tests = 0;             ///< Cases that would have shared processes.
    std::vector<std::string> binary_ids; ///< Their binaries, in plan order.
    Duration estimate{0};                ///< The run's likely elapsed time with batches.
};

struct RunFinished {
    std::string run_id;
    WallClock::time_point start_time;
    Duration elapsed{0};
    RunStats stats;
    std::uint32_t not_run = 0; ///< Selected tests never started (fail-fast or cancel).
    /// Set when batches would have helped this run (printed as a note after the summary).
    std::optional<BatchHint> batch_hint;
};

// ---- Setup and teardown scripts (`[scripts.setup.NAME]`, `[scripts.teardown.NAME]`) ----------
// Within a run, setup scripts start after `RunStarted` and before the first test; teardown
// scripts run after the last test and before `RunFinished`. Each script is `ScriptStarted`, then
// `ScriptFinished`; a setup script with a health check that exited 0 is then
// `ScriptHealthChecked`.

using profiles::ScriptKind;

/// How one script ended.
enum class ScriptStatus {
    pass,      ///< Exit 0 (and its env file, for a setup script, was well formed).
    fail,      ///< A non-zero exit.
    abort,     ///< Killed by a signal it did not receive from ptest.
    timeout,   ///< Terminated by ptest after its slow-timeout's terminate-after.
    exec_fail, ///< The process could not be started.
    leak_fail, ///< Exit 0, but its output stayed open past leak-timeout with `result = "fail"`.
    bad_env,   ///< Exit 0, but the file named by PTEST_ENV was malformed.
    cancelled, ///< Stopped by ptest because of a signal.
};

/// The result of one script.
struct ScriptResult {
    ScriptKind kind = ScriptKind::setup;
    std::string name;
    std::string command; ///< The argv joined by spaces, for people.
    ScriptStatus status = ScriptStatus::pass;
    std::optional<int> exit_code; ///< Set when it exited normally.
    std::optional<int> signal;    ///< Set when it was killed by a signal.
    bool leaked = false;          ///< Its output stayed open after it exited (leak-timeout).
    /// One line saying why it failed (an exec error, the env file's problem, a leak); empty when
    /// the status and exit code say it all.
    std::string reason;
    CapturedOutput stdout_output; ///< Empty unless `capture-stdout`.
    CapturedOutput stderr_output; ///< Empty unless `capture-stderr`.
    WallClock::time_point start_time;
    Duration duration{0};

    [[nodiscard]] bool is_success() const noexcept { return status == ScriptStatus::pass; }
};

struct ScriptStarted {
    ScriptKind kind = ScriptKind::setup;
    std::string name;
    std::string command;
    std::uint32_t index = 1; ///< 1-based, among the scripts of its kind this run runs.
    std::uint32_t total = 1;
};

struct ScriptFinished {
    ScriptResult result;
    std::uint32_t index = 1;
    std::uint32_t total = 1;
};

/// A setup script's health check passed (the service is ready) or gave up after its timeout.
struct ScriptHealthChecked {
    std::string name;  ///< The setup script's.
    std::string check; ///< `tcp 127.0.0.1:5432`, `http http://...`, `command pg_isready ...`.
    bool passed = false;
    /// Why the last probe failed (`connection refused`, `HTTP status 503`, `exit code 2`); empty
    /// when it passed.
    std::string reason;
    Duration timeout{0}; ///< The check's `timeout`.
    Duration elapsed{0}; ///< From the script's exit to the verdict.
    std::uint32_t probes = 0;
    WallClock::time_point start_time;
    /// The setup script's captured output, shown with a failure.
    CapturedOutput stdout_output;
    CapturedOutput stderr_output;
};

// ---- Stress runs (`--stress-count`, `--stress-duration`) -------------------------------------
// A stress run repeats the whole run: each iteration is `StressIterationStarted`, then the
// iteration's own events from `RunStarted` to `RunFinished`, then `StressIterationFinished`; the
// last event is `StressRunFinished`. A run that is not a stress run emits none of these.

/// The limits of a stress run, repeated in each of its events.
struct StressLimits {
    std::optional<std::uint64_t> count; ///< Iterations to run; empty: no count limit.
    std::optional<Duration> duration;   ///< Start no iteration after this long; empty: no limit.
};

struct StressIterationStarted {
    StressLimits limits;
    std::uint64_t iteration = 1; ///< 1-based.
    Duration elapsed{0};         ///< Since the first iteration started.
};

struct StressIterationFinished {
    StressLimits limits;
    std::uint64_t iteration = 1;
    Duration elapsed{0}; ///< This iteration's own time.
    bool failed = false; ///< A test failed, timed out, was cancelled or never ran.
};

struct StressRunFinished {
    StressLimits limits;
    std::uint64_t passed = 0; ///< Iterations that passed.
    std::uint64_t failed = 0; ///< Iterations that failed.
    Duration elapsed{0};      ///< Since the first iteration started.
};

// ---- Where the run's time goes: batch processes and status on demand (issue 19) -------------

/// One test, or one batch process, holding a worker slot when the status was asked for.
struct RunningTest {
    TestId test;                   ///< For a batch: its binary and its first case.
    std::uint32_t batch_cases = 0; ///< A batch process running this many cases; 0: one test.
    int pid = 0;                   ///< The process; 0 while it waits to retry (it has none).
    std::uint32_t slot = 0;        ///< Its worker slot (`PTEST_TEST_GLOBAL_SLOT`).
    std::uint32_t attempt = 1;
    std::uint32_t total_attempts = 1;
    /// Its current attempt's time so far, pauses excluded; zero while it waits to retry.
    Duration elapsed{0};
};

/// Someone asked what runs (SIGUSR1, or the `t` key on a terminal): every test holding a worker
/// slot, in slot order. The run goes on as before.
struct RunStatus {
    std::vector<RunningTest> running;
    std::uint32_t finished = 0; ///< Tests finished so far.
    std::uint32_t total = 0;    ///< Tests selected to run.
    Duration elapsed{0};        ///< Since the run started.
};

/// The closed set of events, in the order the runner emits them.
using Event =
    std::variant<RunStarted, TestStarted, TestSlow, TestAttemptFailedWillRetry, TestRetryStarted,
                 TestFinished, TestSkipped, RunCancelling, RunPaused, RunContinued, RunFinished,
                 StressIterationStarted, StressIterationFinished, StressRunFinished, ScriptStarted,
                 ScriptFinished, ScriptHealthChecked, BatchStarted, BatchFinished, RunStatus>;

} // namespace ptest::reporter
