// The terminal lines of setup and teardown scripts, in the shape of nextest's setup-script lines:
//
//          SETUP [1/2] db: ./scripts/start-db.sh
//     SETUP PASS [   0.412s] db: ./scripts/start-db.sh
//          READY [   1.503s] db: tcp 127.0.0.1:5432
//       TEARDOWN [1/1] db-stop: ./scripts/stop-db.sh
//  TEARDOWN PASS [   0.120s] db-stop: ./scripts/stop-db.sh
//
// A failure adds a detail line saying why and the script's captured output, with
// `--- STDOUT:  setup db ---` headers.
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/line_printer.hpp"

#include <string>

namespace ptest::reporter {

/// `SETUP` or `TEARDOWN`.
std::string script_kind_word(ScriptKind kind);

/// The line when a script starts: `SETUP [1/2] name: command`.
std::string script_started_line(const ScriptStarted& event, bool color);

/// The line when a script ends: `SETUP PASS [   0.412s] name: command` (FAIL, TIMEOUT, XFAIL,
/// SIGKILL, CANCEL, LEAK-FAIL, BAD-ENV after the kind for a failure).
std::string script_finished_line(const ScriptFinished& event, bool color);

/// The detail under a failed script's line: why, or its exit code. Empty for a pass.
std::string script_failure_detail(const ScriptResult& result);

/// `READY [   1.503s] name: check` or `HEALTH FAIL [   5.001s] name: check`.
std::string health_line(const ScriptHealthChecked& event, bool color);

/// The detail under a failed health check: `did not pass within 5s (10 probes): <reason>`.
std::string health_failure_detail(const ScriptHealthChecked& event);

/// Print `stdout_output` and `stderr_output` (those not empty) under headers naming `label`
/// (`setup db`), each after a blank line, and a blank line after the last.
void print_script_output(LinePrinter& printer, const std::string& label,
                         const CapturedOutput& stdout_output, const CapturedOutput& stderr_output,
                         Style style);

} // namespace ptest::reporter
