// A GoogleTest suite as a user would write one: plain, parameterised, and one test that depends on
// a flaky resource (it fails on its first attempt, so ptest's retries show it as FLAKY).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
}

int attempt() {
    const char* value = std::getenv("PTEST_ATTEMPT");
    return value == nullptr ? 1 : std::atoi(value);
}

} // namespace

TEST(Gcd, OfCoprimesIsOne) {
    EXPECT_EQ(gcd(9, 28), 1);
}
TEST(Gcd, OfMultiplesIsTheSmaller) {
    EXPECT_EQ(gcd(12, 36), 12);
}
TEST(Gcd, WithZeroIsTheOther) {
    EXPECT_EQ(gcd(0, 7), 7);
}

class Squares : public testing::TestWithParam<int> {};
TEST_P(Squares, AreNonNegative) {
    EXPECT_GE(GetParam() * GetParam(), 0);
}
INSTANTIATE_TEST_SUITE_P(Small, Squares, testing::Values(-3, 0, 4));

TEST(Network, ReachesTheMirrorOnRetry) {
    // Stands in for a test that needs a service that is sometimes slow to answer.
    EXPECT_GE(attempt(), 2) << "the mirror did not answer on attempt " << attempt();
}

TEST(Cache, WarmsUp) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    SUCCEED();
}
