// The JSON reader: a recursive-descent parser over a string_view with a position for messages.
#include "runner/ctest/json.hpp"

#include <charconv>
#include <cstdint>

namespace ptest::runner::json {

const Value* Value::find(std::string_view key) const {
    if (!is_object()) {
        return nullptr;
    }
    for (const auto& [name, value] : as_object()) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

std::string_view Value::type_name() const {
    switch (m_storage.index()) {
    case 0:
        return "null";
    case 1:
        return "boolean";
    case 2:
        return "number";
    case 3:
        return "string";
    case 4:
        return "array";
    default:
        return "object";
    }
}

namespace {

constexpr int k_max_depth = 256;

/// Thrown inside the parser only; `parse` turns it into a `ParseError`.
struct Failure {
    std::string message;
    std::size_t offset;
};

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    Value document() {
        skip_space();
        Value value = parse_value(0);
        skip_space();
        if (m_pos != m_text.size()) {
            fail("unexpected text after the document");
        }
        return value;
    }

private:
    [[noreturn]] void fail(std::string message) const { throw Failure{std::move(message), m_pos}; }

    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }

    [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }

    void expect_word(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) {
            fail("invalid literal (expected `" + std::string(word) + "`)");
        }
        m_pos += word.size();
    }

    Value parse_value(int depth) {
        if (at_end()) {
            fail("unexpected end of input (expected a value)");
        }
        switch (m_text[m_pos]) {
        case '{':
            return parse_object(depth + 1);
        case '[':
            return parse_array(depth + 1);
        case '"':
            return Value(parse_string());
        case 't':
            expect_word("true");
            return Value(true);
        case 'f':
            expect_word("false");
            return Value(false);
        case 'n':
            expect_word("null");
            return Value(nullptr);
        default:
            return Value(parse_number());
        }
    }

    Value parse_object(int depth) {
        if (depth > k_max_depth) {
            fail("nesting too deep");
        }
        ++m_pos; // '{'
        Members members;
        skip_space();
        if (!at_end() && m_text[m_pos] == '}') {
            ++m_pos;
            return Value(std::move(members));
        }
        while (true) {
            skip_space();
            if (at_end() || m_text[m_pos] != '"') {
                fail("expected a string (an object key)");
            }
            std::string key = parse_string();
            skip_space();
            if (at_end() || m_text[m_pos] != ':') {
                fail("expected `:` after an object key");
            }
            ++m_pos;
            skip_space();
            Value value = parse_value(depth);
            members.emplace_back(std::move(key), std::move(value));
            skip_space();
            if (!at_end() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (!at_end() && m_text[m_pos] == '}') {
                ++m_pos;
                return Value(std::move(members));
            }
            fail("expected `,` or `}` in an object");
        }
    }

    Value parse_array(int depth) {
        if (depth > k_max_depth) {
            fail("nesting too deep");
        }
        ++m_pos; // '['
        Array items;
        skip_space();
        if (!at_end() && m_text[m_pos] == ']') {
            ++m_pos;
            return Value(std::move(items));
        }
        while (true) {
            skip_space();
            items.push_back(parse_value(depth));
            skip_space();
            if (!at_end() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (!at_end() && m_text[m_pos] == ']') {
                ++m_pos;
                return Value(std::move(items));
            }
            fail("expected `,` or `]` in an array");
        }
    }

    Number parse_number() {
        std::size_t start = m_pos;
        auto digits = [&] {
            std::size_t from = m_pos;
            while (!at_end() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                ++m_pos;
            }
            return m_pos - from;
        };
        if (!at_end() && m_text[m_pos] == '-') {
            ++m_pos;
        }
        if (!at_end() && m_text[m_pos] == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            m_pos = start;
            fail("unexpected character (expected a value)");
        }
        if (!at_end() && m_text[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0) {
                fail("expected a digit after `.`");
            }
        }
        if (!at_end() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (!at_end() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
                ++m_pos;
            }
            if (digits() == 0) {
                fail("expected a digit in the exponent");
            }
        }
        Number number;
        number.text = std::string(m_text.substr(start, m_pos - start));
        // strtod would honour the locale's decimal point; from_chars does not.
        std::from_chars(number.text.data(), number.text.data() + number.text.size(), number.value);
        return number;
    }

    static void append_utf8(std::string& out, std::uint32_t code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    std::uint32_t hex4() {
        if (m_pos + 4 > m_text.size()) {
            fail("expected four hex digits after `\\u`");
        }
        std::uint32_t code = 0;
        for (int i = 0; i < 4; ++i) {
            char c = m_text[m_pos++];
            code <<= 4U;
            if (c >= '0' && c <= '9') {
                code |= static_cast<std::uint32_t>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                code |= static_cast<std::uint32_t>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                code |= static_cast<std::uint32_t>(c - 'A' + 10);
            } else {
                --m_pos;
                fail("expected four hex digits after `\\u`");
            }
        }
        return code;
    }

    std::string parse_string() {
        ++m_pos; // '"'
        std::string out;
        while (true) {
            if (at_end()) {
                fail("unterminated string");
            }
            char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("control character in a string");
            }
            if (c != '\\') {
                out += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (at_end()) {
                fail("unterminated string");
            }
            char escape = m_text[m_pos++];
            switch (escape) {
            case '"':
            case '\\':
            case '/':
                out += escape;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                std::uint32_t code = hex4();
                if (code >= 0xD800 && code <= 0xDBFF && m_text.substr(m_pos, 2) == "\\u") {
                    std::size_t saved = m_pos;
                    m_pos += 2;
                    std::uint32_t low = hex4();
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
                    } else {
                        m_pos = saved; // Not a pair: the high half stands alone.
                        code = 0xFFFD;
                    }
                } else if (code >= 0xD800 && code <= 0xDFFF) {
                    code = 0xFFFD;
                }
                append_utf8(out, code);
                break;
            }
            default:
                --m_pos;
                fail("invalid escape in a string");
            }
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

ParseResult parse(std::string_view text) {
    ParseResult result;
    try {
        result.value = Parser(text).document();
    } catch (const Failure& failure) {
        ParseError error;
        error.message = failure.message;
        std::size_t offset = std::min(failure.offset, text.size());
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++error.line;
                error.column = 1;
            } else {
                ++error.column;
            }
        }
        result.error = std::move(error);
    }
    return result;
}

} // namespace ptest::runner::json
