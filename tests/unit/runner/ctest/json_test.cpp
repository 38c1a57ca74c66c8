// Tests of the small JSON reader used for `ctest --show-only=json-v1`.
#include "runner/ctest/json.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ptest::runner::json {

namespace {

std::string error_of(std::string_view text) {
    ParseResult result = parse(text);
    REQUIRE(result.error.has_value());
    return std::to_string(result.error->line) + ":" + std::to_string(result.error->column) + ": " +
           result.error->message;
}

} // namespace

TEST_SUITE("runner::json") {
    TEST_CASE("a document with every kind of value keeps members in document order") {
        ParseResult result = parse(R"( {"b": [1, -2.5e1, true, false, null], "a": {"x": "y"}} )");
        REQUIRE_FALSE(result.error.has_value());
        const Value& root = *result.value;
        REQUIRE(root.is_object());
        REQUIRE(root.as_object().size() == 2);
        CHECK(root.as_object()[0].first == "b");
        CHECK(root.as_object()[1].first == "a");
        const Array& items = root.find("b")->as_array();
        REQUIRE(items.size() == 5);
        CHECK(items[0].as_number().value == 1);
        CHECK(items[0].as_number().text == "1");
        CHECK(items[1].as_number().value == -25);
        CHECK(items[2].as_bool());
        CHECK_FALSE(items[3].as_bool());
        CHECK(items[4].is_null());
        CHECK(root.find("a")->find("x")->as_string() == "y");
        CHECK(root.find("missing") == nullptr);
        CHECK(items[0].find("x") == nullptr);
    }

    TEST_CASE("string escapes become the characters they stand for, in UTF-8") {
        ParseResult result = parse(R"("q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800x")");
        REQUIRE_FALSE(result.error.has_value());
        CHECK(result.value->as_string() ==
              "q\" b\\ s/ \b\f\n\r\t \xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBDx");
    }

    TEST_CASE("empty containers parse") {
        CHECK(parse("[]").value->as_array().empty());
        CHECK(parse("{ }").value->as_object().empty());
    }

    TEST_CASE("malformed documents name the line, the column and what was expected") {
        CHECK(error_of("") == "1:1: unexpected end of input (expected a value)");
        CHECK(error_of("{\n  \"a\" 1}") == "2:7: expected `:` after an object key");
        CHECK(error_of("[1, 2") == "1:6: expected `,` or `]` in an array");
        CHECK(error_of("{\"a\": 1,}") == "1:9: expected a string (an object key)");
        CHECK(error_of("\"abc") == "1:5: unterminated string");
        CHECK(error_of("\"a\\x\"") == "1:4: invalid escape in a string");
        CHECK(error_of("\"\\u12g4\"") == "1:6: expected four hex digits after `\\u`");
        CHECK(error_of("tru") == "1:1: invalid literal (expected `true`)");
        CHECK(error_of("01") == "1:2: unexpected text after the document");
        CHECK(error_of("1.") == "1:3: expected a digit after `.`");
        CHECK(error_of("-") == "1:1: unexpected character (expected a value)");
        CHECK(error_of("[1] x") == "1:5: unexpected text after the document");
        CHECK(error_of("\"a\nb\"") == "1:3: control character in a string");
    }

    TEST_CASE("deep nesting is refused instead of exhausting the stack") {
        std::string deep(100000, '[');
        CHECK(error_of(deep) == "1:257: nesting too deep");
        std::string fine = std::string(200, '[') + std::string(200, ']');
        CHECK_FALSE(parse(fine).error.has_value());
    }
}

} // namespace ptest::runner::json
