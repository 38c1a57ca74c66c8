// The Scheduler owns a run: it starts planned tests on N worker slots in plan order, retries failed
// attempts after their backoff, applies fail-fast, forwards cancellation and pause to running
// tests, and emits every event to the reporter sink. It runs entirely on one io_context thread.
//
// Admission: a test starts when it gets its `threads-required` slots, its test group is below its
// `max-threads`, none of its resource locks is held, and no run-serial test is running. A test
// blocked by its group or a lock is passed over for later ones (so a serial group never idles the
// other workers); a test waiting for slots or to run alone is not, so that heavy and run-serial
// tests are never starved by the light tests behind them. Before all of these, a test imported
// from a build tree waits for its prerequisites (CTest fixtures and DEPENDS, prerequisites.hpp):
// until they have finished it is passed over, and when a fixture it requires failed to set up it
// is reported not run.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/event_sink.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/schedule/attempt.hpp"
#include "runner/schedule/batch_attempt.hpp"
#include "runner/schedule/batch_hint.hpp"
#include "runner/schedule/planned_test.hpp"
#include "runner/schedule/prerequisites.hpp"
#include "runner/schedule/run_hooks.hpp"

#include <deque>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ptest::runner {

/// Settings of one run.
struct RunOptions {
    profiles::Profile profile;
    int test_threads = 1;
    int cpus = 1; ///< For `threads-required = "num-cpus"`.
    bool no_capture = false;
    std::string run_id;
    std::filesystem::path workspace_root;
    std::filesystem::path temp_dir;    ///< Per-run scratch (premature-exit and report files).
    std::vector<std::string> base_env; ///< ptest's environment, cleaned, as NAME=value.
    /// `[test-groups.NAME] max-threads`, resolved. A group not listed has no limit of its own.
    std::map<std::string, int> group_max_threads;
    /// `[ctest] rerun-alone`: a case expanded from a whole CTest test (`expanded_from_ctest`)
    /// that fails for good beside other tests is re-run once more, alone, after all of them.
    bool rerun_alone = false;
    /// `isolation = "batch"` (scheduler_batch.cpp): groups of two or more indices into the
    /// planned tests, cases of one binary in listing order, each run as one process on one
    /// worker slot (runner/plan/run_batches.hpp chooses them). Empty: one process per case.
    std::vector<std::vector<std::size_t>> batches;
    /// The batches the planner would make of tests that run one process each (isolation
    /// "process") if they were batched, in the form of `batches`: the scheduler measures them
    /// and the run's end says when batching would really help (batch_hint.hpp).
    std::vector<std::vector<std::size_t>> hint_batches;
    /// The skipped cases that `--partition` left out (`Selection::partitioned`): their skip
    /// says so, apart from the ignored and the filtered ones.
    std::set<const TestCase*> partitioned;
};

/// Take the lowest free slot number of `slots` (a new one when every slot is taken).
int take_slot(std::vector<bool>& slots);

/// Runs the planned tests. Create, `start()`, then run the loop's io_context until it returns.
class Scheduler {
public:
    /// `loop` (the io_context, the launcher of test processes and the clock) and `sink` must
    /// outlive the scheduler.
    Scheduler(const ProcessLoop& loop, reporter::EventSink& sink, RunOptions options,
              std::vector<PlannedTest> tests, std::vector<TestRef> skipped);

    /// Emit RunStarted and the skipped tests, then start as many tests as there are workers.
    void start();

    /// An interrupt arrived: the first cancels (forward `signal`, SIGKILL after the grace
    /// period), a second kills every running test at once.
    void interrupt(int signal);

    /// Ctrl-Z and fg: stop the tests and their timers, or continue them.
    void pause();
    void resume();

    /// Someone asked what runs (SIGUSR1, the `t` key): emit a RunStatus with every test and
    /// batch holding a worker slot. Changes nothing else (scheduler_status.cpp).
    void report_status();

    /// Run `hooks` after RunStarted and before the first test, and after the last test and
    /// before RunFinished (setup and teardown scripts). Call before `start()`; `hooks` must
    /// outlive the scheduler.
    void set_hooks(RunHooks& hooks) { m_hooks = &hooks; }

