// Choosing the batches of a run (see run_batches.hpp).
#include "runner/plan/run_batches.hpp"

#include "runner/plan/batch_plan.hpp"
#include "runner/schedule/unstarted.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

namespace ptest::runner {

namespace {

bool has_prerequisites(const TestBinary& binary) {
    if (!binary.ctest) {
        return false;
    }
    const CTestRules& rules = *binary.ctest;
    return !rules.fixtures_setup.empty() || !rules.fixtures_cleanup.empty() ||
           !rules.fixtures_required.empty() || !rules.depends.empty();
}

/// Whether `test`'s settings other than `isolation` let it share a process.
bool could_share_process(const PlannedTest& test) {
    const TestSettings& settings = test.settings;
    return settings.threads_required <= 1 && settings.test_group == k_global_group &&
           settings.resource_locks.empty() && !settings.run_serial && settings.env.empty() &&
           !has_prerequisites(*test.binary) && !runs_without_process(*test.binary, *test.test);
}

/// The batches of the tests `eligible` accepts (see plan_run_batches).
template <typename Eligible>
std::vector<std::vector<std::size_t>> plan_eligible(const std::vector<PlannedTest>& tests,
                                                    const HistoryStore* history, int workers,
                                                    bool no_capture, Eligible eligible) {
    std::vector<std::vector<std::size_t>> batches;
    if (no_capture) {
        return batches;
    }
    std::vector<base::Duration> estimates; // Each batch's, for the longest-first order.
    // Each binary's candidates, as indices into `tests`, in the binary's listing order.
    std::map<const TestBinary*, std::vector<std::size_t>> by_binary;
    std::vector<const TestBinary*> binaries;
    for (std::size_t i = 0; i < tests.size(); ++i) {
        if (!eligible(tests[i])) {
            continue;
        }
        auto [it, inserted] = by_binary.try_emplace(tests[i].binary);
        if (inserted) {
            binaries.push_back(tests[i].binary);
        }
        it->second.push_back(i);
    }
    BatchPlanSettings settings;
    settings.workers = std::max(1, workers);
    // The slots are shared by every test of the run: a small binary among many becomes one batch.
    // Each test weighs as the planner weighs it: its recorded time less its binary's start-up,
    // at least a microsecond, so that a history of cases recorded as taking no time still leaves
    // room for batches.
    base::Duration total{0};
    for (const PlannedTest& test : tests) {
        const TestHistory* found =
            history == nullptr ? nullptr : history->find(test.binary->id, test.test->name);
        if (found == nullptr) {
            total += settings.unknown_estimate;
            continue;
        }
        total += batched_estimate(std::chrono::duration_cast<base::Duration>(
                                      std::chrono::duration<double>(found->seconds)),
                                  test.binary->listing_time.value_or(base::Duration::zero()));
    }
    settings.total_work = total;
    for (const TestBinary* binary : binaries) {
        std::vector<std::size_t>& indices = by_binary.at(binary);
        std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
            return tests[a].test < tests[b].test;
        });
        std::vector<const TestCase*> selected;
        selected.reserve(indices.size());
        for (std::size_t index : indices) {
            selected.push_back(tests[index].test);
        }
        for (const PlannedBatch& planned :
             plan_binary_batches(*binary, selected, history, settings)) {
            if (!planned.batched || planned.cases.size() < 2) {
                continue;
            }
            std::vector<std::size_t>& batch = batches.emplace_back();
            for (std::size_t at : planned.cases) {
                batch.push_back(indices[at]);
            }
            estimates.push_back(planned.estimate);
        }
    }
    // Longest first, as `--order duration` starts lone tests: the batch that holds a slow case
    // must not be the last to start.
    std::vector<std::size_t> order(batches.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return estimates[a] > estimates[b]; });
    std::vector<std::vector<std::size_t>> sorted;
    sorted.reserve(batches.size());
    for (std::size_t at : order) {
        sorted.push_back(std::move(batches[at]));
    }
    return sorted;
}

} // namespace

bool may_share_process(const PlannedTest& test) {
    return test.settings.isolation == profiles::Isolation::batch && could_share_process(test);
}

std::vector<std::vector<std::size_t>> plan_run_batches(const std::vector<PlannedTest>& tests,
                                                       const HistoryStore* history, int workers,
                                                       bool no_capture) {
    return plan_eligible(tests, history, workers, no_capture, may_share_process);
}

std::vector<std::vector<std::size_t>> plan_hint_batches(const std::vector<PlannedTest>& tests,
                                                        const HistoryStore* history, int workers,
                                                        bool no_capture) {
    return plan_eligible(tests, history, workers, no_capture, [](const PlannedTest& test) {
        return test.settings.isolation == profiles::Isolation::process && could_share_process(test);
    });
}

} // namespace ptest::runner
