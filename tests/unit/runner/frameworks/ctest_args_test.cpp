// Tests of the helpers the adapters share to read a CTest test's command line.
#include "runner/frameworks/ctest_args.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

TEST_SUITE("runner::ctest_args") {
    TEST_CASE("an option's value is what follows its prefix, even when empty") {
        CHECK(option_value("--gtest_filter=A.B", "--gtest_filter=") == "A.B");
        CHECK(option_value("--gtest_filter=", "--gtest_filter=") == "");
        CHECK_FALSE(option_value("-gtest_filter=A.B", "--gtest_filter=").has_value());
    }

    TEST_CASE("backslash escapes are replaced by the character they escape") {
        CHECK(remove_backslash_escapes("one\\, two \\[x\\]") == "one, two [x]");
        CHECK(remove_backslash_escapes("a\\\\b") == "a\\b");
        CHECK(remove_backslash_escapes("trailing\\") == "trailing\\");
    }

    TEST_CASE("only a character without a backslash before it counts as unescaped") {
        CHECK(has_unescaped("a,b", ','));
        CHECK_FALSE(has_unescaped("a\\,b", ','));
        CHECK(has_unescaped("a\\\\,b", ','));
        CHECK_FALSE(has_unescaped("", ','));
    }

    TEST_CASE("the three mappings carry a case name or a reason, never both") {
        CommandMapping whole = run_whole("why");
        CHECK(whole.mapping == CTestMapping::command);
        CHECK(whole.reason == "why");
        CHECK(whole.case_name.empty());
        CommandMapping one = run_one_case("S.A");
        CHECK(one.mapping == CTestMapping::one_case);
        CHECK(one.case_name == "S.A");
        CHECK(one.reason.empty());
        CHECK(expand_cases().mapping == CTestMapping::expand);
    }
}

} // namespace ptest::runner
