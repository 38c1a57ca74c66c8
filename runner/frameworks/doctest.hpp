// The doctest adapter (doctest 2.4 and 2.5): parse `--dt-list-test-cases --dt-reporters=xml
// --dt-no-skip` with pugixml, place the cases a name filter cannot select alone by their position
// in doctest's file order, build the filters for one case, and judge an attempt from the XML
// report doctest writes to a private file (doctest_report.hpp), or from its console report when
// the binary's own arguments already choose the reporters. The parsers are pure functions, tested
// directly; the adapter (`doctest_adapter()`) is used through the registry.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Parse doctest's XML listing (2.4 and 2.5 alike): one `<TestCase name= testsuite= filename= line=
/// skipped=>` per case; `skipped="true"` (a `doctest::skip()` decorator) makes the case `ignored`,
/// and a non-empty suite becomes the case's `suite` and its only label.
ListParseResult parse_doctest_list(std::string_view output, int exit_code);

/// Mark `ignored` every case of `all` (the listing with `--no-skip`) that `unskipped` (the listing
/// without it) leaves out: a `doctest::skip()` case, for doctest before 2.4.7, whose listing has
/// no `skipped` attribute. Cases are matched by suite, name, file and line, as many times as
/// `unskipped` holds them.
void mark_doctest_skips(std::vector<TestCase>& all, const std::vector<TestCase>& unskipped);

/// Give every case whose name selector also matches other listed cases (the same name twice,
/// template instances that print alike, `*`, `?`, `,` or `\` in the name or suite, an empty name)
/// its `position` among those matches in listing order, which is doctest's file order; 0 for a case
/// its selector matches alone. Every doctest case can then be selected exactly.
void mark_doctest_positions(std::vector<TestCase>& cases);

/// A doctest filter value matching `text`: each `,` and `\` becomes the wildcard `?`, which every
/// doctest version reads alike (2.4.8 and later also take `\,`, which 2.4.6 cannot). A name that
/// then matches other cases too is told apart by its `position`, as any wildcard name.
std::string doctest_escape_filter(std::string_view text);

/// `--dt-test-case=NAME`, then `--dt-test-suite=SUITE` (or, for a case outside any suite,
/// `--dt-test-suite-exclude=?*`), case-sensitive matching, no colours, no version line; for a
/// case with a `position`, `--dt-order-by=file --dt-first=P --dt-last=P`; and
/// `--dt-no-skip=true` for an ignored or positioned case. The `dt-` forms work even in binaries
/// built with DOCTEST_CONFIG_NO_UNPREFIXED_OPTIONS.
std::vector<std::string> doctest_run_arguments(const TestCase& test);

/// Read a single-case doctest console report (written to stdout).
FrameworkVerdict interpret_doctest_output(std::string_view stdout_text);

/// The doctest adapter (kind `doctest`), a singleton that lives for the whole program.
const FrameworkAdapter& doctest_adapter();

} // namespace ptest::runner
