// Name matchers of filter expressions (see name_matcher.hpp).
#include "profiles/filterset/name_matcher.hpp"

#include <cctype>
#include <re2/re2.h>
#include <stdexcept>
#include <vector>

namespace ptest::profiles {

namespace {

std::shared_ptr<const re2::RE2> compile(const std::string& pattern, bool dot_matches_newline,
                                        std::string_view what) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(dot_matches_newline);
    auto regex = std::make_shared<const re2::RE2>(pattern, options);
    if (!regex->ok()) {
        throw std::invalid_argument("invalid " + std::string(what) + ": " + regex->error());
    }
    return regex;
}

bool is_ascii_punct(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80U && std::ispunct(byte) != 0;
}

// The body of a `[...]` class starting after `[` at `glob[i]`, as an RE2 class; `i` ends past `]`.
std::string translate_class(std::string_view glob, std::size_t& i) {
    const std::size_t open = i - 1;
    std::string out = "[";
    if (i < glob.size() && (glob[i] == '!' || glob[i] == '^')) {
        out += '^';
        ++i;
    }
    const std::size_t body_start = i;
    // A `]` right after `[` (or `[!`) is a member, not the end.
    while (i < glob.size() && (glob[i] != ']' || i == body_start)) {
        const char c = glob[i];
        const bool range_dash =
            c == '-' && i != body_start && i + 1 < glob.size() && glob[i + 1] != ']';
        if (range_dash || !is_ascii_punct(c)) {
            out += c;
        } else {
            out += '\\';
            out += c;
        }
        ++i;
    }
    if (i >= glob.size()) {
        throw std::invalid_argument("invalid glob: unclosed `[` at offset " + std::to_string(open));
    }
    ++i; // the closing `]`
    return out + ']';
}

} // namespace

std::string glob_to_regex(std::string_view glob) {
    std::string out = "^(?:";
    std::string literal;
    std::vector<std::size_t> open_braces;
    auto flush = [&] {
        out += re2::RE2::QuoteMeta(literal);
        literal.clear();
    };
    std::size_t i = 0;
    while (i < glob.size()) {
        const char c = glob[i++];
        if (c == '*') {
            flush();
            while (i < glob.size() && glob[i] == '*') {
                ++i; // `**` means the same as `*`: names have no path separators to respect.
            }
            out += ".*";
        } else if (c == '?') {
            flush();
            out += '.';
        } else if (c == '[') {
            flush();
            out += translate_class(glob, i);
        } else if (c == '{') {
            flush();
            open_braces.push_back(i - 1);
            out += "(?:";
        } else if (c == ',' && !open_braces.empty()) {
            flush();
            out += '|';
        } else if (c == '}' && !open_braces.empty()) {
            flush();
            open_braces.pop_back();
            out += ')';
        } else {
            literal += c;
        }
    }
    if (!open_braces.empty()) {
        throw std::invalid_argument("invalid glob: unclosed `{` at offset " +
                                    std::to_string(open_braces.back()));
    }
    flush();
    return out + ")$";
}

NameMatcher::NameMatcher(MatcherKind kind, std::string text)
    : m_kind(kind), m_text(std::move(text)) {
    if (m_kind == MatcherKind::regex) {
        m_regex = compile(m_text, false, "regex");
    } else if (m_kind == MatcherKind::glob) {
        m_regex = compile(glob_to_regex(m_text), true, "glob");
    }
}

bool NameMatcher::matches(std::string_view name) const {
    switch (m_kind) {
    case MatcherKind::equal:
        return name == m_text;
    case MatcherKind::contains:
        return name.find(m_text) != std::string_view::npos;
    case MatcherKind::regex:
        return re2::RE2::PartialMatch(name, *m_regex);
    case MatcherKind::glob:
        return re2::RE2::FullMatch(name, *m_regex);
    }
    return false;
}

std::string NameMatcher::describe() const {
    if (m_kind == MatcherKind::regex) {
        std::string out = "/";
        for (const char c : m_text) {
            if (c == '/') {
                out += '\\';
            }
            out += c;
        }
        return out + '/';
    }
    std::string out;
    switch (m_kind) {
    case MatcherKind::equal:
        out = "=";
        break;
    case MatcherKind::contains:
        out = "~";
        break;
    case MatcherKind::glob:
        out = "#";
        break;
    case MatcherKind::regex:
        break;
    }
    for (const char c : m_text) {
        switch (c) {
        case '\\':
        case ')':
        case ',':
        case '/':
            out += '\\';
            out += c;
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace ptest::profiles
