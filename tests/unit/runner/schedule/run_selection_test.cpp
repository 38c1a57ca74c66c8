// Tests of the selection `RunStarted` describes: each binary once, in the order of its first test,
// with the number of its tests.
#include "runner/schedule/run_selection.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

TestBinary binary(const std::string& id, const std::string& kind) {
    TestBinary made;
    made.id = id;
    made.kind = kind;
    made.path = "/build/" + id;
    return made;
}

} // namespace

TEST_SUITE("runner::add_to_selection") {

    TEST_CASE("each binary is listed once, in the order of its first test, with its test count") {
        const TestBinary math = binary("math", "gtest");
        const TestBinary text = binary("text", "catch2");
        reporter::RunStarted started;
        for (const TestBinary* test_of : {&text, &math, &text, &text, &math}) {
            add_to_selection(started, *test_of);
        }
        CHECK(started.binary_ids == std::vector<std::string>{"text", "math"});
        REQUIRE(started.binaries.size() == 2);
        CHECK(started.binaries[0].id == "text");
        CHECK(started.binaries[0].kind == "catch2");
        CHECK(started.binaries[0].path == "/build/text");
        CHECK(started.binaries[0].tests == 3);
        CHECK(started.binaries[1].tests == 2);
    }

} // TEST_SUITE

} // namespace ptest::runner
