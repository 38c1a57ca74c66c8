// Scratch source of the captured outputs in tests/data/list (built by hand with g++).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdlib>
#include <stdexcept>
TEST_CASE("adds numbers") {
    CHECK(1 + 1 == 2);
}
TEST_CASE("fails, loudly") {
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
TEST_CASE("skipped one" * doctest::skip()) {
    CHECK(false);
}
TEST_CASE("star*name") {}
TEST_CASE("q?mark") {}
TEST_SUITE("Alpha") {
    TEST_CASE("in suite") {
        CHECK(true);
    }
    TEST_CASE("same name") {}
}
TEST_SUITE("Beta") {
    TEST_CASE("same name") {}
    TEST_CASE("comma, name") {}
}
TEST_CASE("with <xml> & \"quotes\"") {}
TEST_CASE("subcases") {
    SUBCASE("a") {
        CHECK(true);
    }
    SUBCASE("b") {
        FAIL("explicit");
    }
}
TEST_CASE("dup") {}
TEST_CASE("warns") {
    WARN(1 == 2);
    MESSAGE("hello");
}
