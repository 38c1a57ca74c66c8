// The Catch2 v3 adapter: list with `--list-tests -r xml '*'` (one pass: names unwrapped, tags,
// file and line, hidden cases included and told by their `[.]` tag), select one case with the
// test spec v2 uses plus its tags (v3 accepts one name twice with different tags), and judge an
// attempt from the XML report Catch2 writes to a private
// file (`--reporter xml::out=FILE` beside `--reporter console::out=-`, so people still see the
// console report), cross-checked with the exit status. Catch2 v3 is `kind = "catch2"` like v2: the
// registry picks this adapter for a Catch2 binary whose bytes carry v3's markers. The parsers are
// pure functions, tested directly on captured output.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ptest::runner {

/// Parse a `--list-tests -r xml` listing (`MatchingTests` › `TestCase` › `Name`, `Tags`,
/// `SourceInfo/File`, `SourceInfo/Line`). Catch2 v3 exits 0 after listing; any other exit code,
/// or output that is not such an XML document, is an error. Tags become labels without brackets;
/// a case tagged `[.]` (hidden, which includes `[!hide]` and `[.tag]`) is `ignored`.
ListParseResult parse_catch2_v3_list(std::string_view output, int exit_code);

/// The Catch2 v3 markers: strings only a binary linking Catch2 v3 contains (the XML reporter's
/// root element, v3's own smart pointer in the registration symbols).
std::span<const std::string_view> catch2_v3_markers();

/// The Catch2 v3 adapter (config name `catch2`, like v2), a singleton that lives for the whole
/// program. Not in the registry's list: the registry returns it for Catch2 binaries of major
/// version 3.
const FrameworkAdapter& catch2_v3_adapter();

} // namespace ptest::runner
