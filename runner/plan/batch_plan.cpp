// Batch planning: estimates, the target share of work, balanced cuts of each run of batchable
// cases, then the case-count and argv limits. Integer nanoseconds throughout, so the cuts are
// exact and the same on every machine.
#include "runner/plan/batch_plan.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/registry.hpp"
#include "runner/process/spawn.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>

namespace ptest::runner {

namespace {

using base::Duration;

constexpr Duration k_least_estimate = std::chrono::microseconds(1);

/// Appends `piece` (indices) as batches of at most `max_cases` cases each, shortened further by
/// `fit`; a batch of one case runs alone.
void emit_piece(std::span<const std::size_t> piece, std::span<const Duration> estimates,
                const BatchPlanSettings& settings, const BatchFit& fit,
                std::vector<PlannedBatch>& units) {
    while (!piece.empty()) {
        std::size_t take = std::min(piece.size(), std::max<std::size_t>(settings.max_cases, 1));
        if (fit && take > 1) {
            take = std::clamp<std::size_t>(fit(piece.first(take)), 1, take);
        }
        PlannedBatch unit;
        unit.cases.assign(piece.begin(), piece.begin() + static_cast<std::ptrdiff_t>(take));
        for (std::size_t index : unit.cases) {
            unit.estimate += estimates[index];
        }
        unit.batched = take > 1;
        units.push_back(std::move(unit));
        piece = piece.subspan(take);
    }
}

/// The number of cases in the prefix of `prefix` (running sums, `prefix[p]` the sum of the first
/// p cases) where the share `threshold` is crossed: the first p whose sum reaches it, or the one
/// before when that is closer.
std::size_t crossing(const std::vector<std::int64_t>& prefix, std::int64_t threshold) {
    const auto found = std::lower_bound(prefix.begin(), prefix.end(), threshold);
    auto p = static_cast<std::size_t>(found - prefix.begin());
    if (p > 0 && p < prefix.size() && threshold - prefix[p - 1] < prefix[p] - threshold) {
        --p;
    }
    return p;
}

/// Cut `segment` (consecutive batchable cases, each below the target) into balanced pieces and
/// emit them.
void cut_segment(std::span<const std::size_t> segment, std::span<const Duration> estimates,
                 Duration target, const BatchPlanSettings& settings, const BatchFit& fit,
                 std::vector<PlannedBatch>& units) {
    if (segment.empty()) {
        return;
    }
    std::vector<std::int64_t> prefix(segment.size() + 1, 0);
    for (std::size_t i = 0; i < segment.size(); ++i) {
        prefix[i + 1] = prefix[i] + estimates[segment[i]].count();
    }
    const std::int64_t sum = prefix.back();
    const auto cases = static_cast<std::int64_t>(segment.size());
    const auto max_cases = static_cast<std::int64_t>(std::max<std::size_t>(settings.max_cases, 1));
    std::int64_t pieces =
        std::max((sum + target.count() - 1) / target.count(), (cases + max_cases - 1) / max_cases);
    pieces = std::clamp<std::int64_t>(pieces, 1, cases);
    std::size_t begin = 0;
    for (std::int64_t j = 1; j <= pieces; ++j) {
        std::size_t end = segment.size();
        if (j < pieces) {
            // The j-th equal share, j * sum / pieces, without overflowing 64 bits.
            const std::int64_t threshold = (sum / pieces) * j + (sum % pieces) * j / pieces;
            end = crossing(prefix, threshold);
            // Every piece keeps at least one case, and leaves one for each piece after it.
            end = std::clamp<std::size_t>(end, begin + 1,
                                          segment.size() - static_cast<std::size_t>(pieces - j));
        }
        emit_piece(segment.subspan(begin, end - begin), estimates, settings, fit, units);
        begin = end;
    }
}

/// Whether `args` ask the framework for a report of their own, by an argument starting with one
/// of `prefixes`.
bool asks_for_own_report(const std::vector<std::string>& args,
                         std::span<const std::string_view> prefixes) {
    return std::any_of(args.begin(), args.end(), [&](const std::string& arg) {
        return std::any_of(prefixes.begin(), prefixes.end(),
                           [&](std::string_view prefix) { return arg.starts_with(prefix); });
    });
}

/// The plan by place of a binary whose cases are every case an unfiltered run selects (see
/// `plan_batches`); nullopt when names are no dearer there, the cases do not allow it, or named
/// pieces would still end sooner.
std::optional<std::vector<PlannedBatch>>
plan_by_place(std::span<const BatchCandidate> cases, std::span<const Duration> estimates,
              Duration target, const BatchPlanSettings& settings, const BatchSelection& selection) {
    if (!selection.unfiltered || selection.selector == BatchSelector::names || cases.size() < 2 ||
        !std::all_of(cases.begin(), cases.end(),
                     [](const BatchCandidate& candidate) { return candidate.batchable; })) {
        return std::nullopt;
    }
    const Duration sum = std::accumulate(estimates.begin(), estimates.end(), Duration::zero());
    const Duration longest = *std::max_element(estimates.begin(), estimates.end());
    const auto max_cases = std::max<std::size_t>(settings.max_cases, 1);
    std::size_t pieces = 1;
    if (selection.selector == BatchSelector::names_or_shards) {
        pieces = std::max<std::size_t>(
            static_cast<std::size_t>((sum.count() + target.count() - 1) / target.count()),
            (cases.size() + max_cases - 1) / max_cases);
        pieces = std::clamp<std::size_t>(pieces, 1, cases.size());
    }
    std::vector<PlannedBatch> units;
    Duration largest{0};
    for (std::size_t index = 0; index < pieces; ++index) {
        const EqualShard shard = equal_shard(cases.size(), pieces, index);
        PlannedBatch unit;
        for (std::size_t i = shard.begin; i < shard.begin + shard.size; ++i) {
            unit.cases.push_back(i);
            unit.estimate += estimates[i];
        }
        unit.batched = shard.size > 1;
        largest = std::max(largest, unit.estimate);
        units.push_back(std::move(unit));
    }
    // Named pieces cost the framework every listed case per name, however they are cut; they
    // end at best when the longest case does or when the workers share that cost and the work.
    const std::int64_t workers = std::max(settings.workers, 1);
    const Duration matching = settings.name_match_cost *
                              static_cast<std::int64_t>(selection.listed) *
                              static_cast<std::int64_t>(cases.size());
    const Duration by_names = std::max(longest, (sum + matching) / workers);
    const Duration by_place = std::max(largest, sum / workers);
    if (by_place > by_names) {
        return std::nullopt;
    }
    return units;
}

} // namespace

Duration outlier_estimate(std::span<const Duration> estimates, const BatchPlanSettings& settings) {
    if (estimates.empty()) {
        return Duration::max();
    }
    std::vector<Duration> sorted(estimates.begin(), estimates.end());
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>((sorted.size() - 1) / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    const Duration typical =
        std::max({*middle, settings.startup_cost, Duration(std::chrono::milliseconds(1))});
    return typical * 10;
}

Duration batched_estimate(Duration recorded, Duration startup) {
    return std::max(recorded - startup, k_least_estimate);
}

Duration batch_target(Duration total, const BatchPlanSettings& settings) {
    const std::int64_t workers = std::max(settings.workers, 1);
    const std::int64_t shares = workers * std::max(settings.batches_per_worker, 1);
    Duration target = total / shares;
    if (settings.startup_cost > Duration::zero()) {
        // Cutting a batch in two saves at most its half on the slot that ends last and costs one
        // more start-up spread over the workers: the makespan's (total + batches x start-up) /
        // workers + target is least at target = sqrt(total x start-up / workers).
        const double seconds =
            std::sqrt(std::chrono::duration<double>(total).count() *
                      std::chrono::duration<double>(settings.startup_cost).count() /
                      static_cast<double>(workers));
        target = std::max(
            target, std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds)));
    }
    return std::max(target, Duration(1));
}

