// Tests of the "did you mean" spellchecker.
#include "base/spellcheck.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::base;

TEST_SUITE("base::Spellcheck") {
    TEST_CASE("the edit distance counts insertions, deletions and substitutions") {
        CHECK(edit_distance("ci", "ci") == 0);
        CHECK(edit_distance("ci2", "ci") == 1);
        CHECK(edit_distance("lcoal", "local") == 2);
        CHECK(edit_distance("", "abc") == 3);
        CHECK(edit_distance("kitten", "sitting") == 3);
    }

    TEST_CASE("only a close candidate is suggested") {
        const std::vector<std::string> names{"ci", "default", "local"};
        CHECK(closest_match("ci2", names) == "ci");
        CHECK(closest_match("defualt", names) == "default");
        CHECK_FALSE(closest_match("xyz", names).has_value());
        CHECK_FALSE(closest_match("x", names).has_value());
        CHECK_FALSE(closest_match("anything", {}).has_value());
    }
}
