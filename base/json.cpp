// The JSON face: nlohmann-json does the parsing and the writing; this file adds what ptest's
// messages need. nlohmann reports an error at the last byte it read and in its own words, so
// `locate` moves the position back to the start of the offending token and `describe` words it
// as ptest always has. A pre-scan turns unpaired surrogate escapes into U+FFFD (same length, so
// positions stay true) and finds the first bracket that nests too deep.
#include "base/json.hpp"

#include <algorithm>
#include <cstdint>

namespace ptest::base::json {

namespace {

constexpr std::size_t k_max_depth = 256;

/// What the pre-scan found: a copy of the text with unpaired surrogates replaced (empty when
/// there were none), and the offset of the first bracket nested deeper than `k_max_depth`.
struct Prescan {
    std::string repaired;
    std::optional<std::size_t> too_deep;
};

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) {
        return std::nullopt;
    }
    std::uint32_t code = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = text[i];
        code <<= 4U;
        if (c >= '0' && c <= '9') {
            code |= static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            code |= static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            code |= static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return code;
}

/// At a `\u` escape starting at `at`: how many bytes it (and its partner) span, replacing an
/// unpaired surrogate by `\ufffd` in `out` (filled lazily from `text`).
std::size_t surrogate_escape(std::string_view text, std::size_t at, std::string& out) {
    const std::optional<std::uint32_t> code = hex4(text, at + 2);
    if (!code || *code < 0xD800 || *code > 0xDFFF) {
        return 2; // Not a surrogate (or malformed: the parser reports it).
    }
    if (*code <= 0xDBFF && text.substr(at + 6, 2) == "\\u") {
        if (const std::optional<std::uint32_t> low = hex4(text, at + 8);
            low && *low >= 0xDC00 && *low <= 0xDFFF) {
            return 12;
        }
    }
    if (out.empty()) {
        out = std::string(text);
    }
    out.replace(at + 2, 4, "fffd");
    return 6;
}

Prescan prescan(std::string_view text) {
    Prescan result;
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\' && i + 1 < text.size()) {
                i += text[i + 1] == 'u' ? surrogate_escape(text, i, result.repaired) : 2;
                continue;
            }
            in_string = c != '"';
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > k_max_depth) {
                result.too_deep = i;
                return result;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        ++i;
    }
    return result;
}

/// How nlohmann says that the document should have ended.
constexpr std::string_view k_after_document = "; expected end of input";

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

/// The start of the literal whose bytes end just before `at` (`tru` in `tru]`).
std::size_t literal_start(std::string_view text, std::size_t at) {
    while (at > 0 && text[at - 1] >= 'a' && text[at - 1] <= 'z') {
        --at;
    }
    return at;
}

/// A parse error from nlohmann: the byte it stopped at (`position`, 1-based, counting a read of
/// the end of input), the token it was reading, and its message.
struct Failure {
    std::size_t position = 0;
    std::string token;
    std::string what;
};

/// An offset in the text and what is wrong there.
using Located = std::pair<std::size_t, std::string>;

/// For an error of nlohmann's lexer (a token it could not read), which stops at the offending
/// byte `last`: the position and ptest's words; empty for an error of the parser.
std::optional<Located> describe_lexer_error(std::string_view text, std::string_view what,
                                            std::size_t last) {
    if (contains(what, "invalid literal")) {
        const std::size_t start = literal_start(text, last);
        if (contains(what, k_after_document)) {
            return Located{start, "unexpected text after the document"};
        }
        const char first = start < text.size() ? text[start] : '\0';
        if (first == 't' || first == 'f' || first == 'n') {
            const char* word = first == 't' ? "true" : first == 'f' ? "false" : "null";
            return Located{start, std::string("invalid literal (expected `") + word + "`)"};
        }
        return Located{start, "unexpected character (expected a value)"};
    }
    if (contains(what, "expected digit after '-'")) {
        return Located{last > 0 ? last - 1 : 0, "unexpected character (expected a value)"};
    }
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"missing closing quote", "unterminated string"},
        {"forbidden character after backslash", "invalid escape in a string"},
        {"must be followed by 4 hex digits", "expected four hex digits after `\\u`"},
        {"control character", "control character in a string"},
        {"ill-formed UTF-8", "invalid UTF-8 in a string"},
        {"expected digit after '.'", "expected a digit after `.`"},
        {"exponent", "expected a digit in the exponent"},
        {"invalid string", "invalid string"},
        {"invalid number", "invalid number"},
    };
    for (const auto& [theirs, ours] : k_words) {
        if (contains(what, theirs)) {
            return Located{last, std::string(ours)};
        }
    }
    return std::nullopt;
}

