// Tests of the text helpers the framework adapters share.
#include "runner/frameworks/output_text.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

TEST_SUITE("runner::output_text") {
    TEST_CASE("a location prefix is the last file:line before the wanted text") {
        auto simple = split_location("math.cpp:12: Failure", "Failure");
        REQUIRE(simple.has_value());
        CHECK(simple->location == "math.cpp:12");
        CHECK(simple->rest == "Failure");
        auto tricky = split_location("dir: odd/x.cpp:7: ERROR: CHECK( s == \"a: b\" )", "ERROR: ");
        REQUIRE(tricky.has_value());
        CHECK(tricky->location == "dir: odd/x.cpp:7");
        CHECK_FALSE(split_location("unknown file: Failure", "Failure").has_value());
        CHECK_FALSE(split_location("x.cpp:: Failure", "Failure").has_value());
        CHECK_FALSE(split_location("x.cpp:12: Skipped", "Failure").has_value());
    }

    TEST_CASE("blocks join with the separator between them") {
        CHECK(join_blocks({{"a", "b"}, {"c"}}, "\n") == "a\nb\n\nc\n");
        CHECK(join_blocks({}, "\n").empty());
    }
}

} // namespace ptest::runner
