// Tests of the `show-slowest` setting: the file's count, the command line's and the errors.
#include "config_helpers.hpp"

#include "profiles/show_slowest.hpp"

#include <doctest/doctest.h>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::show_slowest") {
    TEST_CASE("a profile lists no slowest tests unless it says how many") {
        CHECK(resolve_default("retries = 0").show_slowest == 0);
        CHECK(resolve_default("show-slowest = 7").show_slowest == 7);
    }

    TEST_CASE("a negative count in the file is an error at the value") {
        CHECK(default_error("show-slowest = -1") ==
              "test.toml:2:16: `profile.default.show-slowest`: expected a non-negative integer, "
              "found -1\nshow-slowest = -1\n               ^");
    }

    TEST_CASE("the command line's count is a non-negative integer") {
        CHECK(parse_show_slowest("5") == 5);
        CHECK(parse_show_slowest("0") == 0);
        CHECK(error_of([] { (void)parse_show_slowest("five"); }) ==
              "invalid number of slowest tests `five`: expected a non-negative integer");
        CHECK(error_of([] { (void)parse_show_slowest("-2"); }) ==
              "invalid number of slowest tests `-2`: expected a non-negative integer");
    }
}