std::vector<Duration> estimate_cases(std::span<const BatchCandidate> cases, Duration unknown,
                                     Duration startup) {
    std::vector<Duration> known;
    for (const BatchCandidate& candidate : cases) {
        if (candidate.recorded) {
            known.push_back(batched_estimate(*candidate.recorded, startup));
        }
    }
    Duration fallback = unknown;
    if (!known.empty()) {
        const auto middle = known.begin() + static_cast<std::ptrdiff_t>((known.size() - 1) / 2);
        std::nth_element(known.begin(), middle, known.end());
        fallback = *middle;
    }
    std::vector<Duration> estimates;
    estimates.reserve(cases.size());
    for (const BatchCandidate& candidate : cases) {
        estimates.push_back(candidate.recorded ? batched_estimate(*candidate.recorded, startup)
                                               : std::max(fallback, k_least_estimate));
    }
    return estimates;
}

std::vector<PlannedBatch> plan_batches(std::span<const BatchCandidate> cases,
                                       const BatchPlanSettings& settings, const BatchFit& fit,
                                       const BatchSelection& selection) {
    const std::vector<Duration> estimates =
        estimate_cases(cases, settings.unknown_estimate, settings.startup_cost);
    const Duration total = settings.total_work.value_or(
        std::accumulate(estimates.begin(), estimates.end(), Duration::zero()));
    const Duration target = batch_target(total, settings);
    const Duration outlier = outlier_estimate(estimates, settings);
    if (auto by_place = plan_by_place(cases, estimates, target, settings, selection)) {
        return std::move(*by_place);
    }

    std::vector<PlannedBatch> units;
    std::vector<std::size_t> segment;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (cases[i].batchable && estimates[i] < target && estimates[i] < outlier) {
            segment.push_back(i);
            continue;
        }
        cut_segment(segment, estimates, target, settings, fit, units);
        segment.clear();
        units.push_back(PlannedBatch{{i}, estimates[i], false});
    }
    cut_segment(segment, estimates, target, settings, fit, units);
    return units;
}

