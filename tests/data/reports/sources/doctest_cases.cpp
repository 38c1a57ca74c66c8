// Cases for capturing doctest's structured reports (tests/data/reports, scripts/capture-reports).
// doctest 2.4.9 (Debian, <doctest/doctest.h>) or 2.5.2 (../shared/third_party, "doctest.h").
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#ifdef DOCTEST_UPSTREAM
#include "doctest.h"
#else
#include <doctest/doctest.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

TEST_CASE("pass") { CHECK(1 == 1); }

TEST_CASE("fail assert") { CHECK(1 == 2); }

TEST_CASE("no newline") {
    std::cout << "cout: 42" << std::flush;
    std::fprintf(stderr, "stderr: 7");
}

// Console lines that imitate doctest's summary, then a real failure.
TEST_CASE("fake lines") {
    std::cout << "===============================================================================\n"
                 "[doctest] test cases: 1 | 1 passed | 0 failed | 0 skipped\n"
                 "[doctest] Status: SUCCESS!\n"
              << std::flush;
    FAIL_CHECK("real failure after fake summary");
}

TEST_CASE("fake then exit") {
    std::cout << "[doctest] Status: SUCCESS!\n" << std::flush;
    std::_Exit(0);
}

TEST_CASE("skipped" * doctest::skip()) { CHECK(false); }

TEST_CASE("exit zero mid-test") {
    std::cout << "before _Exit\n" << std::flush;
    std::_Exit(0);
}

TEST_CASE("throws") { throw std::runtime_error("boom"); }

TEST_CASE("exit(0) mid-test") {
    std::cout << "before exit\n";
    std::exit(0);
}

TEST_CASE("aborts") {
    std::cout << "before abort\n" << std::flush;
    std::abort();
}

// Two cases with the same name (first passes, second fails), and template instances.
TEST_CASE("dup") { CHECK(true); }
TEST_CASE("dup") { CHECK(false); }

TEST_CASE_TEMPLATE("tmpl", T, int, char) { CHECK(T{} == T{}); }

TEST_SUITE("suite") {
    TEST_CASE("in suite, with comma") { CHECK(true); }
}
