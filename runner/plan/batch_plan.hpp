// Batch planning (issue 15, `isolation = "batch"`): split one binary's selected cases into batches,
// several cases run by one process, so that the run's makespan stays near max(longest case,
// total work / workers) with every worker slot in use. Each batch aims at an equal share of the
// work, total / (workers x k) for a small k, so that the last batches to finish are short and the
// slots balance, but never below sqrt(total x start-up / workers): the size at which what one
// more batch costs in start-up equals what it saves in balance, so that a binary slow to start
// gets fewer, longer batches. A case expected to take a share or more runs alone, as do a case
// ten times slower than its binary's typical case and the cases the adapter cannot batch; a batch
// holds at most `max_cases` cases and never more than the adapter's argv can select. Where the
// framework matches every case it has against every name (Catch2), a binary whose every case is
// selected is cut by place instead (no names: the whole binary, or Catch2 v3's equal shards). Pure
// and deterministic: the same cases, estimates and settings give the same batches.
#pragma once

#include "base/clock.hpp"

#include "runner/frameworks/adapter.hpp"
#include "runner/history/history_store.hpp"
#include "runner/model/test_list.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace ptest::runner {

/// What the planner knows about one selected case of a binary.
struct BatchCandidate {
    bool batchable = false; ///< The adapter can select it beside others (`batchable_cases`).
    std::optional<base::Duration> recorded; ///< Its duration in history; nullopt when unknown.
};

/// How batches are sized.
struct BatchPlanSettings {
    int workers = 1;             ///< `test-threads`: the slots the batches share.
    int batches_per_worker = 4;  ///< k: each batch aims at total / (workers x k).
    std::size_t max_cases = 256; ///< The most cases one batch holds.
    /// The estimate of a case with no recorded duration when no selected case of the binary has
    /// one; otherwise such a case counts as the median of the binary's recorded cases.
    base::Duration unknown_estimate = std::chrono::milliseconds(10);
    /// The total work of the run the slots are shared with (every binary, batched or not); nullopt
    /// takes this binary's own estimated total. A run of many binaries passes its total, so that
    /// each small binary becomes one batch instead of one process per case.
    std::optional<base::Duration> total_work;
    /// What matching one listed case against one name costs a framework whose selector is not
    /// `names`: a batch naming 1000 of 2000 cases took 0.13 s more CPU than the unfiltered binary
    /// on Catch2 2.13 and 3.7.1 (65 ns a comparison, a lower-cased copy of the name each) and
    /// 0.08 s on doctest 2.5 (40 ns).
    base::Duration name_match_cost = std::chrono::nanoseconds(50);
    /// What starting one process of the binary costs (its listing time): every batch pays it
    /// once, and a recorded duration, measured on a process of its own, includes it.
    base::Duration startup_cost{0};
};

/// How one binary's batches can select their cases (see `BatchSelector`).
struct BatchSelection {
    BatchSelector selector = BatchSelector::names;
    /// The cases to plan are every case an unfiltered run of the binary selects, in listing
    /// order, and the adapter is given the listing: a batch of all of them, or (`names_or_shards`)
    /// an equal contiguous shard of them, needs no names.
    bool unfiltered = false;
    /// How many cases the binary lists, ignored ones included: what every name is matched against.
    std::size_t listed = 0;
};

/// One unit of work the plan produces: a batch of cases run by one process, or one case alone.
struct PlannedBatch {
    std::vector<std::size_t> cases; ///< Indices into the selected cases, ascending.
    base::Duration estimate{0};     ///< The sum of the cases' estimates.
    /// True for a batch (two cases or more in one process); false for a case run alone, as in
    /// process mode.
    bool batched = false;
};

/// How many of the leading `cases` (indices into the selected cases, at least one) one batch's
/// argv can select: the adapter's `BatchArguments::count`, at least 1.
using BatchFit = std::function<std::size_t(std::span<const std::size_t> cases)>;

/// The estimate of each case: its recorded duration less `startup` (the process start-up a case
/// run alone was timed with; a case timed inside a batch was not, and its recorded time is at
/// most about that anyway), else the median of those, else `unknown`; at least one microsecond,
/// so that cases recorded as taking no time still weigh something.
std::vector<base::Duration> estimate_cases(std::span<const BatchCandidate> cases,
                                           base::Duration unknown,
                                           base::Duration startup = base::Duration(0));

/// What one case recorded as taking `recorded` costs inside a batch of a binary whose start-up
/// takes `startup`: `recorded - startup`, at least one microsecond.
base::Duration batched_estimate(base::Duration recorded, base::Duration startup);

/// The estimate from which a case runs alone as an outlier: ten times the largest of the median
/// of `estimates`, the start-up cost and one millisecond. A case that much slower than its
/// binary's typical case would hold up every case batched with it; alone, it starts with the
/// lone tests, first, and its own process costs at most a tenth of its time.
base::Duration outlier_estimate(std::span<const base::Duration> estimates,
                                const BatchPlanSettings& settings);

/// The share of work one batch aims at: total / (workers x k), but at least
/// sqrt(total x startup / workers), and at least one nanosecond.
base::Duration batch_target(base::Duration total, const BatchPlanSettings& settings);

/// Split `cases` (one binary's selected cases, in listing order) into units, in the order of
/// their first case. The target of a batch is `batch_target`. A case that is not
/// batchable, or whose estimate reaches the target or `outlier_estimate`, runs alone. Each run of
/// consecutive batchable cases between them is cut into the fewest pieces of at most `max_cases`
/// cases and at most the target each, of balanced estimates (cut where the running sum crosses each
/// equal share); `fit` then shortens a piece the argv cannot hold, its rest starting the next
/// batch. A piece of one case runs alone. `fit` may be empty (no limit).
///
/// Where names cost the framework every listed case per name (`selection`), a binary whose cases
/// are all `unfiltered` and batchable is cut by place instead, with no case alone: into equal
/// contiguous shards (`names_or_shards`: as many as the target and `max_cases` ask), or into one
/// batch of every case, beyond `max_cases` (`names_matched_by_every_case`), unless that plan
/// would end later than named pieces could: it ends after its largest shard or after its work
/// shared by the workers; named pieces end at best after the longest case or after the work and
/// the names' matching cost (`name_match_cost` x listed x selected) shared by the workers.
std::vector<PlannedBatch> plan_batches(std::span<const BatchCandidate> cases,
                                       const BatchPlanSettings& settings, const BatchFit& fit,
                                       const BatchSelection& selection = {});

/// `plan_batches` for `selected`, cases of `binary` (pointing into `binary.cases`, in listing
/// order), with the binary's adapter deciding what batches, how much one argv holds and how it
/// selects (`binary_batch_arguments`, `batch_selector`), and
/// `history` (null: none) the recorded durations. `eligible` (empty, or one flag per selected
/// case) says which cases their own settings let share a process (the scheduler's call: isolation
/// "batch", one slot, no test group, lock, run-serial or environment of their own); the others
/// run alone. Every case runs alone when the binary cannot be batched: it is `preselected`, its
/// `args` ask for a report of their own, it comes from a CTest test whose rules judge output or
/// exit code, or its framework runs whole.
std::vector<PlannedBatch> plan_binary_batches(const TestBinary& binary,
                                              std::span<const TestCase* const> selected,
                                              const HistoryStore* history,
                                              const BatchPlanSettings& settings,
                                              std::span<const bool> eligible = {});

} // namespace ptest::runner