/// The offset of the offending token's first byte, and ptest's words for what was wrong.
Located describe(std::string_view text, const Failure& failure) {
    const std::string_view what = failure.what;
    // The last byte read: the end of the offending token, or the byte the lexer refused.
    const std::size_t last = std::min(failure.position > 0 ? failure.position - 1 : 0, text.size());
    if (std::optional<Located> lexer = describe_lexer_error(text, what, last)) {
        return *lexer;
    }
    // A whole token was read where it does not belong: point at its first byte.
    std::size_t length = 1;
    if (contains(what, "unexpected end of input")) {
        length = 0;
    } else if (contains(what, "unexpected string literal") ||
               contains(what, "unexpected number literal")) {
        length = failure.token.size();
    } else if (contains(what, "unexpected true literal") ||
               contains(what, "unexpected null literal")) {
        length = 4;
    } else if (contains(what, "unexpected false literal")) {
        length = 5;
    }
    const std::size_t start = length == 0 ? last : last + 1 - std::min(length, last + 1);
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {k_after_document, "unexpected text after the document"},
        {"parsing object separator", "expected `:` after an object key"},
        {"parsing object key", "expected a string (an object key)"},
        {"parsing object -", "expected `,` or `}` in an object"},
        {"parsing array -", "expected `,` or `]` in an array"},
    };
    for (const auto& [theirs, ours] : k_words) {
        if (contains(what, theirs)) {
            return {start, std::string(ours)};
        }
    }
    return {start, length == 0 ? "unexpected end of input (expected a value)"
                               : "unexpected character (expected a value)"};
}

ParseError error_at(std::string_view text, std::size_t offset, std::string message) {
    ParseError error;
    error.message = std::move(message);
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++error.line;
            error.column = 1;
        } else {
            ++error.column;
        }
    }
    return error;
}

/// nlohmann's own DOM builder, keeping the parse error (with the token it was reading, which the
/// exception does not carry) instead of throwing it.
class Builder : public nlohmann::detail::json_sax_dom_parser<Value> {
public:
    Builder(Value& result, std::optional<Failure>& failure)
        : json_sax_dom_parser(result, false), m_failure(failure) {}

    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& error) {
        m_failure = Failure{position, token, error.what()};
        return false;
    }

private:
    std::optional<Failure>& m_failure;
};

} // namespace

ParseResult parse(std::string_view text) {
    const Prescan scanned = prescan(text);
    // Parse no further than the bracket that nests too deep: an error before it comes first.
    std::string_view input = scanned.repaired.empty() ? text : std::string_view(scanned.repaired);
    input = input.substr(0, scanned.too_deep.value_or(input.size()));
    ParseResult result;
    Value root;
    std::optional<Failure> failure;
    Builder builder(root, failure);
    const bool parsed = Value::sax_parse(input.begin(), input.end(), &builder);
    if (failure && (!scanned.too_deep || failure->position <= *scanned.too_deep)) {
        auto [offset, message] = describe(input, *failure);
        result.error = error_at(text, offset, std::move(message));
    } else if (scanned.too_deep) {
        result.error = error_at(text, *scanned.too_deep, "nesting too deep");
    } else if (parsed) {
        result.value = std::move(root);
    }
    return result;
}

std::string dump(const Value& value) {
    return value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
}

} // namespace ptest::base::json
