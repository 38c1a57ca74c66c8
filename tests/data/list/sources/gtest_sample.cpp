// Scratch source of the captured outputs in tests/data/list (built by hand with g++).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
TEST(Math, Adds) {
    EXPECT_EQ(1 + 1, 2);
}
TEST(Math, Fails) {
    int a = 1, b = 2;
    EXPECT_EQ(a, b) << "custom note";
    EXPECT_TRUE(a > b);
}
TEST(Math, Throws) {
    throw std::runtime_error("boom");
}
TEST(Math, Skips) {
    GTEST_SKIP() << "not today";
}
TEST(Math, Crash) {
    std::abort();
}
TEST(Math, DISABLED_Later) {}
TEST(DISABLED_Off, Case) {}
class Param : public ::testing::TestWithParam<int> {};
TEST_P(Param, NonNegative) {
    EXPECT_GE(GetParam(), 0);
}
INSTANTIATE_TEST_SUITE_P(Small, Param, ::testing::Values(0, 1, 2));
INSTANTIATE_TEST_SUITE_P(DISABLED_Big, Param, ::testing::Values(100));
template <typename T>
class Typed : public ::testing::Test {};
using Types = ::testing::Types<int, double>;
TYPED_TEST_SUITE(Typed, Types);
TYPED_TEST(Typed, DefaultConstructs) {
    TypeParam v{};
    EXPECT_EQ(v, TypeParam{});
}
template <typename T>
class TP : public ::testing::Test {};
TYPED_TEST_SUITE_P(TP);
TYPED_TEST_P(TP, Works) {}
REGISTER_TYPED_TEST_SUITE_P(TP, Works);
INSTANTIATE_TYPED_TEST_SUITE_P(My, TP, Types);
TEST(S, Bare) {
    GTEST_SKIP();
}
TEST(S, FailMsg) {
    std::cout << "some output\n";
    FAIL() << "explicit";
}
TEST(S, Add) {
    ADD_FAILURE() << "added";
    SUCCEED();
}
class F : public ::testing::Test {
protected:
    void SetUp() override { std::cerr << "setup\n"; }
};
TEST_F(F, Pred) {
    int x = 3;
    ASSERT_PRED1([](int v) { return v > 5; }, x);
}
class P : public ::testing::TestWithParam<int> {};
TEST_P(P, Bad) {
    EXPECT_EQ(GetParam(), 1);
}
INSTANTIATE_TEST_SUITE_P(I, P, ::testing::Values(0));
