// The filter-expression parser: a recursive descent over nextest's grammar, with its precedence
// (from tightest: parentheses, `not`/`!`, `and`/`&`/`-`, `or`/`|`/`+`; left to right within a
// level) and its matcher syntax. Every error names the byte range it is about, so the message can
// put a caret under it.
#include "base/spellcheck.hpp"

#include "profiles/filterset/filter_node.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptest::profiles {

namespace {

using Op = FilterNode::Op;

/// A predicate: its name, what it builds, and its default matcher (empty: it takes no argument).
struct Predicate {
    std::string_view name;
    Op op;
    std::optional<MatcherKind> default_matcher;
};

// nextest's defaults: contains for test names, glob for binaries and groups, equality for kinds.
// Labels are names chosen by people, like binaries, so they take a glob too: `label(slow)` is
// exactly the label `slow`, and `label(net*)` every label starting with `net`.
constexpr std::array k_predicates{
    Predicate{"all", Op::all, std::nullopt},
    Predicate{"binary", Op::binary, MatcherKind::glob},
    Predicate{"binary_id", Op::binary_id, MatcherKind::glob},
    Predicate{"default", Op::default_set, std::nullopt},
    Predicate{"group", Op::group, MatcherKind::glob},
    Predicate{"kind", Op::kind, MatcherKind::equal},
    Predicate{"label", Op::label, MatcherKind::glob},
    Predicate{"none", Op::none, std::nullopt},
    Predicate{"test", Op::test, MatcherKind::contains},
};

// Deep enough for any expression a person writes, shallow enough for the parser's stack.
constexpr int k_max_depth = 200;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Append code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80U) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800U) {
        out += static_cast<char>(0xC0U | (cp >> 6U));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000U) {
        out += static_cast<char>(0xE0U | (cp >> 12U));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (cp >> 18U));
        out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    }
}

std::string known_predicates() {
    std::string out;
    for (const Predicate& p : k_predicates) {
        out += (out.empty() ? "" : ", ") + std::string(p.name);
    }
    return out;
}

class Parser {
public:
    Parser(std::string_view text, FiltersetKind kind) : m_text(text), m_kind(kind) {}

    std::unique_ptr<FilterNode> parse() {
        auto root = parse_or();
        skip_space();
        if (m_pos < m_text.size()) {
            if (m_text[m_pos] == ')') {
                fail(m_pos, 1, "unmatched `)`");
            }
            fail(m_pos, token_length(m_pos), "expected an operator or end of expression");
        }
        return root;
    }

    [[nodiscard]] bool uses_group() const noexcept { return m_uses_group; }

private:
    [[noreturn]] void fail(std::size_t offset, std::size_t length, std::string reason) const {
        throw FilterParseError(std::string(m_text), offset, std::max<std::size_t>(length, 1),
                               std::move(reason));
    }

