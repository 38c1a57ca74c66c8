// Batches (`isolation = "batch"`, issue 15): several cases of one binary run by one process on one
// worker slot. The planner chose the groups (`RunOptions::batches`); here each group waits in its
// own pending list and starts when a slot is free and no lone test is waiting for slots. When the
// batch is done, each case gets the batch's word (batch_outcome.hpp): a final result is reported
// as a lone attempt's would be (TestStarted, then TestFinished), so reporters and history see no
// difference; a case the batch cannot vouch for goes back to the front of the pending list, where
// a lone run (with its retries) decides it. When the run is cancelled, the case the batch was
// running finishes cancelled and the cases it never reached are not run, as in process mode.
// Fail-fast fires from lone runs only.
#include "runner/frameworks/batch.hpp"
#include "runner/process/environment.hpp"
#include "runner/process/spawn.hpp"
#include "runner/schedule/scheduler.hpp"
#include "runner/schedule/unstarted.hpp"

#include <algorithm>
#include <iterator>

namespace ptest::runner {

void Scheduler::group_batches() {
    std::vector<bool> taken(m_tests.size(), false);
    for (const std::vector<std::size_t>& group : m_options.batches) {
        auto unit = std::make_unique<BatchUnit>();
        for (std::size_t index : group) {
            if (index >= m_tests.size() || taken[index]) {
                continue;
            }
            TestState& state = *m_tests[index];
            if (runs_without_process(*state.planned.binary, *state.planned.test) ||
                (!unit->members.empty() &&
                 unit->members.front()->planned.binary != state.planned.binary)) {
                continue;
            }
            taken[index] = true;
            unit->members.push_back(&state);
        }
        if (unit->members.size() < 2) {
            continue; // A batch of one is a lone test: it stays pending as one.
        }
        for (TestState* member : unit->members) {
            m_pending.remove(member);
        }
        m_pending_batches.push_back(unit.get());
        m_batches.push_back(std::move(unit));
    }
}

std::uint32_t Scheduler::pending_batch_cases() const {
    std::size_t cases = 0;
    for (const BatchUnit* unit : m_pending_batches) {
        cases += unit->members.size();
    }
    return static_cast<std::uint32_t>(cases);
}

void Scheduler::start_batches() {
    while (!m_cancelled && !m_paused && !m_serial_running && !m_pending_batches.empty() &&
           m_used_slots < m_options.test_threads) {
        BatchUnit& unit = *m_pending_batches.front();
        m_pending_batches.pop_front();
        if (!start_batch(unit)) {
            return; // Its cases are pending as lone tests now: fill_workers starts them.
        }
    }
}

BatchSpec Scheduler::make_batch_spec(const BatchUnit& unit, std::size_t count) const {
    const TestBinary& binary = *unit.members.front()->planned.binary;
    const TestSettings& first = unit.members.front()->planned.settings;
    BatchSpec spec;
    spec.binary = &binary;
    for (std::size_t i = 0; i < count; ++i) {
        const TestState& state = *unit.members[i];
        const TestSettings& settings = state.planned.settings;
        spec.cases.push_back(BatchCaseSpec{state.planned.test, settings.retries.count + 1,
                                           settings.slow_timeout, settings.timeout});
    }
    spec.request.program = binary.path;
    spec.request.cwd = binary.cwd;
    spec.request.capture = true;
    spec.request.report = true;
    std::vector<std::string>& env = spec.request.env;
    if (unit.env.empty()) {
        spec.request.base_env = &m_binary_env.at(&binary);
    } else {
        env = merge_environment(m_binary_env.at(&binary), unit.env);
    }
    env.push_back(std::string("PTEST_TEST_GROUP=") + k_global_group);
    env.push_back("PTEST_TEST_GLOBAL_SLOT=" + std::to_string(unit.global_slot));
    env.emplace_back("PTEST_TEST_GROUP_SLOT=none");
    env.push_back("PTEST_BINARY_ID=" + binary.id);
    env.emplace_back("PTEST_ATTEMPT=1");
    spec.leak_timeout = first.leak_timeout;
    spec.grace_period = first.slow_timeout.grace_period;
    spec.case_capture_limit = m_options.profile.output_capture_limit;
    spec.capture_limit = std::max(spec.capture_limit, m_options.profile.output_capture_limit);
    return spec;
}

bool Scheduler::start_batch(BatchUnit& unit) {
    const TestBinary& binary = *unit.members.front()->planned.binary;
    std::vector<const TestCase*> cases;
    cases.reserve(unit.members.size());
    for (const TestState* member : unit.members) {
        cases.push_back(member->planned.test);
    }
    BatchArguments arguments = binary_batch_arguments(binary, cases, k_report_path);
    const std::size_t count = std::min(arguments.count, unit.members.size());
    // Cases the argv cannot select go back, in order, to run one per process.
    const std::size_t kept = count < 2 ? 0 : count;
    m_pending.insert(m_pending.begin(), unit.members.begin() + static_cast<std::ptrdiff_t>(kept),
                     unit.members.end());
    unit.members.resize(kept);
    if (kept == 0) {
        return false;
    }
    ++m_running;
    ++m_used_slots;
    unit.global_slot = take_slot(m_global_slots);
    m_stats.batched += static_cast<std::uint32_t>(kept);
    reporter::BatchStarted started{binary.id, {}, static_cast<std::uint32_t>(unit.global_slot)};
    for (const TestState* member : unit.members) {
        started.names.push_back(member->planned.test->name);
    }
    m_sink.report(started);
    BatchSpec spec = make_batch_spec(unit, kept);
    spec.request.args = std::move(arguments.args);
    BatchCallbacks callbacks;
    BatchUnit* target = &unit;
    callbacks.on_done = [this, target](std::vector<BatchCaseOutcome> outcomes) {
        on_batch_done(*target, std::move(outcomes));
    };
    unit.current = std::make_shared<BatchAttempt>(m_loop, std::move(spec), std::move(callbacks));
    unit.current->start();
    return true;
}

namespace {

/// The case a cancelled batch was running: the one its report or console says it ended in, else
/// the first case it did not account for; `outcomes.size()` when no case was cancelled.
std::size_t cancelled_case(const std::vector<BatchCaseOutcome>& outcomes) {
    std::size_t first = outcomes.size();
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].disposition != BatchDisposition::cancelled) {
            continue;
        }
        if (outcomes[i].ended_in) {
            return i;
        }
        first = std::min(first, i);
    }
    return first;
}

} // namespace

