// ptest's one face of JSON, over nlohmann-json: reading documents other tools print (such as
// `ctest --show-only=json-v1`) with errors that name the line and column of the offending byte,
// and writing the JSON ptest prints, with invalid UTF-8 replaced rather than thrown on. Values
// are `nlohmann::ordered_json`, so objects keep their members in document (or insertion) order.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ptest::base::json {

/// A JSON value whose objects keep their members in insertion order. `type_name()` says "null",
/// "boolean", "number", "string", "array" or "object", for messages.
using Value = nlohmann::ordered_json;

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
/// UTF-8, an unpaired surrogate U+FFFD. A string holding bytes that are not UTF-8 is an error
/// (`invalid UTF-8 in a string`: ctest escapes everything outside ASCII, so it never writes one).
/// Nesting deeper than 256 levels is an error, so a hostile document cannot exhaust the stack of
/// later recursive walks. Never throws for a malformed document.
ParseResult parse(std::string_view text);

/// `value` as compact JSON text (`{"a":[1,true]}`), members in their stored order, invalid UTF-8
/// in strings replaced by U+FFFD. Never throws.
std::string dump(const Value& value);

} // namespace ptest::base::json
