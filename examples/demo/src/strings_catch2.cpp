// A Catch2 suite with tags and a hidden benchmark-style case that ptest lists as ignored.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

} // namespace

TEST_CASE("upper-cases ASCII", "[strings]") {
    REQUIRE(upper("ptest") == "PTEST");
}

TEST_CASE("leaves digits alone", "[strings]") {
    REQUIRE(upper("c++20") == "C++20");
}

TEST_CASE("splits into sections", "[strings]") {
    std::string text = "a,b";
    SECTION("finds the comma") {
        REQUIRE(text.find(',') == 1);
    }
    SECTION("keeps the length") {
        REQUIRE(text.size() == 3);
    }
}

TEST_CASE("a long-running comparison", "[.][benchmark]") {
    REQUIRE(upper(std::string(1000, 'a')).size() == 1000);
}
