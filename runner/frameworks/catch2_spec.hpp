// Catch2 test specs (v2 and v3 read them alike): the one command-line argument that selects a
// listed case, the name pattern Catch2 matches it by, and which listed cases nothing can tell
// apart. Catch2 matches a name pattern case-insensitively on trimmed text, reads a `*` at either
// end as a wildcard even when escaped and a leading `exclude:` as an exclusion even when quoted,
// and treats a spec whose escaped characters come first specially; so a spec may select more
// than its case, and the attempt then picks the case out of Catch2's report by name (and, for v3,
// file and line). Pure functions, tested directly.
#pragma once

#include "runner/model/test_list.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Whether a case's tags go into its test spec.
enum class Catch2Tags {
    /// Only when the name alone is a wildcard (a `*` at either end, or a leading `exclude:`):
    /// the tags then narrow what it selects. For Catch2 v2, whose tags come from console text.
    when_wildcard,
    /// Always: Catch2 v3 accepts one name twice with different tags, and its tags come from its
    /// XML listing.
    always,
};

/// The test spec of one case.
struct Catch2Spec {
    std::string argument; ///< The spec, one command-line argument.
    /// The name pattern Catch2 reads from it: lower-case, trimmed, a `*` at either end a wildcard.
    std::string pattern;
};

/// The test spec that selects `test`: its name with `\` `,` `[` `]` `~` `"` escaped by a
/// backslash, in double quotes when it starts with one of those, a space or a `-` (unquoted,
/// Catch2 drops a space that follows escapes at the start, and a spec of escapes only is empty);
/// a name starting `exclude:` as `*xclude:...`; then the case's tags as `[tag]` patterns as
/// `tags` says. The spec always matches `test`; it may match other cases too.
Catch2Spec catch2_test_spec(const TestCase& test, Catch2Tags tags);

/// The name Catch2 knows `test` by: `case_name` when ptest renamed a repeated name
/// (`same name #2`), else `name`.
const std::string& catch2_declared_name(const TestCase& test);

/// How Catch2 normalises a name before matching it: ASCII lower-case, trimmed.
std::string catch2_normalise(std::string_view name);

/// Whether the normalised name pattern `pattern` (see `Catch2Spec::pattern`) matches the
/// normalised name `name`: equal, or with a `*` at either end (and only there) a wildcard.
bool catch2_pattern_matches(std::string_view pattern, std::string_view name);

/// Mark the cases that neither their test spec nor Catch2's report can tell apart from another
/// listed case. Catch2 reports names trimmed, so two cases whose trimmed names are equal are told
/// apart only by file and line (`with_location`: the listing gives them, as v3's does) and by the
/// tags in their specs (`tags`); a case is refused when another case has its trimmed name (and
/// its file and line, with `with_location`) and, when its spec has tags, every one of its tags.
void mark_catch2_indistinguishable(std::vector<TestCase>& cases, Catch2Tags tags,
                                   bool with_location);

} // namespace ptest::runner
