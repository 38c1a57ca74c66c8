// The Catch2 v2 adapter: parse `--list-test-names-only` (two passes: visible, then hidden) and
// `--list-tests` (the same two, for each case's tags), and judge an attempt from the XML report
// Catch2 writes to a private file (`-r xml -o FILE`), cross-checked with the exit status; the
// console report is read only when the binary's own arguments choose the reporter. Test specs and
// report judging are shared with v3 (catch2_spec.hpp, catch2_report.hpp). The parsers are pure
// functions, tested directly; the adapter (`catch2_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Parse one `--list-test-names-only` pass. Catch2 v2 exits with the number of names it listed
/// (at most 255, or modulo 256 before 2.13), or 0 from a custom main that ignores the session's
/// result, so any other exit code means the output is not a complete listing. Names that
/// start with `#` are printed in double quotes; the quotes are removed. Pass 1 (hidden tests)
/// marks every case `ignored`.
ListParseResult parse_catch2_list(int pass, std::string_view output, int exit_code);

/// Parse one `--list-tests` pass: one entry per line of the list that holds no tags, in listing
/// order, named by the line without its two-space indent (a wrapped name gives one entry per
/// line), with the tags of the lines that follow as labels (without brackets; `[.]` and other
/// special tags included). Never an error: tags are a best-effort extra.
ListParseResult parse_catch2_tag_list(std::string_view output);

/// Give `cases` (one names pass) the labels of `tagged` (the entries of the matching
/// `--list-tests` pass), case by case: the entries of a case are its first line and the lines its
/// name wraps onto, told by spelling the name (spaces aside, as Catch2 wraps at them). Nothing is
/// given when the two lists do not line up, so a listing Catch2 wrapped oddly costs only the
/// labels.
void add_catch2_tags(std::vector<TestCase>& cases, const std::vector<TestCase>& tagged);

/// The tags of a `[a][b]` string, without brackets, in order.
std::vector<std::string> split_catch2_tags(std::string_view tags);

/// `--use-colour no` and the case's test spec (`catch2_test_spec`, tags only for a wildcard name)
/// as one argument. Hidden tests run when named.
std::vector<std::string> catch2_run_arguments(const TestCase& test);

/// Read a single-case Catch2 v2 console report (written to stdout), for an attempt whose
/// arguments chose the reporter themselves.
FrameworkVerdict interpret_catch2_output(std::string_view stdout_text);

/// The options by which a binary's own arguments choose Catch2's reporter or its output (v2 and
/// v3 alike): `-r`, `--reporter`, `-o`, `--out`.
std::span<const std::string_view> catch2_report_options();

/// The Catch2 v2 adapter (kind `catch2`), a singleton that lives for the whole program.
const FrameworkAdapter& catch2_adapter();

} // namespace ptest::runner
