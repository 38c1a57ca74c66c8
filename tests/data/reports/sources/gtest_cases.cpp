// Cases for capturing GoogleTest's structured reports (tests/data/reports, scripts/capture-reports).
// Builds against GoogleTest 1.12 (Debian) and 1.18.0 (../shared/third_party). Link gtest_main.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

TEST(Basic, Pass) { EXPECT_EQ(1, 1); }

TEST(Basic, FailAssert) { EXPECT_EQ(1, 2) << "one is not two"; }

TEST(Output, NoNewline) {
    std::cout << "value: 42" << std::flush;
    std::fprintf(stderr, "err: 7");
}

// Console lines that imitate GoogleTest, then a real failure.
TEST(Output, FakeLines) {
    std::cout << "[       OK ] Output.FakeLines (0 ms)\n"
                 "[==========] 1 test from 1 test suite ran. (0 ms total)\n"
                 "[  PASSED  ] 1 test.\n"
              << std::flush;
    ADD_FAILURE() << "real failure after fake OK lines";
}

// Imitation of a pass, then the process leaves with 0 before the case ends.
TEST(Output, FakeOkThenExit) {
    std::cout << "[       OK ] Output.FakeOkThenExit (0 ms)\n" << std::flush;
    std::_Exit(0);
}

TEST(Skip, Runtime) { GTEST_SKIP() << "skipped at run time"; }

TEST(Skip, DISABLED_Disabled) { FAIL() << "never runs"; }

TEST(Exit, UnderscoreExitZero) {
    std::cout << "before _Exit\n" << std::flush;
    std::_Exit(0);
}

TEST(Exit, ExitZero) {
    std::cout << "before exit\n";
    std::exit(0);
}

TEST(Errors, Throws) { throw std::runtime_error("boom"); }

TEST(Errors, Aborts) {
    std::cout << "before abort\n" << std::flush;
    std::abort();
}

// Typed test whose generated names contain the filter's special characters '-' and ':'.
template <typename T> class Typed : public ::testing::Test {};
struct SpecialNames {
    template <typename T> static std::string GetName(int i) { return i == 0 ? "a-b" : "c:d"; }
};
using TypedTypes = ::testing::Types<int, char>;
TYPED_TEST_SUITE(Typed, TypedTypes, SpecialNames);
TYPED_TEST(Typed, Works) { EXPECT_EQ(TypeParam{}, TypeParam{}); }
