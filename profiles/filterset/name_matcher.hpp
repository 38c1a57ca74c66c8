// The name matchers of filter expressions: `=exact`, `~contains`, `/regex/` and `#glob`, each
// tested against one name (a test name, a binary id, a label). Regexes and globs run on RE2, whose
// matching time is linear in the name's length whatever the pattern, so a hostile pattern such as
// `(a*)*b` cannot stall a run.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
} // namespace re2

namespace ptest::profiles {

/// How a matcher compares its text with a name.
enum class MatcherKind {
    equal,    ///< `=text`: the whole name equals the text.
    contains, ///< `~text`: the name contains the text.
    regex,    ///< `/re/`: some part of the name matches the regex (RE2 syntax).
    glob,     ///< `#glob`: the whole name matches the glob (`*`, `?`, `[...]`, `{a,b}`).
};

/// One compiled matcher. Copies share the compiled pattern; matching is thread-safe.
class NameMatcher {
public:
    /// A matcher of `kind` for `text` (already unescaped). Throws `std::invalid_argument` with a
    /// lowercase reason (`invalid regex: …`, `invalid glob: …`) when the pattern does not compile.
    NameMatcher(MatcherKind kind, std::string text);

    /// Whether `name` matches.
    [[nodiscard]] bool matches(std::string_view name) const;

    [[nodiscard]] MatcherKind kind() const noexcept { return m_kind; }
    /// The pattern as written, after the filter expression's escapes were decoded.
    [[nodiscard]] const std::string& text() const noexcept { return m_text; }

    /// The matcher as a filter expression spells it: `=text`, `~text`, `/re/`, `#glob`, with the
    /// characters that would end it early escaped.
    [[nodiscard]] std::string describe() const;

private:
    MatcherKind m_kind;
    std::string m_text;
    std::shared_ptr<const re2::RE2> m_regex; ///< For `regex` and `glob`.
};

/// The RE2 pattern, anchored at both ends, that matches exactly the names `glob` matches:
/// `*` any run of characters (`/` included), `?` one character, `[abc]`, `[a-z]`, `[!abc]` (or
/// `[^abc]`) one character of (or not of) a set, `{a,b}` any one of the alternatives (nestable).
/// A backslash is an ordinary character; a metacharacter is matched literally inside brackets
/// (`[*]`). Throws `std::invalid_argument` (`unclosed `[``, `unclosed `{``) on a bad glob.
std::string glob_to_regex(std::string_view glob);

} // namespace ptest::profiles
