// The Catch2 v2 adapter: parse `--list-test-names-only` (two passes: visible, then hidden) and
// `--list-tests` (the same two, for each case's tags), decide which names a test spec cannot
// select exactly, build the escaped test spec for one case, and read a single-case run's console
// report. The parsers are pure functions, tested directly;
// the adapter (`catch2_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Parse one `--list-test-names-only` pass. Catch2 v2 exits with the number of names it listed
/// (modulo 256), so any other exit code means the output is not a complete listing. Names that
/// start with `#` are printed in double quotes; the quotes are removed. Pass 1 (hidden tests)
/// marks every case `ignored`.
ListParseResult parse_catch2_list(int pass, std::string_view output, int exit_code);

/// Parse one `--list-tests` pass: one case per listed test, in listing order, whose `name` is the
/// first line of its (possibly wrapped) name and whose `labels` are its tags without brackets
/// (`[.]` and other special tags included). Never an error: tags are a best-effort extra.
ListParseResult parse_catch2_tag_list(std::string_view output);

/// Give `cases` (one names pass) the labels of `tagged` (the matching `--list-tests` pass), case by
/// case. Nothing is given when the two lists do not line up (different lengths, or a name that
/// does not start with its tag entry's first line), so a listing Catch2 wrapped oddly costs only
/// the labels.
void add_catch2_tags(std::vector<TestCase>& cases, const std::vector<TestCase>& tagged);

/// Mark the cases a Catch2 v2 test spec cannot select exactly: a leading or trailing `*` (always
/// a wildcard, even escaped), a leading `exclude:`, an empty name, and names equal to another
/// case's once lower-cased and trimmed (Catch2 matches that way).
void mark_catch2_unselectable(std::vector<TestCase>& cases);

/// The test spec that matches exactly `name`: `\`, `,`, `[`, `]`, `~`, `"` and a leading `-`
/// are escaped with a backslash.
std::string catch2_escape_name(std::string_view name);

/// `--use-colour no` and the escaped name as one argument. Hidden tests run when named.
std::vector<std::string> catch2_run_arguments(const TestCase& test);

/// Read a single-case Catch2 v2 console report (written to stdout).
FrameworkVerdict interpret_catch2_output(std::string_view stdout_text);

/// The Catch2 v2 adapter (kind `catch2`), a singleton that lives for the whole program.
const FrameworkAdapter& catch2_adapter();

} // namespace ptest::runner
