// Catch2 cases of the example project. ptest_discover_tests() gives them GREETING and the source
// directory as working directory.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

TEST_CASE("the greeting comes from ptest_discover_tests", "[env]") {
    const char* greeting = std::getenv("GREETING");
    REQUIRE(greeting != nullptr);
    CHECK(std::string(greeting) == "hello");
}

TEST_CASE("the working directory is the source directory", "[cwd]") {
    std::ifstream self("text_test.cpp");
    CHECK(self.good());
}

TEST_CASE("strings concatenate") {
    CHECK(std::string("pt") + "est" == "ptest");
}