    /// True when the hooks' `before_tests` failed (not because of a signal): no test started.
    [[nodiscard]] bool hooks_failed() const noexcept { return m_hooks_failed; }

    /// Called once, after RunFinished was emitted.
    void on_finished(std::function<void()> callback) { m_on_finished = std::move(callback); }

    [[nodiscard]] const reporter::RunStats& stats() const noexcept { return m_stats; }
    [[nodiscard]] bool cancelled() const noexcept { return m_cancelled; }
    [[nodiscard]] std::uint32_t not_run() const noexcept { return m_not_run; }

private:
    struct TestState {
        PlannedTest planned;
        std::size_t index = 0; ///< Its position among the planned tests the scheduler got.
        int slots = 1;         ///< Worker slots held while running: threads-required, at most all.
        std::vector<reporter::AttemptResult> attempts;
        std::shared_ptr<Attempt> current;
        std::unique_ptr<LoopTimer> retry_timer;
        int global_slot = -1; ///< PTEST_TEST_GLOBAL_SLOT while running.
        int group_slot = -1;  ///< PTEST_TEST_GROUP_SLOT while running (-1 for @global).
        bool alone = false;   ///< Its re-run alone has started (the last attempt it gets).
        /// `m_attempt_serial` when its current attempt started, and whether another test was
        /// running then: with no attempt started since, it ran with nothing beside it.
        std::uint32_t attempt_serial = 0;
        bool had_company = false;
    };

    /// Cases of one binary run by one process (`RunOptions::batches`).
    struct BatchUnit {
        std::vector<TestState*> members;
        std::shared_ptr<BatchAttempt> current;
        int global_slot = -1;
        /// What the hooks add to the batch's environment (its first case's).
        std::map<std::string, std::string> env;
    };

    /// Where the run is with respect to its hooks (scheduler_hooks.cpp).
    enum class HookPhase { before, tests, after, done };

    /// Whether `state` may start now: `start`, `skip` it for a later test (its group is full or
    /// a lock is held), or `wait` (it needs more slots, or to run alone; nothing behind it starts).
    enum class Admission { start, skip, wait };
    [[nodiscard]] Admission admit(const TestState& state) const;
    void acquire(TestState& state);
    void release(TestState& state);

    void fill_workers();
    void start_attempt(TestState& state);
    void on_attempt_done(TestState& state, reporter::AttemptResult result);
    /// Release its workers, then `conclude` it and start what may start next.
    void finish_test(TestState& state);
    /// Report it finished with its attempts, count it and apply fail-fast.
    /// `may_fail_fast` is false for a verdict a batch gave: fail-fast fires from lone runs only.
    void conclude(TestState& state, bool may_fail_fast = true);
    void refuse(TestState& state);
    /// Its attempts are over: if it may be re-run alone, release its workers, queue it and
    /// return true (scheduler_alone.cpp).
    bool defer_alone(TestState& state);
    /// Start the first queued re-run alone when nothing else is pending or running.
    void start_next_alone();
    /// The run is cancelled: every queued test finishes with the attempts it had.
    void conclude_deferred();
    /// Attempts the test gets: 1 + retries, or one more for its re-run alone.
    [[nodiscard]] std::uint32_t total_attempts(const TestState& state) const;
    /// Report `state` (admitted, holding its workers) failed without running, for `reason`: a
    /// fixture it requires failed to set up (scheduler_prerequisites.cpp).
    void report_not_run(TestState& state, std::string reason);
    /// Turn `RunOptions::batches` into pending batches, taking their cases off the pending list.
    void group_batches();
    /// Start pending batches while worker slots are free.
    void start_batches();
    /// Start `unit` on a worker slot; false when its cases went back to run one per process.
    bool start_batch(BatchUnit& unit);
    void on_batch_done(BatchUnit& unit, std::vector<BatchCaseOutcome> outcomes);
    /// The event saying what became of each case of `unit` (`caught`: the case a cancel caught).
    [[nodiscard]] reporter::BatchFinished
    batch_finished(const BatchUnit& unit, const std::vector<BatchCaseOutcome>& outcomes,
                   std::size_t caught) const;
    [[nodiscard]] BatchSpec make_batch_spec(const BatchUnit& unit, std::size_t count) const;
    /// Forward a cancel (`signal`), a kill (nullopt signal and `kill`), or pause/resume to every
    /// running batch.
    void signal_batches(std::optional<int> signal, bool kill);
    void pause_batches(bool pause);
    /// Cases of batches not started yet.
    [[nodiscard]] std::uint32_t pending_batch_cases() const;
    void cancel_run(reporter::CancelReason reason, std::optional<int> signal);
    /// Start the `global-timeout` timer, when the profile sets one (scheduler_timeout.cpp).
    void arm_global_timeout();
    /// The `global-timeout` passed: cancel the run (or the setup scripts) as a signal would.
    void on_global_timeout();
    /// After the `global-timeout`, a last attempt that was cancelled says so in its reason.
    void explain_global_timeout(std::vector<reporter::AttemptResult>& attempts) const;
    void maybe_finish_run();
    /// The hooks' `before_tests` is over: give the tests their environment and start them, or
    /// cancel the run when it failed.
    void on_before_tests_done(bool ok);
    /// Whether the run may finish now as far as the hooks go: false while they still run, after
    /// starting `after_tests` when it has not run yet.
    bool hooks_let_finish();
    /// A signal while the hooks run: cancel the run (before the tests) and tell the hooks.
    void interrupt_hooks(int signal);
    [[nodiscard]] reporter::Duration retry_delay(const TestState& state,
                                                 std::uint32_t failed_attempt) const;
    [[nodiscard]] AttemptSpec make_spec(const TestState& state, std::uint32_t attempt) const;
    [[nodiscard]] bool is_failure(const reporter::AttemptResult& result) const;

