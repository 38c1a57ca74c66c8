// One batch (issue 15): a single process running several cases of one binary, run by a ProcessRun
// like a one-case Attempt's (spawn, run, exit, leak check per batch process, done; see
// process_run.hpp), under one deadline for the whole batch (see batch_outcome.hpp). When done it
// judges every case (judge_batch): a final result shaped like a lone attempt's, or "re-run alone".
// It emits no event: the scheduler reports each case from the outcomes.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/events.hpp"
#include "runner/frameworks/adapter.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"
#include "runner/schedule/batch_outcome.hpp"
#include "runner/schedule/process_run.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace ptest::runner {

/// Everything needed to run one batch.
struct BatchSpec {
    const TestBinary* binary = nullptr;
    /// The cases the request's argv selects (`BatchArguments::count` of them), in listing order.
    std::vector<BatchCaseSpec> cases;
    /// The process to start: `batch_request_arguments` as its args, `report` set, and the
    /// binary's environment (no per-case variables: PTEST_TEST_NAME is not set in a batch).
    SpawnRequest request;
    profiles::LeakTimeout leak_timeout;
    /// How long a terminated batch has between SIGTERM and SIGKILL.
    reporter::Duration grace_period = std::chrono::seconds(10);
    /// The bound on each captured stream of the whole batch (head and tail).
    std::uint64_t capture_limit = 64U << 20U;
    /// The bound on each case's own slice of a stream, as a lone attempt's capture limit.
    std::uint64_t case_capture_limit = 4U << 20U;
};

/// The args (after the binary path) of a batch of `cases`, cases of `binary` in listing order, with
/// the report written to `k_report_path`: `binary_batch_arguments` (runner/frameworks/batch.hpp),
/// the one place a batch's argv is built. `count` says how many leading cases they select (0: the
/// adapter cannot batch).
BatchArguments batch_request_arguments(const TestBinary& binary,
                                       std::span<const TestCase* const> cases);

/// Notifications from a batch, on the loop thread.
struct BatchCallbacks {
    /// The batch is done: one outcome per case of `BatchSpec::cases`, in order. Called once.
    std::function<void(std::vector<BatchCaseOutcome> outcomes)> on_done;
};

/// The lifecycle of one batch process. Create with `std::make_shared`, then `start()`.
/// Everything it needs from the OS comes through `loop`, which must outlive it.
class BatchAttempt : public std::enable_shared_from_this<BatchAttempt>, private ProcessRunOwner {
public:
    using State = ProcessRun::State;

    BatchAttempt(const ProcessLoop& loop, BatchSpec spec, BatchCallbacks callbacks);

    /// Launch the process and start its deadline. An exec failure completes the batch at once
    /// (through `on_done`, posted to the loop), every case to be re-run alone.
    void start();

    /// The run is being cancelled: forward `signal` to the batch's group now, SIGKILL after
    /// `grace`. Cases the batch has not accounted for come out `cancelled`.
    void cancel(int signal, reporter::Duration grace);

    /// SIGKILL the batch's process group now (a second interrupt).
    void kill();

    /// Stop (SIGSTOP) the batch's group and freeze its deadline, or continue them.
    void pause();
    void resume();

    [[nodiscard]] State state() const noexcept { return m_run.state(); }
    [[nodiscard]] const BatchSpec& spec() const noexcept { return m_spec; }
    /// The process's pid (0 when it has none) and its time so far without pauses, for status on
    /// demand.
    [[nodiscard]] int pid() const noexcept { return m_run.pid(); }
    [[nodiscard]] reporter::Duration elapsed() const { return m_run.elapsed(); }
    /// When the process was launched and how long it ran (pauses excluded); set once it is
    /// done, before `on_done` is called (a trace draws the batch from them).
    [[nodiscard]] reporter::WallClock::time_point start_time() const noexcept {
        return m_start_time;
    }
    [[nodiscard]] reporter::Duration duration() const noexcept { return m_duration; }
    /// The deadline the batch runs under (see `batch_deadline`); nullopt when it has none.
    [[nodiscard]] std::optional<reporter::Duration> deadline() const noexcept { return m_deadline; }

private:
    void arm_deadline();
    /// The deadline came: terminate the batch.
    void on_watchdog() override;
    /// Judge every case from the finished process and report them through `on_done`.
    void on_process_done(ProcessFacts& facts) override;

    BatchSpec m_spec;
    BatchCallbacks m_callbacks;
    std::optional<reporter::Duration> m_deadline;
    ProcessRun m_run; ///< The process itself; reports to this attempt as its owner.
    reporter::WallClock::time_point m_start_time;
    reporter::Duration m_duration{0};
};

} // namespace ptest::runner