std::vector<PlannedBatch> plan_binary_batches(const TestBinary& binary,
                                              std::span<const TestCase* const> selected,
                                              const HistoryStore* history,
                                              const BatchPlanSettings& settings,
                                              std::span<const bool> eligible) {
    const FrameworkAdapter& adapter = framework_adapter(binary);
    const bool refused = binary.preselected || adapter.runs_whole() ||
                         (binary.ctest && binary.ctest->judges_output()) ||
                         asks_for_own_report(binary.args, adapter.own_report_options());
    const std::vector<bool> flags = refused ? std::vector<bool>(binary.cases.size(), false)
                                            : adapter.batchable_cases(binary.cases);
    std::vector<BatchCandidate> candidates(selected.size());
    for (std::size_t i = 0; i < selected.size(); ++i) {
        const auto listed = static_cast<std::size_t>(selected[i] - binary.cases.data());
        candidates[i].batchable = listed < flags.size() && flags[listed] &&
                                  (eligible.empty() || (i < eligible.size() && eligible[i]));
        if (history != nullptr) {
            if (const TestHistory* found = history->find(binary.id, selected[i]->name)) {
                candidates[i].recorded = std::chrono::duration_cast<Duration>(
                    std::chrono::duration<double>(found->seconds));
            }
        }
    }
    const BatchFit fit = [&](std::span<const std::size_t> cases) {
        std::vector<const TestCase*> batch;
        batch.reserve(cases.size());
        for (std::size_t index : cases) {
            batch.push_back(selected[index]);
        }
        return binary_batch_arguments(binary, batch, k_report_path).count;
    };
    BatchSelection selection;
    selection.selector = adapter.batch_selector();
    selection.listed = binary.cases.size();
    // An unfiltered run selects the binary's cases that are not ignored (with no `args` of its
    // own to select others): the adapter is then given the listing.
    selection.unfiltered = !refused && binary.args.empty();
    std::size_t at = 0;
    for (const TestCase& test : binary.cases) {
        if (test.ignored) {
            continue;
        }
        selection.unfiltered =
            selection.unfiltered && at < selected.size() && selected[at] == &test;
        ++at;
    }
    selection.unfiltered = selection.unfiltered && at == selected.size();
    BatchPlanSettings own = settings;
    own.startup_cost = binary.listing_time.value_or(Duration::zero());
    return plan_batches(candidates, own, fit, selection);
}

} // namespace ptest::runner
