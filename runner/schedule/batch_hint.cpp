// Deciding whether a run in process mode should hear about batches (see batch_hint.hpp).
#include "runner/schedule/batch_hint.hpp"

#include <algorithm>

namespace ptest::runner {

using reporter::Duration;

namespace {

/// The element at `rank` (0-based) of `durations` in ascending order.
Duration nth_shortest(std::vector<Duration> durations, std::size_t rank) {
    const auto at = durations.begin() + static_cast<std::ptrdiff_t>(rank);
    std::nth_element(durations.begin(), at, durations.end());
    return *at;
}

} // namespace

std::optional<Duration> startup_estimate(const HintBinary& binary) {
    const std::size_t count = binary.durations.size();
    if (count == 0) {
        return std::nullopt;
    }
    if (binary.listing) {
        return std::min(*binary.listing, nth_shortest(binary.durations, (count - 1) / 2));
    }
    return nth_shortest(binary.durations, (count - 1) / 10);
}

Duration overhead_per_process(const RunMeasure& run, Duration cap) {
    if (run.processes == 0) {
        return Duration{0};
    }
    const Duration idle = run.elapsed * std::max(run.workers, 1) - run.process_time;
    if (idle <= Duration::zero()) {
        return Duration{0};
    }
    return std::min(idle / static_cast<std::int64_t>(run.processes), cap);
}

std::optional<reporter::BatchHint> decide_batch_hint(std::span<const HintBinary> binaries,
                                                     const RunMeasure& run,
                                                     const BatchHintRules& rules) {
    reporter::BatchHint hint;
    Duration saved{0}; // Worker time the counted binaries would not spend on processes.
    for (const HintBinary& binary : binaries) {
        const std::optional<Duration> startup = startup_estimate(binary);
        const std::size_t cases = binary.durations.size();
        if (!startup || cases <= binary.batches) {
            continue;
        }
        // The median, not the mean: a few slow cases (a cold cache, one real test among
        // trivial ones) leave the typical case as cheap as it was.
        const Duration median = nth_shortest(binary.durations, (cases - 1) / 2);
        if (static_cast<double>(startup->count()) <
            rules.startup_share * static_cast<double>(median.count())) {
            continue; // Its typical case spends most of its time on its own work.
        }
        const Duration per_process = *startup + overhead_per_process(run, 2 * *startup);
        saved += per_process * static_cast<std::int64_t>(cases - binary.batches);
        hint.tests += static_cast<std::uint32_t>(cases);
        hint.binary_ids.push_back(binary.id);
    }
    if (hint.tests < rules.least_tests) {
        return std::nullopt;
    }
    const Duration wall_saved = saved / std::max(run.workers, 1);
    hint.estimate = std::max(run.elapsed - wall_saved, std::min(run.longest, run.elapsed));
    const Duration gain = run.elapsed - hint.estimate;
    if (gain < rules.least_saving ||
        static_cast<double>(gain.count()) <
            rules.least_saving_share * static_cast<double>(run.elapsed.count())) {
        return std::nullopt;
    }
    return hint;
}

BatchHintRecorder::BatchHintRecorder(const std::vector<std::vector<std::size_t>>& groups,
                                     const std::vector<PlannedTest>& tests)
    : m_binary_of_test(tests.size(), -1) {
    for (const std::vector<std::size_t>& group : groups) {
        if (group.empty() || group.front() >= tests.size()) {
            continue;
        }
        const TestBinary& binary = *tests[group.front()].binary;
        auto found = std::find_if(m_binaries.begin(), m_binaries.end(),
                                  [&](const HintBinary& known) { return known.id == binary.id; });
        if (found == m_binaries.end()) {
            found = m_binaries.insert(m_binaries.end(),
                                      HintBinary{binary.id, {}, 0, binary.listing_time});
        }
        ++found->batches;
        const int at = static_cast<int>(found - m_binaries.begin());
        for (const std::size_t index : group) {
            if (index < tests.size()) {
                m_binary_of_test[index] = at;
            }
        }
    }
}

void BatchHintRecorder::record(std::size_t index,
                               std::span<const reporter::AttemptResult> attempts) {
    for (const reporter::AttemptResult& attempt : attempts) {
        m_run.longest = std::max(m_run.longest, attempt.duration);
        if (attempt.status != reporter::AttemptStatus::exec_fail) {
            m_run.process_time += attempt.duration;
            ++m_run.processes;
        }
    }
    if (attempts.empty() || index >= m_binary_of_test.size() || m_binary_of_test[index] < 0) {
        return;
    }
    const reporter::AttemptResult& first = attempts.front();
    // Only a process that ran to its end measured a start-up and the case's work.
    using reporter::AttemptStatus;
    if (first.status == AttemptStatus::exec_fail || first.status == AttemptStatus::cancelled ||
        first.status == AttemptStatus::timeout) {
        return;
    }
    m_binaries[static_cast<std::size_t>(m_binary_of_test[index])].durations.push_back(
        first.duration);
}

std::optional<reporter::BatchHint> BatchHintRecorder::hint(Duration elapsed, int workers) const {
    RunMeasure run = m_run;
    run.elapsed = elapsed;
    run.workers = workers;
    return decide_batch_hint(m_binaries, run);
}

} // namespace ptest::runner
