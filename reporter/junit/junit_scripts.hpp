// Setup and teardown scripts in the JUnit report: every script, health check or teardown that
// failed becomes a failed testcase of its own in a suite named `@setup-scripts` (classname
// `@setup-scripts`, name `setup NAME`, `health NAME` or `teardown NAME`), with the script's
// captured output as its system-out and system-err, so a CI artifact shows why a service never
// came up. Scripts that pass are not written: a passing run's report holds only its tests.
#pragma once

#include "reporter/events.hpp"
#include "reporter/junit/junit_document.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// The suite (and classname) of script failures.
inline constexpr const char* k_script_suite = "@setup-scripts";

/// One failed script or health check, as the JUnit report keeps it.
struct ScriptFailure {
    std::string name;    ///< `setup db`, `health db`, `teardown db-stop`.
    std::string type;    ///< `setup script failure`, `health check failure`, ...
    std::string message; ///< One line.
    WallClock::time_point start_time;
    Duration time{0};
    CapturedOutput stdout_output;
    CapturedOutput stderr_output;
};

/// The failure `result` is, or nullopt when it passed.
std::optional<ScriptFailure> script_failure(const ScriptResult& result);

/// The failure `check` is, or nullopt when it passed.
std::optional<ScriptFailure> script_failure(const ScriptHealthChecked& check);

/// The `@setup-scripts` suite of `failures` (in the order they happened), every field bounded to
/// `field_cap`; output only with `store_output`.
JunitSuite script_suite(const std::vector<ScriptFailure>& failures, std::size_t field_cap,
                        bool store_output);

} // namespace ptest::reporter
