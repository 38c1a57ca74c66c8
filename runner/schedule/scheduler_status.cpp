// Status on demand (SIGUSR1, the `t` key): what holds each worker slot right now. The scheduler
// only describes its state in a RunStatus event; the terminal reporter prints it. Nothing about the
// run changes, so asking any number of times leaves the tests and their timers alone.
#include "runner/schedule/scheduler.hpp"

#include <algorithm>

namespace ptest::runner {

void Scheduler::report_status() {
    if (m_finished) {
        return;
    }
    reporter::RunStatus status;
    status.finished = m_stats.finished_count;
    status.total = m_stats.initial_run_count;
    status.elapsed = m_loop.clock.now() - m_start;
    for (const auto& state : m_tests) {
        // A test holds its slot while it runs and while it waits to retry.
        if (state->global_slot < 0 || (!state->current && !state->retry_timer)) {
            continue;
        }
        reporter::RunningTest running;
        running.test = {state->planned.binary->id, state->planned.test->name};
        running.slot = static_cast<std::uint32_t>(state->global_slot);
        running.total_attempts = total_attempts(*state);
        if (state->current) {
            running.pid = state->current->pid();
            running.attempt = state->current->spec().attempt;
            running.elapsed = state->current->elapsed();
        } else {
            running.attempt = static_cast<std::uint32_t>(state->attempts.size());
        }
        status.running.push_back(std::move(running));
    }
    for (const auto& unit : m_batches) {
        if (!unit->current) {
            continue;
        }
        reporter::RunningTest running;
        const TestState& first = *unit->members.front();
        running.test = {first.planned.binary->id, first.planned.test->name};
        running.batch_cases = static_cast<std::uint32_t>(unit->members.size());
        running.slot = static_cast<std::uint32_t>(std::max(0, unit->global_slot));
        running.pid = unit->current->pid();
        running.elapsed = unit->current->elapsed();
        status.running.push_back(std::move(running));
    }
    std::sort(status.running.begin(), status.running.end(),
              [](const reporter::RunningTest& a, const reporter::RunningTest& b) {
                  return a.slot < b.slot;
              });
    m_sink.report(status);
}

} // namespace ptest::runner
