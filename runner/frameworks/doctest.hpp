// The doctest adapter: parse `--dt-list-test-cases --dt-reporters=xml --dt-no-skip` with pugixml,
// decide which cases the wildcard filters cannot select exactly, build the filters for one case,
// and read a single-case run's console report. The parsers are pure functions, tested directly;
// the adapter (`doctest_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Parse doctest 2.4.9's XML listing: one `<TestCase name= testsuite= filename= line= skipped=>`
/// per case; `skipped="true"` (a `doctest::skip()` decorator) makes the case `ignored`, and a
/// non-empty suite becomes the case's `suite` and its only label.
ListParseResult parse_doctest_list(std::string_view output, int exit_code);

/// Mark the cases doctest cannot select exactly: `*` or `?` in the name or suite (doctest filters
/// are wildcards without an escape), an empty name, and the same (suite, name) twice.
void mark_doctest_unselectable(std::vector<TestCase>& cases);

/// A doctest filter value matching exactly `text`: `,` and `\` escaped with a backslash.
std::string doctest_escape_filter(std::string_view text);

/// `--dt-test-case=NAME`, then `--dt-test-suite=SUITE` (or, for a case outside any suite,
/// `--dt-test-suite-exclude=?*`), case-sensitive matching, no colours, no version line, and
/// `--dt-no-skip=true` for an ignored case. The `dt-` forms work even in binaries built with
/// DOCTEST_CONFIG_NO_UNPREFIXED_OPTIONS.
std::vector<std::string> doctest_run_arguments(const TestCase& test);

/// Read a single-case doctest console report (written to stdout).
FrameworkVerdict interpret_doctest_output(std::string_view stdout_text);

/// The doctest adapter (kind `doctest`), a singleton that lives for the whole program.
const FrameworkAdapter& doctest_adapter();

} // namespace ptest::runner
