// Captured-output blocks under status lines (see output_block.hpp).
#include "reporter/terminal/output_block.hpp"

#include "reporter/terminal/status_line.hpp"

namespace ptest::reporter {

namespace {

/// Columns from the end of `--- ` to the test instance.
constexpr std::size_t k_header_width = 21;

void print_stream(LinePrinter& printer, std::string_view stream_name, const TestId& test,
                  const AttemptResult& result, const CapturedOutput& output, Style style) {
    printer.print_line("");
    printer.print_line(output_header(stream_name, test, result, style, printer.color()));
    print_captured(printer, output);
}

} // namespace

void print_captured(LinePrinter& printer, const CapturedOutput& output) {
    if (output.dropped_bytes == 0 || output.head_bytes > output.text.size()) {
        printer.print_output(output.text);
        return;
    }
    const std::string_view text = output.text;
    printer.print_output(text.substr(0, output.head_bytes));
    printer.print_line(printer.paint(
        "[ptest: truncated " + std::to_string(output.dropped_bytes) + " bytes]", Style::skip));
    printer.print_output(text.substr(output.head_bytes));
}

std::string output_header(std::string_view stream_name, const TestId& test,
                          const AttemptResult& result, Style style, bool color) {
    std::string attempt;
    if (result.total_attempts > 1) {
        attempt = "TRY " + std::to_string(result.attempt) + " ";
    }
    std::string label = std::string(stream_name) + ":";
    const std::size_t used = attempt.size() + label.size();
    const std::size_t pad = used < k_header_width ? k_header_width - used : 1;

    std::string out = paint("--- ", style, color);
    out += paint(attempt, style, color);
    out += paint(label, style, color);
    out += std::string(pad, ' ');
    out += test_instance(test, color);
    out += paint(" ---", style, color);
    return out;
}

bool failure_not_in_output(const AttemptResult& result) {
    if (result.is_success() || result.failure_description.empty()) {
        return false;
    }
    const std::string_view description = result.failure_description;
    std::string_view first_line = description.substr(0, description.find('\n'));
    while (!first_line.empty() && (first_line.back() == '\r' || first_line.back() == ' ')) {
        first_line.remove_suffix(1);
    }
    return first_line.empty() || result.stdout_output.text.find(first_line) == std::string::npos;
}

void print_attempt_output(LinePrinter& printer, const TestId& test, const AttemptResult& result,
                          Style header_style) {
    const bool has_stdout = !result.stdout_output.text.empty();
    const bool has_stderr = !result.stderr_output.text.empty();
    const bool has_failure = failure_not_in_output(result);
    if (has_failure) {
        // The framework's report, when its console report is not in the output (doctest's goes
        // to the report file, and nothing of it reaches stdout without capture).
        print_stream(printer, "FAILURE", test, result, CapturedOutput{result.failure_description},
                     header_style);
    }
    if (has_stdout) {
        print_stream(printer, "STDOUT", test, result, result.stdout_output, header_style);
    }
    if (has_stderr) {
        print_stream(printer, "STDERR", test, result, result.stderr_output, header_style);
    }
    if (has_failure || has_stdout || has_stderr) {
        printer.print_line("");
    }
}

Style output_header_style(const AttemptResult& result, bool is_retry) {
    if (is_retry) {
        return Style::retry;
    }
    if (result.is_success()) {
        return result.leak == LeakStatus::leaked_pass ? Style::skip : Style::pass;
    }
    return Style::fail;
}

} // namespace ptest::reporter
