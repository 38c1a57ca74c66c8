// GoogleTest cases of the example project.
#include <gtest/gtest.h>

#include <numeric>
#include <vector>

TEST(Math, Adds) {
    EXPECT_EQ(2 + 2, 4);
}

TEST(Math, Sums) {
    std::vector<int> values{1, 2, 3, 4};
    EXPECT_EQ(std::accumulate(values.begin(), values.end(), 0), 10);
}

class Square : public ::testing::TestWithParam<int> {};

TEST_P(Square, IsNonNegative) {
    EXPECT_GE(GetParam() * GetParam(), 0);
}

INSTANTIATE_TEST_SUITE_P(Small, Square, ::testing::Values(-2, 0, 3));
