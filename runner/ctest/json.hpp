// A small JSON reader (RFC 8259) for the documents ptest consumes, such as `ctest
// --show-only=json-v1`. It builds a plain tree of values; object members keep their document order.
// Nothing is streamed: the documents it reads are small.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ptest::runner::json {

class Value;

/// An object's members in document order (duplicates kept; `find` returns the first).
using Members = std::vector<std::pair<std::string, Value>>;
using Array = std::vector<Value>;

/// A number as written, with its value as a double.
struct Number {
    double value = 0;
    std::string text; ///< The literal as it appeared (`77`, `5.5`, `1e3`).
};

/// One JSON value.
class Value {
public:
    using Storage = std::variant<std::nullptr_t, bool, Number, std::string, Array, Members>;

    Value() : m_storage(nullptr) {}
    explicit Value(Storage storage) : m_storage(std::move(storage)) {}

    [[nodiscard]] bool is_null() const { return std::holds_alternative<std::nullptr_t>(m_storage); }
    [[nodiscard]] bool is_bool() const { return std::holds_alternative<bool>(m_storage); }
    [[nodiscard]] bool is_number() const { return std::holds_alternative<Number>(m_storage); }
    [[nodiscard]] bool is_string() const { return std::holds_alternative<std::string>(m_storage); }
    [[nodiscard]] bool is_array() const { return std::holds_alternative<Array>(m_storage); }
    [[nodiscard]] bool is_object() const { return std::holds_alternative<Members>(m_storage); }

    /// The stored value; calling the wrong accessor throws `std::bad_variant_access`.
    [[nodiscard]] bool as_bool() const { return std::get<bool>(m_storage); }
    [[nodiscard]] const Number& as_number() const { return std::get<Number>(m_storage); }
    [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(m_storage); }
    [[nodiscard]] const Array& as_array() const { return std::get<Array>(m_storage); }
    [[nodiscard]] const Members& as_object() const { return std::get<Members>(m_storage); }

    /// The first member named `key` of an object; nullptr when absent or not an object.
    [[nodiscard]] const Value* find(std::string_view key) const;

    /// "null", "boolean", "number", "string", "array" or "object", for messages.
    [[nodiscard]] std::string_view type_name() const;

private:
    Storage m_storage;
};

/// Where and why parsing failed (1-based line and column of the offending byte).
struct ParseError {
    std::string message;
    std::size_t line = 1;
    std::size_t column = 1;
};

/// The result of `parse`: a value, or the first error.
struct ParseResult {
    std::optional<Value> value;
    std::optional<ParseError> error;
};

/// Parse one JSON document (whitespace around it allowed, nothing else). `\u` escapes become
/// UTF-8; an unpaired surrogate becomes U+FFFD. Nesting deeper than 256 levels is an error, so a
/// hostile document cannot exhaust the stack.
ParseResult parse(std::string_view text);

} // namespace ptest::runner::json
