// Scheduler: worker slots, retries with backoff, fail-fast, cancellation and the run's counts.
#include "runner/schedule/scheduler.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/process/environment.hpp"
#include "runner/schedule/run_selection.hpp"
#include "runner/schedule/run_stats.hpp"
#include "runner/schedule/unstarted.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <csignal>
#include <iterator>
#include <span>
#include <string_view>

namespace ptest::runner {

using reporter::AttemptStatus;

Scheduler::Scheduler(const ProcessLoop& loop, reporter::EventSink& sink, RunOptions options,
                     std::vector<PlannedTest> tests, std::vector<TestRef> skipped)
    : m_loop(loop), m_sink(sink), m_options(std::move(options)), m_skipped(std::move(skipped)) {
    m_options.test_threads = std::max(1, m_options.test_threads);
    m_global_slots.assign(static_cast<std::size_t>(m_options.test_threads), false);
    m_prerequisites = Prerequisites(tests);
    m_hint = BatchHintRecorder(m_options.hint_batches, tests);
    m_tests.reserve(tests.size());
    for (PlannedTest& planned : tests) {
        // Each binary's environment is merged once, on its first test.
        if (auto [it, inserted] = m_binary_env.try_emplace(planned.binary); inserted) {
            it->second = merge_environment(m_options.base_env, planned.binary->env,
                                           planned.binary->env_remove);
        }
        auto state = std::make_unique<TestState>();
        // A heavy test holds threads-required slots, never more than there are.
        state->slots = std::clamp(planned.settings.threads_required, 1, m_options.test_threads);
        state->index = m_tests.size();
        state->planned = std::move(planned);
        m_pending.push_back(state.get());
        m_tests.push_back(std::move(state));
    }
    group_batches();
}

void Scheduler::start() {
    m_start_wall = m_loop.clock.wall_now();
    m_start = m_loop.clock.now();
    arm_global_timeout();
    m_stats.initial_run_count = static_cast<std::uint32_t>(m_tests.size());

    reporter::RunStarted started;
    started.run_id = m_options.run_id;
    started.profile = m_options.profile;
    started.test_count = static_cast<std::uint32_t>(m_tests.size());
    started.skipped_count = static_cast<std::uint32_t>(m_skipped.size());
    started.test_threads = static_cast<std::uint32_t>(m_options.test_threads);
    started.start_time = m_start_wall;
    for (const auto& state : m_tests) {
        add_to_selection(started, *state->planned.binary);
    }
    started.binary_count = static_cast<std::uint32_t>(started.binary_ids.size());
    m_sink.report(started);

    for (const TestRef& skipped : m_skipped) {
        reporter::SkipReason reason =
            skipped.test->ignored ? reporter::SkipReason::ignored : reporter::SkipReason::filtered;
        if (m_options.partitioned.count(skipped.test) > 0) {
            reason = reporter::SkipReason::partition;
            ++m_stats.skipped_partition;
        }
        m_sink.report(reporter::TestSkipped{{skipped.binary->id, skipped.test->name}, reason});
        ++m_stats.skipped;
    }
    if (m_hooks != nullptr) {
        m_hook_phase = HookPhase::before;
        m_hooks->before_tests([this](bool ok) { on_before_tests_done(ok); });
        return;
    }
    fill_workers();
    maybe_finish_run();
}

Scheduler::Admission Scheduler::admit(const TestState& state) const {
    const TestSettings& settings = state.planned.settings;
    if (m_serial_running) {
        return Admission::wait;
    }
    if (settings.test_group != k_global_group) {
        // A group's max-threads counts slots, as test-threads does: a test holds its
        // threads-required of them (at most all of them, so that it can still run).
        auto max = m_options.group_max_threads.find(settings.test_group);
        if (max != m_options.group_max_threads.end()) {
            int limit = std::max(1, max->second);
            auto used = m_group_used.find(settings.test_group);
            int in_use = used == m_group_used.end() ? 0 : used->second;
            if (in_use > 0 && in_use + std::min(state.slots, limit) > limit) {
                return Admission::skip;
            }
        }
    }
    for (const std::string& lock : settings.resource_locks) {
        auto held = m_held_locks.find(lock);
        if (held != m_held_locks.end() && held->second > 0) {
            return Admission::skip;
        }
    }
    if (settings.run_serial && m_running > 0) {
        return Admission::wait;
    }
    if (m_used_slots + state.slots > m_options.test_threads) {
        return Admission::wait;
    }
    return Admission::start;
}

namespace {

/// Whether `args` (the binary's own and the case's) already ask the framework for a report of
/// their own, by an argument starting with one of `prefixes`.
bool asks_for_own_report(const std::vector<std::string>& args,
                         std::span<const std::string_view> prefixes) {
    return std::any_of(args.begin(), args.end(), [&](const std::string& arg) {
        return std::any_of(prefixes.begin(), prefixes.end(),
                           [&](std::string_view prefix) { return arg.starts_with(prefix); });
    });
}

} // namespace

int take_slot(std::vector<bool>& slots) {
    auto free = std::find(slots.begin(), slots.end(), false);
    if (free == slots.end()) {
        slots.push_back(true);
        return static_cast<int>(slots.size() - 1);
    }
    *free = true;
    return static_cast<int>(free - slots.begin());
}

void Scheduler::acquire(TestState& state) {
    const TestSettings& settings = state.planned.settings;
    ++m_running;
    m_used_slots += state.slots;
    state.global_slot = take_slot(m_global_slots);
    if (settings.test_group != k_global_group) {
        state.group_slot = take_slot(m_group_slots[settings.test_group]);
        m_group_used[settings.test_group] += state.slots;
    }
    for (const std::string& lock : settings.resource_locks) {
        ++m_held_locks[lock];
    }
    m_serial_running = m_serial_running || settings.run_serial;
}

void Scheduler::release(TestState& state) {
    const TestSettings& settings = state.planned.settings;
    --m_running;
    m_used_slots -= state.slots;
    if (state.global_slot >= 0) {
        m_global_slots[static_cast<std::size_t>(state.global_slot)] = false;
    }
    if (state.group_slot >= 0) {
        m_group_slots[settings.test_group][static_cast<std::size_t>(state.group_slot)] = false;
        m_group_used[settings.test_group] -= state.slots;
    }
    for (const std::string& lock : settings.resource_locks) {
        --m_held_locks[lock];
    }
    if (settings.run_serial) {
        m_serial_running = false;
    }
}

void Scheduler::fill_workers() {
    if (m_hook_phase == HookPhase::before) {
        return; // No test starts before the setup scripts are done.
    }
    auto it = m_pending.begin();
    bool waiting = false; // A pending test waits for slots: batches must not take them.
    while (!m_cancelled && !m_paused && it != m_pending.end() &&
           m_used_slots < m_options.test_threads && !m_serial_running) {
        TestState& state = **it;
        if (!m_prerequisites.ready(state.planned)) {
            ++it; // It starts once the tests it waits for have finished.
            continue;
        }
        Admission admission = admit(state);
        if (admission == Admission::wait) {
            waiting = true;
            break;
        }
        if (admission == Admission::skip) {
            ++it;
            continue;
        }
        it = m_pending.erase(it);
        acquire(state);
        if (runs_without_process(*state.planned.binary, *state.planned.test)) {
            refuse(state);
            continue;
        }
        if (std::optional<std::string> blocked = m_prerequisites.blocked(state.planned)) {
            report_not_run(state, std::move(*blocked));
            continue;
        }
        m_sink.report(
            reporter::TestStarted{{state.planned.binary->id, state.planned.test->name}, m_running});
        start_attempt(state);
    }
    if (!waiting) {
        start_batches();
    }
    start_next_alone();
}

AttemptSpec Scheduler::make_spec(const TestState& state, std::uint32_t attempt) const {
    const TestBinary& binary = *state.planned.binary;
    const TestCase& test = *state.planned.test;
    const TestSettings& settings = state.planned.settings;
    AttemptSpec spec;
    spec.binary = &binary;
    spec.test = &test;
    spec.attempt = attempt;
    spec.total_attempts = total_attempts(state);
    spec.slow_timeout = settings.slow_timeout;
    spec.terminate_deadline = settings.timeout;
    spec.leak_timeout = settings.leak_timeout;
    spec.capture_limit = m_options.profile.output_capture_limit;
    spec.request.program = binary.path;
    spec.request.args = binary.args;
    std::vector<std::string> selector = case_arguments(binary, test);
    spec.request.args.insert(spec.request.args.end(), selector.begin(), selector.end());
    spec.request.cwd = binary.cwd;
    spec.request.capture = !m_options.no_capture;
    // Without capture there is no framework report to read: the exit status alone decides.
    spec.verify_single_case = !m_options.no_capture;

    std::vector<std::string>& env = spec.request.env;
    if (settings.env.empty()) {
        // Shared, not copied: the binary's environment is the bulk of every test's, and copying
        // it for each attempt was a third of ptest's own CPU time on trivial tests.
        spec.request.base_env = &m_binary_env.at(&binary);
    } else {
        env = merge_environment(m_binary_env.at(&binary), settings.env);
    }
    env.reserve(env.size() + 8);
    env.push_back("PTEST_TEST_GROUP=" + settings.test_group);
    env.push_back("PTEST_TEST_GLOBAL_SLOT=" + std::to_string(state.global_slot));
    env.push_back("PTEST_TEST_GROUP_SLOT=" +
                  (state.group_slot < 0 ? std::string("none") : std::to_string(state.group_slot)));
    env.push_back("PTEST_BINARY_ID=" + binary.id);
    env.push_back("PTEST_TEST_NAME=" + test.name);
    env.push_back("PTEST_ATTEMPT=" + std::to_string(attempt));
    env.push_back("PTEST_TOTAL_ATTEMPTS=" + std::to_string(spec.total_attempts));
    const FrameworkAdapter& adapter = framework_adapter(binary);
    std::vector<std::string> report_args = adapter.report_arguments(k_report_path);
    if (!report_args.empty() &&
        !asks_for_own_report(spec.request.args, adapter.own_report_options())) {
        spec.request.report = true;
        spec.request.args.insert(spec.request.args.end(),
                                 std::make_move_iterator(report_args.begin()),
                                 std::make_move_iterator(report_args.end()));
    } else if (!m_options.temp_dir.empty()) {
        // The report, when there is one, tells a premature exit by being missing or truncated.
        if (std::optional<PrematureExitFile> file =
                adapter.premature_exit_file(m_options.temp_dir, m_attempt_serial)) {
            spec.premature_exit_file = file->path;
            env.push_back(file->env_var + "=" + file->path.string());
        }
    }
    return spec;
}

void Scheduler::start_attempt(TestState& state) {
    auto attempt_number = static_cast<std::uint32_t>(state.attempts.size() + 1);
    ++m_attempt_serial;
    // Whether anything runs beside this attempt: now, or started before it ends (defer_alone).
    state.attempt_serial = m_attempt_serial;
    state.had_company = m_running > 1;
    AttemptCallbacks callbacks;
    TestState* target = &state;
    callbacks.on_slow = [this, target, attempt_number](reporter::Duration elapsed,
                                                       bool will_terminate) {
        m_sink.report(reporter::TestSlow{{target->planned.binary->id, target->planned.test->name},
                                         attempt_number,
                                         total_attempts(*target),
                                         elapsed,
                                         will_terminate});
    };
    callbacks.on_done = [this, target](reporter::AttemptResult result) {
        on_attempt_done(*target, std::move(result));
    };
    state.current =
        std::make_shared<Attempt>(m_loop, make_spec(state, attempt_number), std::move(callbacks));
    state.current->start();
}

bool Scheduler::is_failure(const reporter::AttemptResult& result) const {
    return !result.is_success();
}

void Scheduler::on_attempt_done(TestState& state, reporter::AttemptResult result) {
    state.current.reset();
    result.ran_alone = state.alone;
    result.slot = static_cast<std::uint32_t>(std::max(0, state.global_slot));
    bool failed = is_failure(result);
    bool retries_left = result.attempt < result.total_attempts;
    bool may_retry = failed && retries_left && !m_cancelled &&
                     result.status != AttemptStatus::cancelled &&
                     result.status != AttemptStatus::exec_fail;
    state.attempts.push_back(std::move(result));
    if (!may_retry) {
        if (!defer_alone(state)) {
            finish_test(state);
        }
        return;
    }
    auto delay = retry_delay(state, state.attempts.back().attempt);
    m_sink.report(reporter::TestAttemptFailedWillRetry{
        {state.planned.binary->id, state.planned.test->name}, state.attempts.back(), delay});
    state.retry_timer = m_loop.clock.make_timer();
    state.retry_timer->expires_after(delay);
    TestState* target = &state;
    state.retry_timer->async_wait([this, target](bool aborted) {
        target->retry_timer.reset();
        if (aborted || m_cancelled) {
            finish_test(*target); // Cancelled while waiting: the failed attempt stands.
            return;
        }
        auto next = static_cast<std::uint32_t>(target->attempts.size() + 1);
        m_sink.report(
            reporter::TestRetryStarted{{target->planned.binary->id, target->planned.test->name},
                                       next,
                                       total_attempts(*target)});
        start_attempt(*target);
    });
}

void Scheduler::refuse(TestState& state) {
    reporter::AttemptResult result = unstarted_result(*state.planned.binary, *state.planned.test);
    result.start_time = m_loop.clock.wall_now();
    result.slot = static_cast<std::uint32_t>(std::max(0, state.global_slot));
    m_sink.report(
        reporter::TestStarted{{state.planned.binary->id, state.planned.test->name}, m_running});
    state.attempts.push_back(std::move(result));
    // Report on the next turn of the loop so every event stays in the loop's order.
    TestState* target = &state;
    boost::asio::post(m_loop.io, [this, target] { finish_test(*target); });
}

void Scheduler::finish_test(TestState& state) {
    release(state);
    conclude(state);
    fill_workers();
    maybe_finish_run();
}

void Scheduler::conclude(TestState& state, bool may_fail_fast) {
    explain_global_timeout(state.attempts);
    reporter::TestFinished finished{
        {state.planned.binary->id, state.planned.test->name}, std::move(state.attempts), m_running};
    finished.flaky_fail =
        m_options.profile.flaky_result == profiles::FlakyResult::fail && finished.is_flaky();
    count_finished(m_stats, finished);
    m_hint.record(state.index, finished.attempts);
    bool failed =
        (is_failure(finished.last()) && finished.last().status != AttemptStatus::cancelled) ||
        finished.flaky_fail;
    m_prerequisites.finished(state.planned, is_failure(finished.last()));
    m_sink.report(finished);
    if (failed) {
        ++m_failures;
        const profiles::FailFast& ff = m_options.profile.fail_fast;
        if (may_fail_fast && !m_cancelled && ff.max_fail && m_failures >= *ff.max_fail) {
            cancel_run(reporter::CancelReason::fail_fast, std::nullopt);
        }
    }
}

void Scheduler::cancel_run(reporter::CancelReason reason, std::optional<int> signal) {
    m_cancelled = true;
    m_sink.report(reporter::RunCancelling{reason, signal, m_running});
    bool terminate_running =
        reason != reporter::CancelReason::fail_fast ||
        m_options.profile.fail_fast.terminate == profiles::FailFastTerminate::immediate;
    for (auto& state : m_tests) {
        if (state->retry_timer) {
            state->retry_timer->cancel();
        }
        if (terminate_running && state->current) {
            state->current->cancel(signal.value_or(SIGTERM),
                                   state->planned.settings.slow_timeout.grace_period);
        }
    }
    if (terminate_running) {
        m_terminating = true;
        signal_batches(signal.value_or(SIGTERM), false);
    }
    conclude_deferred();
}

void Scheduler::interrupt(int signal) {
    if (m_finished) {
        return;
    }
    if (m_hook_phase == HookPhase::before || m_hook_phase == HookPhase::after) {
        interrupt_hooks(signal);
        return;
    }
    if (!m_cancelled) {
        // Cancel first, so that resuming a paused run cannot start a waiting test.
        cancel_run(reporter::CancelReason::signal, signal);
        if (m_paused) {
            resume();
        }
        maybe_finish_run();
        return;
    }
    if (m_killed) {
        return;
    }
    m_killed = true;
    m_sink.report(
        reporter::RunCancelling{reporter::CancelReason::second_signal, signal, m_running});
    for (auto& state : m_tests) {
        if (state->current) {
            state->current->kill();
        }
    }
    signal_batches(std::nullopt, true);
}

void Scheduler::pause() {
    if (m_paused || m_finished) {
        return;
    }
    m_paused = true;
    for (auto& state : m_tests) {
        if (state->current) {
            state->current->pause();
        }
    }
    pause_batches(true);
    m_sink.report(reporter::RunPaused{m_running});
}

void Scheduler::resume() {
    if (!m_paused) {
        return;
    }
    m_paused = false;
    m_sink.report(reporter::RunContinued{m_running});
    for (auto& state : m_tests) {
        if (state->current) {
            state->current->resume();
        }
    }
    pause_batches(false);
    fill_workers();
}

void Scheduler::maybe_finish_run() {
    if (m_finished || m_running > 0 ||
        (!m_cancelled && (!m_pending.empty() || !m_alone.empty() || !m_pending_batches.empty()))) {
        return;
    }
    if (!hooks_let_finish()) {
        return;
    }
    m_finished = true;
    m_global_timer.reset();
    m_not_run = static_cast<std::uint32_t>(m_pending.size()) + pending_batch_cases();
    reporter::RunFinished finished;
    finished.run_id = m_options.run_id;
    finished.start_time = m_start_wall;
    finished.elapsed = m_loop.clock.now() - m_start;
    finished.stats = m_stats;
    finished.not_run = m_not_run;
    if (!m_cancelled && m_not_run == 0) {
        finished.batch_hint = m_hint.hint(finished.elapsed, m_options.test_threads);
    }
    m_sink.report(finished);
    if (m_on_finished) {
        m_on_finished();
    }
}

} // namespace ptest::runner
