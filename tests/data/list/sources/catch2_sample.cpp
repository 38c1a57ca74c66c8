// Scratch source of the captured outputs in tests/data/list (built by hand with g++).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
TEST_CASE("adds numbers", "[math][fast]") {
    REQUIRE(1 + 1 == 2);
}
TEST_CASE("fails, loudly", "[math]") {
    int a = 1, b = 2;
    CHECK(a == b);
    REQUIRE(a > b);
}
TEST_CASE("throws") {
    throw std::runtime_error("boom");
}
TEST_CASE("crashes") {
    std::abort();
}
TEST_CASE("hidden one", "[.]") {}
TEST_CASE("hidden tagged", "[.slow]") {}
TEST_CASE("hidden bang", "[!hide]") {}
TEST_CASE("Special [brackets] and \\backslash") {}
TEST_CASE("tilde ~ and comma, star*") {}
TEST_CASE("*leading star") {}
TEST_CASE("trailing star*") {}
TEST_CASE("exclude:this") {}
TEST_CASE("Case Clash") {}
TEST_CASE("case clash") {}
TEST_CASE("quote \"inner\" q") {}
TEST_CASE(" spaced ") {}
TEST_CASE("with sections") {
    SECTION("a") {
        CHECK(true);
    }
    SECTION("b") {
        FAIL("explicit fail");
    }
}
TEST_CASE("warns") {
    WARN("note");
}
TEST_CASE("A very long test case name that goes on and on and on past the width of the console for "
          "wrapping purposes yes") {}
TEST_CASE("-dash start") {}
TEST_CASE("#hash start") {}
TEST_CASE("mid*star") {}
TEST_CASE("midxxstar") {}
TEST_CASE("~tilde start") {}
TEST_CASE("[bracket start") {}
TEST_CASE("tab\there") {}
TEST_CASE("plain") {}
