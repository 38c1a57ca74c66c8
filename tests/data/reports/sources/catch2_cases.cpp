// Cases for capturing Catch2's structured reports (tests/data/reports, scripts/capture-reports).
// Catch2 2.13 (Debian, <catch2/catch.hpp>) or, with -DCATCH_V3, 3.7.1 amalgamated (link its object).
#ifdef CATCH_V3
#include "catch_amalgamated.hpp"
#else
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#endif

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

TEST_CASE("pass", "[basic]") { CHECK(1 == 1); }

TEST_CASE("fail assert", "[basic]") { CHECK(1 == 2); }

TEST_CASE("no newline", "[output]") {
    std::cout << "cout: 42" << std::flush;
    std::cerr << "cerr: 7" << std::flush;
    std::printf("printf: 1");
    std::fflush(stdout);
    std::fprintf(stderr, "fprintf-stderr: 2");
}

// Console lines that imitate Catch2's summary, then a real failure.
TEST_CASE("fake lines", "[output]") {
    std::cout << "===============================================================================\n"
                 "All tests passed (1 assertion in 1 test case)\n\n"
              << std::flush;
    FAIL_CHECK("real failure after fake summary");
}

TEST_CASE("fake then exit", "[output]") {
    std::printf("===============================================================================\n"
                "All tests passed (1 assertion in 1 test case)\n\n");
    std::fflush(stdout);
    std::_Exit(0);
}

#ifdef CATCH_V3
TEST_CASE("runtime skip", "[skip]") { SKIP("skipped at run time"); }
#endif

TEST_CASE("hidden", "[.][skip]") { CHECK(true); }

#ifdef CATCH_V3
// Catch2 v3 accepts one name twice when the tags differ (v2 refuses it at start-up).
TEST_CASE("same name", "[a]") { CHECK(true); }
TEST_CASE("same name", "[b]") { CHECK(false); }
#endif

TEST_CASE("exit zero mid-test", "[exit]") {
    std::printf("before _Exit\n");
    std::fflush(stdout);
    std::_Exit(0);
}

TEST_CASE("throws", "[errors]") { throw std::runtime_error("boom"); }

TEST_CASE("exit(0) mid-test", "[exit]") {
    std::cout << "before exit\n";
    std::exit(0);
}

TEST_CASE("aborts", "[errors]") {
    std::cout << "before abort\n" << std::flush;
    std::abort();
}

// The console listing wraps names longer than its width; the XML listing does not.
TEST_CASE("a rather long test case name that goes on and on past the eighty columns of the console listing",
          "[long]") {
    CHECK(true);
}

// Names with characters that mean something to Catch2's test spec.
TEST_CASE("with, comma", "[special]") { CHECK(true); }
TEST_CASE("with [brackets]", "[special]") { CHECK(true); }
TEST_CASE("with \\ backslash", "[special]") { CHECK(true); }
TEST_CASE(",", "[special]") { CHECK(true); }
TEST_CASE("~tilde *star \"quote\"", "[special]") { CHECK(true); }
