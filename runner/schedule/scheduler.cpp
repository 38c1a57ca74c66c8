// Scheduler: worker slots, retries with backoff, fail-fast, cancellation and the run's counts.
#include "runner/schedule/scheduler.hpp"

#include "runner/list/framework.hpp"
#include "runner/process/environment.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <csignal>
#include <random>

namespace ptest::runner {

using reporter::AttemptStatus;

Scheduler::Scheduler(boost::asio::io_context& io, ChildReaper& reaper, reporter::EventSink& sink,
                     RunOptions options, std::vector<PlannedTest> tests,
                     std::vector<PlannedTest> skipped)
    : m_io(io), m_reaper(reaper), m_sink(sink), m_options(std::move(options)),
      m_skipped(std::move(skipped)) {
    // A heavy test holds threads-required slots, never more than there are.
    m_slots_per_test =
        std::clamp(profiles::resolve_thread_count(m_options.profile.threads_required,
                                                  m_options.cpus, m_options.test_threads),
                   1, std::max(1, m_options.test_threads));
    m_tests.reserve(tests.size());
    for (const PlannedTest& planned : tests) {
        if (m_binary_env.find(planned.binary) == m_binary_env.end()) {
            m_binary_env.emplace(planned.binary,
                                 merge_environment(m_options.base_env, planned.binary->env));
        }
        auto state = std::make_unique<TestState>();
        state->planned = planned;
        m_tests.push_back(std::move(state));
    }
}

void Scheduler::start() {
    m_start_wall = reporter::WallClock::now();
    m_start = reporter::Clock::now();
    m_stats.initial_run_count = static_cast<std::uint32_t>(m_tests.size());

    reporter::RunStarted started;
    started.run_id = m_options.run_id;
    started.profile = m_options.profile;
    started.test_count = static_cast<std::uint32_t>(m_tests.size());
    started.skipped_count = static_cast<std::uint32_t>(m_skipped.size());
    started.test_threads = static_cast<std::uint32_t>(m_options.test_threads);
    started.start_time = m_start_wall;
    for (const auto& state : m_tests) {
        const std::string& id = state->planned.binary->id;
        if (std::find(started.binary_ids.begin(), started.binary_ids.end(), id) ==
            started.binary_ids.end()) {
            started.binary_ids.push_back(id);
        }
    }
    started.binary_count = static_cast<std::uint32_t>(started.binary_ids.size());
    m_sink.report(started);

    for (const PlannedTest& skipped : m_skipped) {
        m_sink.report(reporter::TestSkipped{{skipped.binary->id, skipped.test->name},
                                            skipped.test->ignored
                                                ? reporter::SkipReason::ignored
                                                : reporter::SkipReason::filtered});
        ++m_stats.skipped;
    }
    fill_workers();
    maybe_finish_run();
}

void Scheduler::fill_workers() {
    while (!m_cancelled && !m_paused && m_next < m_tests.size() &&
           m_used_slots + m_slots_per_test <= m_options.test_threads) {
        TestState& state = *m_tests[m_next++];
        ++m_running;
        m_used_slots += m_slots_per_test;
        if (state.planned.test->unselectable) {
            refuse(state);
            continue;
        }
        m_sink.report(
            reporter::TestStarted{{state.planned.binary->id, state.planned.test->name}, m_running});
        start_attempt(state);
    }
}

AttemptSpec Scheduler::make_spec(const TestState& state, std::uint32_t attempt) const {
    const TestBinary& binary = *state.planned.binary;
    const TestCase& test = *state.planned.test;
    const profiles::Profile& profile = m_options.profile;
    AttemptSpec spec;
    spec.binary = &binary;
    spec.test = &test;
    spec.attempt = attempt;
    spec.total_attempts = profile.retries.count + 1;
    spec.slow_timeout = profile.slow_timeout;
    spec.leak_timeout = profile.leak_timeout;
    spec.capture_limit = profile.output_capture_limit;
    spec.request.program = binary.path;
    spec.request.args = binary.args;
    std::vector<std::string> selector = run_arguments(binary.kind, test);
    spec.request.args.insert(spec.request.args.end(), selector.begin(), selector.end());
    spec.request.cwd = binary.cwd;
    spec.request.capture = !m_options.no_capture;
    // Without capture there is no framework report to read: the exit status alone decides.
    spec.verify_single_case = !m_options.no_capture;

    std::vector<std::string>& env = spec.request.env;
    env = m_binary_env.at(&binary);
    env.push_back("PTEST_BINARY_ID=" + binary.id);
    env.push_back("PTEST_TEST_NAME=" + test.name);
    env.push_back("PTEST_ATTEMPT=" + std::to_string(attempt));
    env.push_back("PTEST_TOTAL_ATTEMPTS=" + std::to_string(spec.total_attempts));
    if (binary.kind == FrameworkKind::gtest && !m_options.temp_dir.empty()) {
        spec.premature_exit_file =
            m_options.temp_dir / ("premature-" + std::to_string(m_attempt_serial));
        env.push_back("TEST_PREMATURE_EXIT_FILE=" + spec.premature_exit_file->string());
    }
    return spec;
}

void Scheduler::start_attempt(TestState& state) {
    auto attempt_number = static_cast<std::uint32_t>(state.attempts.size() + 1);
    ++m_attempt_serial;
    AttemptCallbacks callbacks;
    TestState* target = &state;
    callbacks.on_slow = [this, target, attempt_number](reporter::Duration elapsed,
                                                       bool will_terminate) {
        m_sink.report(reporter::TestSlow{{target->planned.binary->id, target->planned.test->name},
                                         attempt_number,
                                         m_options.profile.retries.count + 1,
                                         elapsed,
                                         will_terminate});
    };
    callbacks.on_done = [this, target](reporter::AttemptResult result) {
        on_attempt_done(*target, std::move(result));
    };
    state.current = std::make_shared<Attempt>(m_io, m_reaper, make_spec(state, attempt_number),
                                              std::move(callbacks));
    state.current->start();
}

bool Scheduler::is_failure(const reporter::AttemptResult& result) const {
    return !result.is_success();
}

reporter::Duration Scheduler::retry_delay(std::uint32_t failed_attempt) const {
    const profiles::RetryPolicy& policy = m_options.profile.retries;
    reporter::Duration delay = policy.delay;
    if (policy.backoff == profiles::Backoff::exponential) {
        for (std::uint32_t i = 1; i < failed_attempt; ++i) {
            delay *= 2;
            if (policy.max_delay && delay >= *policy.max_delay) {
                break;
            }
        }
    }
    if (policy.max_delay && delay > *policy.max_delay) {
        delay = *policy.max_delay;
    }
    if (policy.jitter && delay.count() > 0) {
        // Jitter scales the delay by a random factor in [0.5, 1] so that retries of tests that
        // failed together do not hit a shared resource in lockstep.
        static std::mt19937_64 rng{std::random_device{}()};
        std::uniform_real_distribution<double> factor(0.5, 1.0);
        delay = std::chrono::duration_cast<reporter::Duration>(delay * factor(rng));
    }
    return delay;
}

void Scheduler::on_attempt_done(TestState& state, reporter::AttemptResult result) {
    state.current.reset();
    bool failed = is_failure(result);
    bool retries_left = result.attempt < result.total_attempts;
    bool may_retry = failed && retries_left && !m_cancelled &&
                     result.status != AttemptStatus::cancelled &&
                     result.status != AttemptStatus::exec_fail;
    state.attempts.push_back(std::move(result));
    if (!may_retry) {
        finish_test(state);
        return;
    }
    auto delay = retry_delay(state.attempts.back().attempt);
    m_sink.report(reporter::TestAttemptFailedWillRetry{
        {state.planned.binary->id, state.planned.test->name}, state.attempts.back(), delay});
    state.retry_timer = std::make_unique<boost::asio::steady_timer>(m_io);
    state.retry_timer->expires_after(delay);
    TestState* target = &state;
    state.retry_timer->async_wait([this, target](const boost::system::error_code& ec) {
        target->retry_timer.reset();
        if (ec || m_cancelled) {
            finish_test(*target); // Cancelled while waiting: the failed attempt stands.
            return;
        }
        auto next = static_cast<std::uint32_t>(target->attempts.size() + 1);
        m_sink.report(
            reporter::TestRetryStarted{{target->planned.binary->id, target->planned.test->name},
                                       next,
                                       m_options.profile.retries.count + 1});
        start_attempt(*target);
    });
}

void Scheduler::refuse(TestState& state) {
    reporter::AttemptResult result;
    result.status = AttemptStatus::exec_fail;
    result.reason = "refused: " + *state.planned.test->unselectable;
    result.start_time = reporter::WallClock::now();
    result.total_attempts = 1;
    m_sink.report(
        reporter::TestStarted{{state.planned.binary->id, state.planned.test->name}, m_running});
    state.attempts.push_back(std::move(result));
    // Report on the next turn of the loop so every event stays in the loop's order.
    TestState* target = &state;
    boost::asio::post(m_io, [this, target] { finish_test(*target); });
}

void Scheduler::count(const reporter::TestFinished& finished) {
    const reporter::AttemptResult& last = finished.last();
    ++m_stats.finished_count;
    switch (last.status) {
    case AttemptStatus::pass:
        if (last.leak == reporter::LeakStatus::leaked_fail) {
            ++m_stats.failed;
            ++m_stats.leaky_failed;
            break;
        }
        ++m_stats.passed;
        m_stats.passed_slow += last.slow ? 1 : 0;
        m_stats.flaky += finished.is_flaky() ? 1 : 0;
        m_stats.leaky += last.leak == reporter::LeakStatus::leaked_pass ? 1 : 0;
        break;
    case AttemptStatus::skip:
        ++m_stats.skipped_at_runtime;
        break;
    case AttemptStatus::fail:
    case AttemptStatus::abort:
        ++m_stats.failed;
        m_stats.failed_slow += last.slow ? 1 : 0;
        break;
    case AttemptStatus::timeout:
        ++m_stats.timed_out;
        break;
    case AttemptStatus::exec_fail:
        ++m_stats.exec_failed;
        break;
    case AttemptStatus::cancelled:
        ++m_stats.cancelled;
        break;
    }
}

void Scheduler::finish_test(TestState& state) {
    --m_running;
    m_used_slots -= m_slots_per_test;
    reporter::TestFinished finished{
        {state.planned.binary->id, state.planned.test->name}, std::move(state.attempts), m_running};
    count(finished);
    bool failed = is_failure(finished.last()) && finished.last().status != AttemptStatus::cancelled;
    m_sink.report(finished);
    if (failed) {
        ++m_failures;
        const profiles::FailFast& ff = m_options.profile.fail_fast;
        if (!m_cancelled && ff.max_fail && m_failures >= *ff.max_fail) {
            cancel_run(reporter::CancelReason::fail_fast, std::nullopt);
        }
    }
    fill_workers();
    maybe_finish_run();
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
                                   m_options.profile.slow_timeout.grace_period);
        }
    }
}

void Scheduler::interrupt(int signal) {
    if (m_finished) {
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
    fill_workers();
}

void Scheduler::maybe_finish_run() {
    if (m_finished || m_running > 0 || (!m_cancelled && m_next < m_tests.size())) {
        return;
    }
    m_finished = true;
    m_not_run = static_cast<std::uint32_t>(m_tests.size() - m_next);
    reporter::RunFinished finished;
    finished.run_id = m_options.run_id;
    finished.start_time = m_start_wall;
    finished.elapsed = reporter::Clock::now() - m_start;
    finished.stats = m_stats;
    finished.not_run = m_not_run;
    m_sink.report(finished);
    if (m_on_finished) {
        m_on_finished();
    }
}

} // namespace ptest::runner
