// Run events as NDJSON objects (see ndjson_event.hpp). Member names are kebab-case, as ptest's
// other JSON (`ptest list --message-format json`) and its configuration keys are; every object
// starts with `type`, and test events then name the test by `binary-id` and `name`. Durations
// are seconds (a number, to the microsecond) and times RFC 3339 in UTC.
#include "reporter/ndjson/ndjson_event.hpp"

#include "base/signal_names.hpp"
#include "base/text_sanitizer.hpp"

#include "profiles/isolation.hpp"
#include "profiles/script_config.hpp"
#include "reporter/junit/junit_outcome.hpp"

#include <algorithm>
#include <cmath>

namespace ptest::reporter {

namespace {

using base::json::Value;

/// Seconds, to the microsecond (never negative: the schema's durations are not).
double seconds(Duration duration) {
    return std::max(0.0, std::round(static_cast<double>(duration.count()) / 1e3) / 1e6);
}

Value nullable(const std::optional<int>& value) {
    return value ? Value(*value) : Value(nullptr);
}

Value signal_name_of(const std::optional<int>& signal) {
    return signal ? Value(base::signal_name(*signal)) : Value(nullptr);
}

/// An object of `type` naming `test`.
Value test_object(const char* type, const TestId& test) {
    Value object = Value::object();
    object["type"] = type;
    object["binary-id"] = test.binary_id;
    object["name"] = test.name;
    return object;
}

/// One captured stream: what was kept of it, bounded by `k_ndjson_output_cap`, as valid UTF-8
/// with every other byte as the test wrote it.
Value output_object(const CapturedOutput& output) {
    const base::BoundedText bounded = base::repair_output(output, k_ndjson_output_cap);
    Value object = Value::object();
    object["head"] = bounded.head;
    object["tail"] = bounded.tail;
    object["omitted-bytes"] = bounded.dropped_bytes;
    return object;
}

const char* status_name(AttemptStatus status) {
    switch (status) {
    case AttemptStatus::pass:
        return "pass";
    case AttemptStatus::fail:
        return "fail";
    case AttemptStatus::abort:
        return "abort";
    case AttemptStatus::timeout:
        return "timeout";
    case AttemptStatus::exec_fail:
        return "exec-fail";
    case AttemptStatus::skip:
        return "skip";
    case AttemptStatus::cancelled:
        return "cancelled";
    }
    return "fail";
}

const char* leak_name(LeakStatus leak) {
    switch (leak) {
    case LeakStatus::none:
        return "none";
    case LeakStatus::leaked_pass:
        return "pass";
    case LeakStatus::leaked_fail:
        return "fail";
    }
    return "none";
}

Value location_of(const SourceLocation& location) {
    if (!location.known()) {
        return nullptr;
    }
    Value object = Value::object();
    object["file"] = location.file;
    object["line"] = location.line == 0 ? Value(nullptr) : Value(location.line);
    return object;
}

Value attempt_finished(const TestId& test, const AttemptResult& result) {
    Value object = test_object("attempt-finished", test);
    object["attempt"] = result.attempt;
    object["total-attempts"] = result.total_attempts;
    object["status"] = status_name(result.status);
    object["success"] = result.is_success();
    object["leak"] = leak_name(result.leak);
    object["exit-code"] = nullable(result.exit_code);
    object["signal"] = nullable(result.signal);
    object["signal-name"] = signal_name_of(result.signal);
    object["slow"] = result.slow;
    object["ran-alone"] = result.ran_alone;
    object["start-time"] = format_timestamp(result.start_time);
    object["duration"] = seconds(result.duration);
    object["reason"] = result.reason;
    object["failure-message"] = result.failure_message;
    object["failure-description"] = result.failure_description;
    object["skip-message"] = result.skip_message;
    object["location"] = location_of(result.location);
    object["stdout"] = output_object(result.stdout_output);
    object["stderr"] = output_object(result.stderr_output);
    return object;
}

/// The last attempt's status, with a pass that leaked under `result = "fail"` as `leak-fail`.
const char* test_result(const AttemptResult& last) {
    if (last.status == AttemptStatus::pass && last.leak == LeakStatus::leaked_fail) {
        return "leak-fail";
    }
    return status_name(last.status);
}

Value binaries_of(const RunStarted& event) {
    Value binaries = Value::array();
    for (const SelectedBinary& binary : event.binaries) {
        Value object = Value::object();
        object["binary-id"] = binary.id;
        object["kind"] = binary.kind;
        object["path"] = binary.path;
        object["tests"] = binary.tests;
        binaries.push_back(std::move(object));
    }
    return binaries;
}

Value run_started(const RunStarted& event, const NdjsonContext& context) {
    Value object = Value::object();
    object["type"] = "run-started";
    object["format-version"] = k_ndjson_format_version;
    object["ptest-version"] = context.ptest_version;
    object["run-id"] = event.run_id;
    object["profile"] = event.profile.name;
    object["test-threads"] = event.test_threads;
    object["isolation"] = std::string(profiles::to_string(event.profile.isolation));
    object["no-capture"] = context.no_capture;
    object["start-time"] = format_timestamp(event.start_time);
    object["test-count"] = event.test_count;
    object["skipped-count"] = event.skipped_count;
    object["binary-count"] = event.binary_count;
    object["binaries"] = binaries_of(event);
    return object;
}

Value stats_of(const RunStats& stats) {
    Value object = Value::object();
    object["initial-run-count"] = stats.initial_run_count;
    object["finished-count"] = stats.finished_count;
    object["passed"] = stats.passed;
    object["passed-slow"] = stats.passed_slow;
    object["flaky"] = stats.flaky;
    object["leaky"] = stats.leaky;
    object["failed"] = stats.failed;
    object["failed-slow"] = stats.failed_slow;
    object["timed-out"] = stats.timed_out;
    object["exec-failed"] = stats.exec_failed;
    object["leaky-failed"] = stats.leaky_failed;
    object["cancelled"] = stats.cancelled;
    object["skipped"] = stats.skipped;
    object["skipped-at-runtime"] = stats.skipped_at_runtime;
    object["skipped-partition"] = stats.skipped_partition;
    object["flaky-failed"] = stats.flaky_failed;
    object["batched"] = stats.batched;
    object["batch-reruns"] = stats.batch_reruns;
    return object;
}

Value run_finished(const RunFinished& event) {
    Value object = Value::object();
    object["type"] = "run-finished";
    object["run-id"] = event.run_id;
    object["start-time"] = format_timestamp(event.start_time);
    object["elapsed"] = seconds(event.elapsed);
    object["success"] = !event.stats.any_failed() && event.not_run == 0;
    object["not-run"] = event.not_run;
    object["counts"] = stats_of(event.stats);
    if (event.batch_hint) {
        Value hint = Value::object();
        hint["tests"] = event.batch_hint->tests;
        hint["binary-ids"] = event.batch_hint->binary_ids;
        hint["estimate"] = seconds(event.batch_hint->estimate);
        object["batch-hint"] = std::move(hint);
    }
    return object;
}

const char* cancel_reason(CancelReason reason) {
    switch (reason) {
    case CancelReason::signal:
        return "signal";
    case CancelReason::fail_fast:
        return "fail-fast";
    case CancelReason::second_signal:
        return "second-signal";
    case CancelReason::setup_script_failure:
        return "setup-script-failure";
    case CancelReason::global_timeout:
        return "global-timeout";
    }
    return "signal";
}

Value limits_of(const StressLimits& limits) {
    Value object = Value::object();
    object["count"] = limits.count ? Value(*limits.count) : Value(nullptr);
    object["duration"] = limits.duration ? Value(seconds(*limits.duration)) : Value(nullptr);
    return object;
}

const char* script_status(ScriptStatus status) {
    switch (status) {
    case ScriptStatus::pass:
        return "pass";
    case ScriptStatus::fail:
        return "fail";
    case ScriptStatus::abort:
        return "abort";
    case ScriptStatus::timeout:
        return "timeout";
    case ScriptStatus::exec_fail:
        return "exec-fail";
    case ScriptStatus::leak_fail:
        return "leak-fail";
    case ScriptStatus::bad_env:
        return "bad-env";
    case ScriptStatus::cancelled:
        return "cancelled";
    }
    return "fail";
}

Value script_finished(const ScriptFinished& event) {
    const ScriptResult& result = event.result;
    Value object = Value::object();
    object["type"] = "script-finished";
    object["kind"] = std::string(profiles::to_string(result.kind));
    object["script"] = result.name;
    object["command"] = result.command;
    object["index"] = event.index;
    object["total"] = event.total;
    object["status"] = script_status(result.status);
    object["success"] = result.is_success();
    object["exit-code"] = nullable(result.exit_code);
    object["signal"] = nullable(result.signal);
    object["signal-name"] = signal_name_of(result.signal);
    object["leaked"] = result.leaked;
    object["reason"] = result.reason;
    object["start-time"] = format_timestamp(result.start_time);
    object["duration"] = seconds(result.duration);
    object["stdout"] = output_object(result.stdout_output);
    object["stderr"] = output_object(result.stderr_output);
    return object;
}

Value health_checked(const ScriptHealthChecked& event) {
    Value object = Value::object();
    object["type"] = "script-health-checked";
    object["script"] = event.name;
    object["check"] = event.check;
    object["passed"] = event.passed;
    object["reason"] = event.reason;
    object["timeout"] = seconds(event.timeout);
    object["elapsed"] = seconds(event.elapsed);
    object["probes"] = event.probes;
    object["start-time"] = format_timestamp(event.start_time);
    return object;
}

Value test_finished(const TestFinished& event) {
    const AttemptResult& last = event.last();
    Value object = test_object("test-finished", event.test);
    object["result"] = test_result(last);
    object["success"] = last.is_success();
    object["flaky"] = event.is_flaky();
    object["passed-alone"] = event.passed_alone();
    object["slow"] = last.slow;
    object["leaked"] = last.leak != LeakStatus::none;
    object["attempts"] = event.attempts.size();
    object["duration"] = seconds(last.duration);
    object["running"] = event.running;
    return object;
}

Value test_slow(const TestSlow& event) {
    Value object = test_object("test-slow", event.test);
    object["attempt"] = event.attempt;
    object["total-attempts"] = event.total_attempts;
    object["elapsed"] = seconds(event.elapsed);
    object["will-terminate"] = event.will_terminate;
    return object;
}

Value will_retry(const TestAttemptFailedWillRetry& event) {
    Value object = attempt_finished(event.test, event.result);
    object["will-retry"] = true;
    object["delay-before-next"] = seconds(event.delay_before_next);
    object["rerun-alone"] = event.rerun_alone;
    return object;
}

Value batch_started(const BatchStarted& event) {
    Value object = Value::object();
    object["type"] = "batch-started";
    object["binary-id"] = event.binary_id;
    object["global-slot"] = event.global_slot;
    object["names"] = event.names;
    return object;
}

Value batch_finished(const BatchFinished& event) {
    Value object = Value::object();
    object["type"] = "batch-finished";
    object["binary-id"] = event.binary_id;
    object["global-slot"] = event.global_slot;
    object["vouched"] = event.vouched;
    object["not-reached"] = event.not_reached;
    Value reruns = Value::array();
    for (const BatchRerun& rerun : event.reruns) {
        reruns.push_back(Value{{"name", rerun.name}, {"reason", rerun.reason}});
    }
    object["reruns"] = std::move(reruns);
    return object;
}

/// An object of `type` with `running` tests, for the run's pause, continue and cancel events.
Value run_object(const char* type, std::uint32_t running) {
    Value object = Value::object();
    object["type"] = type;
    object["running"] = running;
    return object;
}

Value stress_object(const char* type, const StressLimits& limits) {
    Value object = Value::object();
    object["type"] = type;
    object["limits"] = limits_of(limits);
    return object;
}

Value stress_started(const StressIterationStarted& event, const NdjsonContext& context) {
    Value object = stress_object("stress-iteration-started", event.limits);
    // A stress run's first line: the stream's version goes first, as in `run-started`.
    if (event.iteration == 1) {
        object["format-version"] = k_ndjson_format_version;
        object["ptest-version"] = context.ptest_version;
    }
    object["iteration"] = event.iteration;
    object["elapsed"] = seconds(event.elapsed);
    return object;
}

Value stress_finished(const StressIterationFinished& event) {
    Value object = stress_object("stress-iteration-finished", event.limits);
    object["iteration"] = event.iteration;
    object["elapsed"] = seconds(event.elapsed);
    object["failed"] = event.failed;
    return object;
}

Value stress_run_finished(const StressRunFinished& event) {
    Value object = stress_object("stress-run-finished", event.limits);
    object["passed"] = event.passed;
    object["failed"] = event.failed;
    object["elapsed"] = seconds(event.elapsed);
    return object;
}

Value script_started(const ScriptStarted& event) {
    Value object = Value::object();
    object["type"] = "script-started";
    object["kind"] = std::string(profiles::to_string(event.kind));
    object["script"] = event.name;
    object["command"] = event.command;
    object["index"] = event.index;
    object["total"] = event.total;
    return object;
}

Value retry_started(const TestRetryStarted& event) {
    Value object = test_object("test-retry-started", event.test);
    object["attempt"] = event.attempt;
    object["total-attempts"] = event.total_attempts;
    object["alone"] = event.alone;
    return object;
}

Value run_cancelling(const RunCancelling& event) {
    Value object = run_object("run-cancelling", event.running);
    object["reason"] = cancel_reason(event.reason);
    object["signal"] = nullable(event.signal);
    object["signal-name"] = signal_name_of(event.signal);
    return object;
}

/// One overload per event, so an event added to the vocabulary without a line does not compile.
struct LineMaker {
    using Lines = std::vector<Value>;
    const NdjsonContext& context;

