// Tests of evaluating a filter expression knowing only the binary (`matches_binary`), as for a
// binary whose tests could not be listed: binary predicates decide, test predicates leave the
// answer open, and `and`, `or` and `not` combine the three values as Kleene's logic does.
#include "profiles/filterset/filterset.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace ptest::profiles;

namespace {

FilterQuery binary_only() {
    FilterQuery query;
    query.binary_id = "unit-tests";
    query.binary_name = "unit_tests";
    query.kind = "gtest";
    return query;
}

std::optional<bool> for_binary(const std::string& text) {
    return Filterset::parse(text, FiltersetKind::command_line).matches_binary(binary_only());
}

} // namespace

TEST_SUITE("profiles::Filterset::matches_binary") {
    TEST_CASE("binary, binary_id and kind decide; test, label, group and default leave it open") {
        CHECK(for_binary("binary_id(unit-tests)") == true);
        CHECK(for_binary("binary_id(other)") == false);
        CHECK(for_binary("binary(unit_tests)") == true);
        CHECK(for_binary("kind(catch2)") == false);
        CHECK(for_binary("all()") == true);
        CHECK(for_binary("none()") == false);
        CHECK(for_binary("test(=Math.Adds)") == std::nullopt);
        CHECK(for_binary("label(slow)") == std::nullopt);
        CHECK(for_binary("group(serial)") == std::nullopt);
        CHECK(for_binary("default()") == std::nullopt);
        CHECK(Filterset().matches_binary(binary_only()) == true);
    }

    TEST_CASE("and, or and not combine known and open answers") {
        CHECK(for_binary("binary_id(other) and test(x)") == false);
        CHECK(for_binary("binary_id(unit-tests) and test(x)") == std::nullopt);
        CHECK(for_binary("binary_id(unit-tests) or test(x)") == true);
        CHECK(for_binary("binary_id(other) or test(x)") == std::nullopt);
        CHECK(for_binary("binary_id(other) or kind(gtest)") == true);
        CHECK(for_binary("not test(x)") == std::nullopt);
        CHECK(for_binary("not binary_id(other)") == true);
        CHECK(for_binary("binary_id(unit-tests) - kind(gtest)") == false);
    }
}
