// Printing one attempt's captured output under its status line, with nextest's headers:
//
//   --- STDOUT:              binary-id test-name ---
//   <what the test wrote to stdout>
//
//   --- TRY 1 STDERR:        binary-id test-name ---
//   <what the test wrote to stderr>
//
// A failure whose framework wrote its failure lines only to its report (doctest) gets a
// `--- FAILURE: ... ---` block with them first.
//
// Output that the capture limit cut in the middle shows a `[ptest: truncated N bytes]` line
// where the cut is. The text itself is sanitised by the LinePrinter.
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/line_printer.hpp"

#include <string>

namespace ptest::reporter {

/// The header line for one stream (`stream_name` is `STDOUT` or `STDERR`). `TRY n ` is included
/// when the test has more than one attempt, and the instance stays aligned either way.
std::string output_header(std::string_view stream_name, const TestId& test,
                          const AttemptResult& result, Style style, bool color);

/// Print one captured stream as it was kept: the whole text, or its head, a `[ptest: truncated N
/// bytes]` line and its tail.
void print_captured(LinePrinter& printer, const CapturedOutput& output);

/// Whether `result` failed with a failure description from the framework whose first line is not
/// in its captured stdout (the framework's console report went elsewhere, or was not captured).
bool failure_not_in_output(const AttemptResult& result);

/// Print the non-empty streams of `result`, each after a blank line and its header, and one
/// blank line after the last; before them, a `FAILURE` block with the framework's failure
/// description when `failure_not_in_output`. Prints nothing when there is none of these.
void print_attempt_output(LinePrinter& printer, const TestId& test, const AttemptResult& result,
                          Style header_style);

/// The style nextest gives output headers: retry for an attempt that will be retried, pass for a
/// success, fail otherwise.
Style output_header_style(const AttemptResult& result, bool is_retry);

} // namespace ptest::reporter