    Lines operator()(const RunStarted& e) const { return {run_started(e, context)}; }
    Lines operator()(const TestStarted& e) const {
        Value object = test_object("test-started", e.test);
        object["running"] = e.running;
        return {std::move(object)};
    }
    Lines operator()(const TestSlow& e) const { return {test_slow(e)}; }
    Lines operator()(const TestAttemptFailedWillRetry& e) const { return {will_retry(e)}; }
    Lines operator()(const TestRetryStarted& e) const { return {retry_started(e)}; }
    Lines operator()(const TestFinished& e) const {
        Value attempt = attempt_finished(e.test, e.last());
        attempt["will-retry"] = false;
        return {std::move(attempt), test_finished(e)};
    }
    Lines operator()(const TestSkipped& e) const {
        Value object = test_object("test-skipped", e.test);
        object["reason"] = e.reason == SkipReason::ignored     ? "ignored"
                           : e.reason == SkipReason::partition ? "partition"
                                                               : "filtered";
        return {std::move(object)};
    }
    Lines operator()(const RunCancelling& e) const { return {run_cancelling(e)}; }
    Lines operator()(const RunPaused& e) const { return {run_object("run-paused", e.running)}; }
    Lines operator()(const RunContinued& e) const {
        return {run_object("run-continued", e.running)};
    }
    Lines operator()(const RunFinished& e) const { return {run_finished(e)}; }
    Lines operator()(const StressIterationStarted& e) const { return {stress_started(e, context)}; }
    Lines operator()(const StressIterationFinished& e) const { return {stress_finished(e)}; }
    Lines operator()(const StressRunFinished& e) const { return {stress_run_finished(e)}; }
    Lines operator()(const ScriptStarted& e) const { return {script_started(e)}; }
    Lines operator()(const ScriptFinished& e) const { return {script_finished(e)}; }
    Lines operator()(const ScriptHealthChecked& e) const { return {health_checked(e)}; }
    Lines operator()(const BatchStarted& e) const { return {batch_started(e)}; }
    Lines operator()(const BatchFinished& e) const { return {batch_finished(e)}; }
    // A status on demand (SIGUSR1, the `t` key) is for the person who asked: no line.
    Lines operator()(const RunStatus& /*e*/) const { return {}; }
};

} // namespace

void set_exit_code(Value& event, int exit_code) {
    event["exit-code"] = exit_code;
}

std::vector<Value> ndjson_events(const Event& event, const NdjsonContext& context) {
    return std::visit(LineMaker{context}, event);
}

Value slowest_member(const std::vector<TestTime>& tests) {
    Value slowest = Value::array();
    for (const TestTime& test : tests) {
        slowest.push_back(Value{{"binary-id", test.test.binary_id},
                                {"name", test.test.name},
                                {"duration", seconds(test.duration)}});
    }
    return slowest;
}

} // namespace ptest::reporter
