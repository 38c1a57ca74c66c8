// The hint for a run in process mode that spent most of its time starting processes (issue 15):
// whether `isolation = "batch"` would really help, and by how much. The planner says which tests
// it would batch and in how many processes (`RunOptions::hint_batches`); the scheduler records
// how long each of them took as a process of its own (`BatchHintRecorder`), and `decide_batch_hint`
// judges what was measured. Pure apart from the recorder's bookkeeping, so every rule is
// unit-tested.
//
// The estimate. A case run alone pays its binary's start-up (exec, dynamic linking, static
// initialisers, the framework's set-up, writing the report) plus its own work, and ptest pays its
// own cost of a process (spawning, reading the pipes and the report, reaping). The start-up is
// estimated as the shorter of the binary's listing (one start-up plus printing names: short
// whatever its cases do) and its median case (short whatever one listing's timing was); without
// a listing, as its 10th-percentile case (a case with next to nothing to do). ptest's cost is the
// run's worker time not spent inside test processes, per process: of the order of a start-up,
// several on a loaded machine, so it is counted as at most two start-ups, which keeps workers left
// idle (a long test at the end, a serial group) from passing for it. A batch pays both once:
// running N cases in B processes saves (N - B) of them, spread over the run's workers, and the
// run can never get shorter than its longest test.
#pragma once

#include "reporter/events.hpp"
#include "runner/schedule/planned_test.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ptest::runner {

/// What a run measured of one binary whose cases ran one process each but could have shared them.
struct HintBinary {
    std::string id;
    /// The duration of the first attempt of each such case that ran (in the order they finished).
    std::vector<reporter::Duration> durations;
    std::size_t batches = 0; ///< How many processes the planner would have run them in.
    std::optional<reporter::Duration> listing; ///< How long its listing took, when known.
};

/// When the hint is given (the defaults are documented in docs/configuration.md, Isolation).
struct BatchHintRules {
    /// A binary counts only when its start-up is at least this share of its median case.
    double startup_share = 0.5;
    /// The counted binaries together hold at least this many cases ("hundreds of cases").
    std::size_t least_tests = 100;
    /// The run would be shorter by at least this share of its time ...
    double least_saving_share = 0.25;
    /// ... and by at least this much.
    reporter::Duration least_saving = std::chrono::milliseconds(500);
};

/// The start-up estimate of `binary`: the shorter of its listing and its median case (the lower
/// middle one of an even count); without a listing, its 10th-percentile case (the lower one
/// between two); nullopt when it has no durations.
std::optional<reporter::Duration> startup_estimate(const HintBinary& binary);

/// What a run measured as a whole.
struct RunMeasure {
    reporter::Duration elapsed{0};
    int workers = 1;               ///< `test-threads`.
    reporter::Duration longest{0}; ///< The longest attempt of any test.
    /// Every attempt's duration, summed, and how many attempts there were: the worker time
    /// spent inside test processes, and the processes it took.
    reporter::Duration process_time{0};
    std::size_t processes = 0;
};

/// ptest's own cost per process in `run`: the worker time (elapsed x workers) not spent inside
/// test processes, divided among them, at most `cap`; zero when nothing ran.
reporter::Duration overhead_per_process(const RunMeasure& run, reporter::Duration cap);

/// The hint for `run`, in which `binaries` ran one process per case but could have been
/// batched; nullopt when batches would not really help by `rules`. The estimate is the run's
/// time less, for each counted binary, (cases - batches) x (start-up + ptest's cost per process,
/// at most two start-ups) divided by the workers, and never below the longest test.
std::optional<reporter::BatchHint> decide_batch_hint(std::span<const HintBinary> binaries,
                                                     const RunMeasure& run,
                                                     const BatchHintRules& rules = {});

/// Collects, during a run, what `decide_batch_hint` needs. Not thread-safe (the loop's thread).
class BatchHintRecorder {
public:
    BatchHintRecorder() = default;
    /// `groups`: the batches the planner would run (`RunOptions::hint_batches`), each a list of
    /// indices into `tests`, the run's planned tests. Tests in no group are not recorded.
    BatchHintRecorder(const std::vector<std::vector<std::size_t>>& groups,
                      const std::vector<PlannedTest>& tests);

    /// The planned test at `index` finished with `attempts` (at least one).
    void record(std::size_t index, std::span<const reporter::AttemptResult> attempts);

    /// The hint for a run that took `elapsed` on `workers` slots (`decide_batch_hint` on what was
    /// recorded).
    [[nodiscard]] std::optional<reporter::BatchHint> hint(reporter::Duration elapsed,
                                                          int workers) const;

    /// What was recorded so far, one entry per binary, in plan order.
    [[nodiscard]] const std::vector<HintBinary>& binaries() const noexcept { return m_binaries; }

private:
    std::vector<HintBinary> m_binaries;
    std::vector<int> m_binary_of_test; ///< Index into m_binaries per planned test, or -1.
    RunMeasure m_run;                  ///< Its longest attempt, process time and processes so far.
};

} // namespace ptest::runner