    void skip_space() {
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
            ++m_pos;
        }
    }

    // The length of the token at `offset`: a whole word, else one (UTF-8) character.
    [[nodiscard]] std::size_t token_length(std::size_t offset) const {
        if (offset >= m_text.size()) {
            return 1;
        }
        std::size_t end = offset;
        while (end < m_text.size() && is_word(m_text[end])) {
            ++end;
        }
        if (end > offset) {
            return end - offset;
        }
        end = offset + 1;
        while (end < m_text.size() && (static_cast<unsigned char>(m_text[end]) & 0xC0U) == 0x80U) {
            ++end;
        }
        return end - offset;
    }

    [[nodiscard]] std::string_view word_at(std::size_t offset) const {
        std::size_t end = offset;
        while (end < m_text.size() && is_word(m_text[end])) {
            ++end;
        }
        return m_text.substr(offset, end - offset);
    }

    // Consume `word` as a keyword operator: the word itself, not the start of a longer one.
    bool keyword(std::string_view word) {
        if (word_at(m_pos) != word) {
            return false;
        }
        m_pos += word.size();
        return true;
    }

    std::unique_ptr<FilterNode> combine(Op op, std::unique_ptr<FilterNode> left,
                                        std::unique_ptr<FilterNode> right) {
        auto node = std::make_unique<FilterNode>();
        node->op = op;
        node->left = std::move(left);
        node->right = std::move(right);
        return node;
    }

    std::unique_ptr<FilterNode> negate(std::unique_ptr<FilterNode> inner) {
        return combine(Op::not_, std::move(inner), nullptr);
    }

    // or-expression: and-expression (( `or` | `|` | `+` ) and-expression)*
    std::unique_ptr<FilterNode> parse_or() {
        auto left = parse_and();
        while (true) {
            skip_space();
            if (m_pos < m_text.size() && (m_text[m_pos] == '|' || m_text[m_pos] == '+')) {
                ++m_pos;
            } else if (!keyword("or")) {
                return left;
            }
            left = combine(Op::or_, std::move(left), parse_and());
        }
    }

    // and-expression: unary (( `and` | `&` | `-` ) unary)*; `a - b` is `a and not b`.
    std::unique_ptr<FilterNode> parse_and() {
        auto left = parse_unary();
        while (true) {
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == '&') {
                ++m_pos;
                left = combine(Op::and_, std::move(left), parse_unary());
            } else if (m_pos < m_text.size() && m_text[m_pos] == '-') {
                ++m_pos;
                left = combine(Op::and_, std::move(left), negate(parse_unary()));
            } else if (keyword("and")) {
                left = combine(Op::and_, std::move(left), parse_unary());
            } else {
                return left;
            }
        }
    }

    // unary: ( `not` | `!` ) unary | `(` or-expression `)` | predicate
    std::unique_ptr<FilterNode> parse_unary() {
        skip_space();
        if (m_pos >= m_text.size()) {
            fail(m_pos, 1, "expected an expression");
        }
        const std::size_t start = m_pos;
        const char c = m_text[m_pos];
        if (c == '!' || keyword("not")) {
            if (c == '!') {
                ++m_pos;
            }
            enter(start);
            auto inner = parse_unary();
            --m_depth;
            return negate(std::move(inner));
        }
        if (c == '(') {
            ++m_pos;
            enter(start);
            auto inner = parse_or();
            skip_space();
            if (m_pos >= m_text.size() || m_text[m_pos] != ')') {
                fail(m_pos, token_length(m_pos),
                     "expected an operator or `)` closing the `(` at column " +
                         std::to_string(start + 1));
            }
            ++m_pos;
            --m_depth;
            return inner;
        }
        if (is_word(c)) {
            return parse_predicate();
        }
        fail(m_pos, token_length(m_pos),
             "expected an expression such as `test(name)`, `not …` or `( … )`, found `" +
                 std::string(m_text.substr(m_pos, token_length(m_pos))) + "`");
    }

    void enter(std::size_t start) {
        if (++m_depth > k_max_depth) {
            fail(start, 1, "expression nested too deeply");
        }
    }

    std::unique_ptr<FilterNode> parse_predicate() {
        const std::size_t start = m_pos;
        const std::string_view name = word_at(m_pos);
        m_pos += name.size();
        if (name == "and" || name == "or") {
            fail(start, name.size(),
                 "expected an expression, found the operator `" + std::string(name) + "`");
        }
        const auto* predicate = std::find_if(k_predicates.begin(), k_predicates.end(),
                                             [&](const Predicate& p) { return p.name == name; });
        if (predicate == k_predicates.end()) {
            fail(start, name.size(), unknown_predicate_reason(name));
        }
        check_allowed(*predicate, start);
        skip_space();
        if (m_pos >= m_text.size() || m_text[m_pos] != '(') {
            fail(m_pos, token_length(m_pos), "expected `(` after `" + std::string(name) + "`");
        }
        ++m_pos;
        auto node = std::make_unique<FilterNode>();
        node->op = predicate->op;
        skip_space();
        if (predicate->default_matcher) {
            node->matcher = parse_matcher(*predicate->default_matcher);
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                fail(m_pos, 1,
                     "unexpected `,`: `" + std::string(name) +
                         "()` takes one matcher (write `\\,` for a comma in a name)");
            }
        }
        if (m_pos >= m_text.size() || m_text[m_pos] != ')') {
            fail(m_pos, token_length(m_pos),
                 predicate->default_matcher
                     ? "expected `)` closing `" + std::string(name) + "(`"
                     : "expected `)`: `" + std::string(name) + "()` takes no argument");
        }
        ++m_pos;
        return node;
    }

    [[nodiscard]] static std::string unknown_predicate_reason(std::string_view name) {
        if (name == "package" || name == "deps" || name == "rdeps") {
            // Appended rather than concatenated: GCC 12 at -O3 reports a false -Wrestrict on
            // `"literal" + std::string + "literal"`.
            std::string reason = "`";
            reason.append(name);
            reason.append("()` selects cargo packages, which ptest does not have; use "
                          "`binary()` or `binary_id()`");
            return reason;
        }
        if (name == "platform") {
            return "`platform()` is not supported: ptest runs tests on the host only";
        }
        std::string reason = "unknown predicate `" + std::string(name) + "`";
        std::vector<std::string> names;
        names.reserve(k_predicates.size());
        for (const Predicate& p : k_predicates) {
            names.emplace_back(p.name);
        }
        if (const auto near = base::closest_match(name, names)) {
            reason += "; did you mean `" + *near + "`?";
        } else {
            reason += " (expected one of " + known_predicates() + ")";
        }
        return reason;
    }

    void check_allowed(const Predicate& predicate, std::size_t start) {
        if (predicate.op == Op::group) {
            m_uses_group = true;
            if (m_kind == FiltersetKind::default_filter) {
                fail(start, predicate.name.size(),
                     "`group()` cannot be used in `default-filter`, only on the command line");
            }
            if (m_kind == FiltersetKind::override_filter) {
                fail(start, predicate.name.size(),
                     "`group()` cannot be used in an override's filter (overrides decide the "
                     "groups), only on the command line");
            }
        }
        if (predicate.op == Op::default_set && m_kind == FiltersetKind::default_filter) {
            fail(start, predicate.name.size(),
                 "`default()` cannot be used in `default-filter`, which defines it");
        }
    }

    // A matcher: `/regex/`, `=text`, `~text`, `#glob`, or text with the predicate's default.
    NameMatcher parse_matcher(MatcherKind default_kind) {
        const std::size_t start = m_pos;
        MatcherKind kind = default_kind;
        std::string text;
        if (m_pos < m_text.size() && m_text[m_pos] == '/') {
            kind = MatcherKind::regex;
            text = parse_regex_text();
        } else {
            if (m_pos < m_text.size()) {
                const char c = m_text[m_pos];
                if (c == '=' || c == '~' || c == '#') {
                    kind = c == '=' ? MatcherKind::equal
                                    : (c == '~' ? MatcherKind::contains : MatcherKind::glob);
                    ++m_pos;
                }
            }
            text = parse_text();
        }
        try {
            return NameMatcher(kind, std::move(text));
        } catch (const std::invalid_argument& error) {
            fail(start, m_pos - start, error.what());
        }
    }

    // The text of a regex after its opening `/`, up to the closing `/`. `\/` is a slash; every
    // other escape is left for the regex engine.
    std::string parse_regex_text() {
        const std::size_t open = m_pos;
        ++m_pos;
        std::string text;
        while (m_pos < m_text.size() && m_text[m_pos] != '/') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                if (m_text[m_pos + 1] != '/') {
                    text += '\\';
                }
                text += m_text[m_pos + 1];
                m_pos += 2;
                continue;
            }
            text += m_text[m_pos++];
        }
        if (m_pos >= m_text.size()) {
            fail(open, m_pos - open, "expected a closing `/` ending the regex");
        }
        ++m_pos;
        return text;
    }

    // Matcher text up to an unescaped `)` or `,`, with escapes decoded and trailing whitespace
    // dropped.
    std::string parse_text() {
        std::string text;
        std::size_t keep = 0; // Escaped characters are never trimmed.
        while (m_pos < m_text.size() && m_text[m_pos] != ')' && m_text[m_pos] != ',') {
            if (m_text[m_pos] == '\\') {
                text += parse_escape();
                keep = text.size();
                continue;
            }
            text += m_text[m_pos++];
        }
        std::size_t end = text.size();
        while (end > keep && is_space(text[end - 1])) {
            --end;
        }
        text.resize(end);
        return text;
    }

    std::string parse_escape() {
        const std::size_t start = m_pos;
        if (m_pos + 1 >= m_text.size()) {
            fail(start, 1, "a backslash must be followed by the character it escapes");
        }
        const char c = m_text[m_pos + 1];
        m_pos += 2;
        switch (c) {
        case 'n':
            return "\n";
        case 'r':
            return "\r";
        case 't':
            return "\t";
        case 'b':
            return "\b";
        case 'f':
            return "\f";
        case '\\':
        case '/':
        case ')':
        case ',':
            return std::string(1, c);
        case 'u':
            return parse_unicode_escape(start);
        default:
            break;
        }
        fail(start, 1 + token_length(start + 1),
             "invalid escape (valid: \\n \\r \\t \\b \\f \\\\ \\/ \\) \\, \\u{HEX})");
    }

    // `\u{HEX}` after `\u`: one to six hex digits naming a Unicode scalar value.
    std::string parse_unicode_escape(std::size_t start) {
        const std::size_t close = m_text.find('}', m_pos);
        const std::string_view reason = "invalid escape: expected `\\u{HEX}` with 1 to 6 hex "
                                        "digits naming a Unicode character";
        if (m_pos >= m_text.size() || m_text[m_pos] != '{' || close == std::string_view::npos) {
            fail(start, m_pos - start, std::string(reason));
        }
        const std::string_view digits = m_text.substr(m_pos + 1, close - m_pos - 1);
        std::uint32_t cp = 0;
        bool valid = !digits.empty() && digits.size() <= 6;
        for (const char d : digits) {
            const auto byte = static_cast<unsigned char>(d);
            if (std::isxdigit(byte) == 0) {
                valid = false;
                break;
            }
            cp = cp * 16 +
                 static_cast<std::uint32_t>(d <= '9' ? d - '0' : (std::tolower(byte) - 'a' + 10));
        }
        if (!valid || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) {
            fail(start, close + 1 - start, std::string(reason));
        }
        m_pos = close + 1;
        std::string out;
        append_utf8(out, cp);
        return out;
    }

    std::string_view m_text;
    FiltersetKind m_kind;
    std::size_t m_pos = 0;
    int m_depth = 0;
    bool m_uses_group = false;
};

} // namespace

std::unique_ptr<FilterNode> parse_filter(std::string_view text, FiltersetKind kind,
                                         bool& uses_group) {
    Parser parser(text, kind);
    auto root = parser.parse();
    uses_group = parser.uses_group();
    return root;
}

std::string_view predicate_name(FilterNode::Op op) {
    for (const Predicate& p : k_predicates) {
        if (p.op == op) {
            return p.name;
        }
    }
    return {};
}

} // namespace ptest::profiles
