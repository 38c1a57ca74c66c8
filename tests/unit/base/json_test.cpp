// Tests of ptest's JSON face over nlohmann-json: reading with ptest's error positions and words
// (what `ctest --show-only=json-v1` errors show), and writing that never throws on bad UTF-8.
#include "base/json.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ptest::base::json {

namespace {

std::string error_of(std::string_view text) {
    ParseResult result = parse(text);
    REQUIRE(result.error.has_value());
    return std::to_string(result.error->line) + ":" + std::to_string(result.error->column) + ": " +
           result.error->message;
}

} // namespace

TEST_SUITE("base::json") {
    TEST_CASE("a document with every kind of value keeps members in document order") {
        ParseResult result = parse(R"( {"b": [1, -2.5e1, true, false, null], "a": {"x": "y"}} )");
        REQUIRE_FALSE(result.error.has_value());
        const Value& root = *result.value;
        REQUIRE(root.is_object());
        REQUIRE(root.size() == 2);
        CHECK(root.begin().key() == "b");
        CHECK(std::next(root.begin()).key() == "a");
        const Value& items = root.at("b");
        REQUIRE(items.size() == 5);
        CHECK(items[0].get<double>() == 1);
        CHECK(dump(items[0]) == "1");
        CHECK(items[1].get<double>() == -25);
        CHECK(items[2].get<bool>());
        CHECK_FALSE(items[3].get<bool>());
        CHECK(items[4].is_null());
        CHECK(root.at("a").at("x").get<std::string>() == "y");
        CHECK(root.find("missing") == root.end());
    }

    TEST_CASE("string escapes become the characters they stand for, in UTF-8") {
        ParseResult result = parse(R"("q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \ud800x")");
        REQUIRE_FALSE(result.error.has_value());
        CHECK(result.value->get<std::string>() ==
              "q\" b\\ s/ \b\f\n\r\t \xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBDx");
    }

    TEST_CASE("empty containers parse") {
        CHECK(parse("[]").value->empty());
        CHECK(parse("{ }").value->is_object());
        CHECK(parse("{ }").value->empty());
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

    TEST_CASE("an error points at the first byte of a token that does not belong") {
        CHECK(error_of("{\"a\" 12}") == "1:6: expected `:` after an object key");
        CHECK(error_of("{\"a\" \"bc\"}") == "1:6: expected `:` after an object key");
        CHECK(error_of("{\"a\": 1 \"x\"}") == "1:9: expected `,` or `}` in an object");
        CHECK(error_of("[true false]") == "1:7: expected `,` or `]` in an array");
        CHECK(error_of("[tru]") == "1:2: invalid literal (expected `true`)");
        CHECK(error_of("[1,]") == "1:4: unexpected character (expected a value)");
        CHECK(error_of("1e") == "1:3: expected a digit in the exponent");
        CHECK(error_of("[\"ok\", \"bad \xFF\"]") == "1:13: invalid UTF-8 in a string");
    }

    TEST_CASE("deep nesting is refused instead of exhausting the stack") {
        std::string deep(100000, '[');
        CHECK(error_of(deep) == "1:257: nesting too deep");
        std::string fine = std::string(200, '[') + std::string(200, ']');
        CHECK_FALSE(parse(fine).error.has_value());
        // An error before the deep part is the one reported.
        CHECK(error_of("[x" + deep) == "1:2: unexpected character (expected a value)");
    }

    TEST_CASE("writing keeps insertion order, escapes as RFC 8259 asks and replaces bad UTF-8") {
        Value object = Value::object();
        object["z"] = "tab\there \"quoted\" \x01 \xC3\xA9";
        object["a"] = Value::array({true, nullptr, 7});
        CHECK(dump(object) ==
              "{\"z\":\"tab\\there \\\"quoted\\\" \\u0001 \xC3\xA9\",\"a\":[true,null,7]}");
        CHECK(dump(Value("bad \xFF byte")) == "\"bad \xEF\xBF\xBD byte\"");
        CHECK(dump(Value("cut \xE2\x82")) == "\"cut \xEF\xBF\xBD\"");
    }
}

} // namespace ptest::base::json