    ProcessLoop m_loop;
    reporter::EventSink& m_sink;
    RunOptions m_options;
    std::vector<TestRef> m_skipped;
    /// Each binary's environment (ptest's, cleaned, plus its configured `env`), built once.
    std::unordered_map<const TestBinary*, std::vector<std::string>> m_binary_env;
    std::vector<std::unique_ptr<TestState>> m_tests;
    std::list<TestState*> m_pending; ///< Not started yet, in plan order.
    /// Failed beside other tests and waiting to be re-run alone, in the order they failed.
    std::deque<TestState*> m_alone;
    std::vector<std::unique_ptr<BatchUnit>> m_batches;
    std::deque<BatchUnit*> m_pending_batches; ///< Not started yet, in plan order.
    /// When each pending test may start (CTest fixtures and DEPENDS).
    Prerequisites m_prerequisites;
    std::uint32_t m_running = 0; ///< Tests holding a worker (running or waiting to retry).
    /// Worker slots in use: each test holds `threads-required` of the `test-threads` slots.
    int m_used_slots = 0;
    std::vector<bool> m_global_slots; ///< Which slot numbers running tests hold.
    std::map<std::string, std::vector<bool>> m_group_slots; ///< The same, per test group.
    std::map<std::string, int> m_group_used;                ///< Worker slots held, per test group.
    std::map<std::string, int> m_held_locks;                ///< Resource lock -> holders (0/1).
    bool m_serial_running = false;
    std::uint32_t m_failures = 0; ///< Tests that failed for good (for fail-fast).
    std::uint32_t m_not_run = 0;
    std::uint32_t m_attempt_serial = 0;
    bool m_cancelled = false;
    bool m_killed = false;
    bool m_terminating = false;      ///< A cancel has sent the running tests SIGTERM.
    bool m_global_timed_out = false; ///< The `global-timeout` passed and cancelled the run.
    bool m_paused = false;
    bool m_finished = false;
    reporter::RunStats m_stats;
    BatchHintRecorder m_hint; ///< What the batch hint needs (`RunOptions::hint_batches`).
    reporter::WallClock::time_point m_start_wall;
    reporter::Clock::time_point m_start;
    std::function<void()> m_on_finished;
    std::unique_ptr<LoopTimer> m_global_timer; ///< `global-timeout`, while the run lasts.
    RunHooks* m_hooks = nullptr;
    HookPhase m_hook_phase = HookPhase::tests;
    bool m_hooks_failed = false;
};

} // namespace ptest::runner
