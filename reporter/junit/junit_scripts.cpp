// Script failures as JUnit test cases (see junit_scripts.hpp).
#include "reporter/junit/junit_scripts.hpp"

#include "base/signal_names.hpp"
#include "base/text_sanitizer.hpp"

#include <algorithm>

namespace ptest::reporter {

namespace {

std::string kind_name(ScriptKind kind) {
    return kind == ScriptKind::setup ? "setup" : "teardown";
}

std::string what_happened(const ScriptResult& result) {
    switch (result.status) {
    case ScriptStatus::pass:
        return "passed";
    case ScriptStatus::fail:
        return "failed with exit code " + std::to_string(result.exit_code.value_or(-1));
    case ScriptStatus::abort:
        return "was killed by " + base::signal_name(result.signal.value_or(0));
    case ScriptStatus::timeout:
        return "timed out";
    case ScriptStatus::exec_fail:
        return "could not start";
    case ScriptStatus::leak_fail:
        return "leaked its output";
    case ScriptStatus::bad_env:
        return "wrote a malformed env file";
    case ScriptStatus::cancelled:
        return "was cancelled";
    }
    return "failed";
}

} // namespace

std::optional<ScriptFailure> script_failure(const ScriptResult& result) {
    if (result.is_success()) {
        return std::nullopt;
    }
    ScriptFailure failure;
    failure.name = kind_name(result.kind) + " " + result.name;
    failure.type = kind_name(result.kind) + " script failure";
    failure.message = kind_name(result.kind) + " script " + result.name + " " +
                      what_happened(result) +
                      (result.reason.empty() ? std::string() : ": " + result.reason);
    failure.start_time = result.start_time;
    failure.time = result.duration;
    failure.stdout_output = result.stdout_output;
    failure.stderr_output = result.stderr_output;
    return failure;
}

std::optional<ScriptFailure> script_failure(const ScriptHealthChecked& check) {
    if (check.passed) {
        return std::nullopt;
    }
    ScriptFailure failure;
    failure.name = "health " + check.name;
    failure.type = "health check failure";
    failure.message = "health check of setup script " + check.name + " (" + check.check +
                      ") did not pass after " + std::to_string(check.probes) +
                      (check.probes == 1 ? " probe: " : " probes: ") + check.reason;
    failure.start_time = check.start_time;
    failure.time = check.elapsed;
    failure.stdout_output = check.stdout_output;
    failure.stderr_output = check.stderr_output;
    return failure;
}

JunitSuite script_suite(const std::vector<ScriptFailure>& failures, std::size_t field_cap,
                        bool store_output) {
    JunitSuite suite;
    suite.name = k_script_suite;
    if (failures.empty()) {
        return suite;
    }
    suite.timestamp = failures.front().start_time;
    WallClock::time_point end = suite.timestamp;
    for (const ScriptFailure& failure : failures) {
        JunitCase test_case;
        test_case.name = base::one_line(failure.name);
        test_case.classname = k_script_suite;
        test_case.timestamp = failure.start_time;
        test_case.time = failure.time;
        JunitElement element;
        element.tag = "failure";
        element.type = base::one_line(failure.type);
        element.message = base::one_line(failure.message);
        test_case.elements.push_back(std::move(element));
        if (store_output) {
            test_case.system_out = base::sanitize_output(failure.stdout_output, field_cap);
            test_case.system_err = base::sanitize_output(failure.stderr_output, field_cap);
        }
        suite.timestamp = std::min(suite.timestamp, failure.start_time);
        end = std::max(end, failure.start_time +
                                std::chrono::duration_cast<WallClock::duration>(failure.time));
        suite.cases.push_back(std::move(test_case));
    }
    suite.time = std::max(Duration{0}, Duration(end - suite.timestamp));
    return suite;
}

} // namespace ptest::reporter
