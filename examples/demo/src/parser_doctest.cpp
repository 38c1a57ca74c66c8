// A doctest suite with test suites, as a user's parser tests might look.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace {

std::optional<int> parse_int(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

TEST_SUITE("parse_int") {
    TEST_CASE("reads digits") {
        CHECK(parse_int("42") == 42);
    }
    TEST_CASE("rejects letters") {
        CHECK_FALSE(parse_int("4x").has_value());
    }
    TEST_CASE("rejects the empty string") {
        CHECK_FALSE(parse_int("").has_value());
    }
}

TEST_CASE("round-trips through to_string") {
    CHECK(parse_int(std::to_string(1234)) == 1234);
}
