// Setup and teardown script lines (see script_lines.hpp).
#include "reporter/terminal/script_lines.hpp"

#include "base/signal_names.hpp"
#include "base/text.hpp"

#include "reporter/terminal/output_block.hpp"
#include "reporter/terminal/status_line.hpp"

#include <chrono>

namespace ptest::reporter {

namespace {

std::string finished_word(const ScriptResult& result) {
    switch (result.status) {
    case ScriptStatus::pass:
        return result.leaked ? "LEAK" : "PASS";
    case ScriptStatus::fail:
        return "FAIL";
    case ScriptStatus::abort:
        return result.signal ? base::signal_name(*result.signal) : std::string("ABORT");
    case ScriptStatus::timeout:
        return "TIMEOUT";
    case ScriptStatus::exec_fail:
        return "XFAIL";
    case ScriptStatus::leak_fail:
        return "LEAK-FAIL";
    case ScriptStatus::bad_env:
        return "BAD-ENV";
    case ScriptStatus::cancelled:
        return "CANCEL";
    }
    return "FAIL";
}

std::string named_command(const std::string& name, const std::string& command, bool color) {
    std::string out = paint(name, Style::binary_id, color);
    if (!command.empty()) {
        out += ": " + command;
    }
    return out;
}

void print_stream(LinePrinter& printer, std::string_view stream, const std::string& label,
                  const CapturedOutput& output, Style style) {
    printer.print_line("");
    const bool color = printer.color();
    printer.print_line(paint("--- " + std::string(stream) + ":", style, color) + "  " + label +
                       paint(" ---", style, color));
    print_captured(printer, output);
}

} // namespace

std::string script_kind_word(ScriptKind kind) {
    return kind == ScriptKind::setup ? "SETUP" : "TEARDOWN";
}

std::string script_started_line(const ScriptStarted& event, bool color) {
    return aligned_word({script_kind_word(event.kind), Style::pass}, color) + " [" +
           std::to_string(event.index) + "/" + std::to_string(event.total) + "] " +
           named_command(event.name, event.command, color);
}

std::string script_finished_line(const ScriptFinished& event, bool color) {
    const ScriptResult& result = event.result;
    const Style style =
        result.is_success() ? (result.leaked ? Style::skip : Style::pass) : Style::fail;
    const std::string word = script_kind_word(result.kind) + " " + finished_word(result);
    return aligned_word({word, style}, color) + " " + bracketed_duration(result.duration) + " " +
           named_command(result.name, result.command, color);
}

std::string script_failure_detail(const ScriptResult& result) {
    if (result.is_success()) {
        return {};
    }
    if (!result.reason.empty()) {
        return result.reason;
    }
    if (result.exit_code) {
        return "exit code " + std::to_string(*result.exit_code);
    }
    return {};
}

std::string health_line(const ScriptHealthChecked& event, bool color) {
    const StatusWord word =
        event.passed ? StatusWord{"READY", Style::pass} : StatusWord{"HEALTH FAIL", Style::fail};
    return aligned_word(word, color) + " " + bracketed_duration(event.elapsed) + " " +
           named_command(event.name, event.check, color);
}

std::string health_failure_detail(const ScriptHealthChecked& event) {
    return "did not pass within " + base::short_seconds(event.timeout) + " (" +
           std::to_string(event.probes) + (event.probes == 1 ? " probe" : " probes") +
           "): " + event.reason;
}

void print_script_output(LinePrinter& printer, const std::string& label,
                         const CapturedOutput& stdout_output, const CapturedOutput& stderr_output,
                         Style style) {
    const bool has_stdout = !stdout_output.text.empty();
    const bool has_stderr = !stderr_output.text.empty();
    if (has_stdout) {
        print_stream(printer, "STDOUT", label, stdout_output, style);
    }
    if (has_stderr) {
        print_stream(printer, "STDERR", label, stderr_output, style);
    }
    if (has_stdout || has_stderr) {
        printer.print_line("");
    }
}

} // namespace ptest::reporter