reporter::BatchFinished Scheduler::batch_finished(const BatchUnit& unit,
                                                  const std::vector<BatchCaseOutcome>& outcomes,
                                                  std::size_t caught) const {
    reporter::BatchFinished finished;
    finished.binary_id = unit.members.front()->planned.binary->id;
    finished.global_slot = static_cast<std::uint32_t>(std::max(0, unit.global_slot));
    for (const TestState* member : unit.members) {
        finished.cases.push_back(member->planned.test->name);
    }
    for (std::size_t i = 0; i < unit.members.size(); ++i) {
        if (i >= outcomes.size() || outcomes[i].disposition == BatchDisposition::run_alone) {
            // A cancelled run re-runs nothing: such a case is not run.
            if (m_cancelled) {
                ++finished.not_reached;
            } else {
                finished.reruns.push_back(
                    {unit.members[i]->planned.test->name,
                     i < outcomes.size() ? outcomes[i].reason : "the batch gave no result"});
            }
        } else if (outcomes[i].disposition == BatchDisposition::cancelled && i != caught) {
            ++finished.not_reached;
        } else {
            ++finished.vouched;
        }
    }
    return finished;
}

void Scheduler::on_batch_done(BatchUnit& unit, std::vector<BatchCaseOutcome> outcomes) {
    const std::size_t caught = cancelled_case(outcomes);
    // Emitted before the cases it vouched for, so that a trace draws the process around them.
    reporter::BatchFinished batch = batch_finished(unit, outcomes, caught);
    batch.start_time = unit.current->start_time();
    batch.duration = unit.current->duration();
    unit.current.reset();
    --m_running;
    --m_used_slots;
    m_sink.report(batch);
    m_global_slots[static_cast<std::size_t>(unit.global_slot)] = false;
    unit.global_slot = -1;
    // Cases to re-run alone go to the front of the pending list, in the batch's order.
    const auto front = m_pending.begin();
    for (std::size_t i = 0; i < unit.members.size(); ++i) {
        TestState& state = *unit.members[i];
        const bool unaccounted =
            i >= outcomes.size() || outcomes[i].disposition == BatchDisposition::run_alone;
        // Of the cases a cancel caught, only the one the batch was running is cancelled, as a
        // lone test running then would be; the ones it never reached were not run.
        if (unaccounted ||
            (outcomes[i].disposition == BatchDisposition::cancelled && i != caught)) {
            m_pending.insert(front, &state);
            m_stats.batch_reruns += unaccounted && !m_cancelled ? 1 : 0;
            continue;
        }
        m_sink.report(reporter::TestStarted{{state.planned.binary->id, state.planned.test->name},
                                            m_running + 1});
        outcomes[i].result.slot = batch.global_slot;
        state.attempts.push_back(std::move(outcomes[i].result));
        conclude(state, false);
    }
    fill_workers();
    maybe_finish_run();
}

void Scheduler::signal_batches(std::optional<int> signal, bool kill) {
    for (const auto& unit : m_batches) {
        if (!unit->current) {
            continue;
        }
        if (kill) {
            unit->current->kill();
        } else if (signal) {
            const TestSettings& first = unit->members.front()->planned.settings;
            unit->current->cancel(*signal, first.slow_timeout.grace_period);
        }
    }
}

void Scheduler::pause_batches(bool pause) {
    for (const auto& unit : m_batches) {
        if (unit->current) {
            if (pause) {
                unit->current->pause();
            } else {
                unit->current->resume();
            }
        }
    }
}

} // namespace ptest::runner
