// Tests of selecting the one case of a binary whose listing failed: its real cases are unknown, so
// only what is known of the binary (expressions and the default filter on its id, file name and
// kind) can leave it out; name filters, --skip and --run-ignored cannot.
#include "runner/list/selection.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

namespace {

/// `listed` with one case, and `broken`, whose listing failed.
TestList list_with_unlisted() {
    TestList list;
    TestBinary listed;
    listed.id = "listed";
    listed.kind = "gtest";
    TestCase adds;
    adds.name = "Math.Adds";
    listed.cases = {adds};
    TestBinary broken;
    broken.id = "broken";
    broken.path = "/build/broken_test";
    broken.kind = "gtest";
    ListingFailure failure;
    failure.message = "could not list";
    failure.problem = "listing exited with code 1";
    broken.listing_failure = failure;
    TestCase listing;
    listing.name = k_listing_case;
    broken.cases = {listing};
    list.binaries = {listed, broken};
    return list;
}

std::vector<std::string> ids(const std::vector<TestRef>& refs) {
    std::vector<std::string> out;
    for (const TestRef& ref : refs) {
        out.push_back(ref.binary->id + ":" + ref.test->name);
    }
    return out;
}

using Names = std::vector<std::string>;

SelectionOptions with_expression(const std::string& text) {
    SelectionOptions options;
    options.expressions.push_back(
        profiles::Filterset::parse(text, profiles::FiltersetKind::command_line));
    return options;
}

} // namespace

TEST_SUITE("runner::selection of an unlisted binary") {
    TEST_CASE("name filters, --skip and --run-ignored cannot leave it out") {
        TestList list = list_with_unlisted();
        SelectionOptions options;
        options.filters = {"Nothing.Matches"};
        options.skip = {"listing"};
        options.run_ignored = RunIgnored::only;
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"broken:(listing)"});
        CHECK(ids(selection.skipped) == Names{"listed:Math.Adds"});
    }

    TEST_CASE("an expression selects it unless no test of its binary can match") {
        TestList list = list_with_unlisted();
        CHECK(ids(select_tests(list, with_expression("test(=Math.Adds)")).run) ==
              Names{"listed:Math.Adds", "broken:(listing)"});
        CHECK(ids(select_tests(list, with_expression("binary_id(listed)")).run) ==
              Names{"listed:Math.Adds"});
        CHECK(ids(select_tests(list, with_expression("binary(broken_test) and test(x)")).run) ==
              Names{"broken:(listing)"});
        Selection kind = select_tests(list, with_expression("kind(catch2)"));
        CHECK(kind.run.empty());
        CHECK(ids(kind.skipped) == Names{"listed:Math.Adds", "broken:(listing)"});
    }

    TEST_CASE("a default filter that excludes its binary leaves it out unless ignored") {
        TestList list = list_with_unlisted();
        SelectionOptions options;
        options.default_filter = profiles::Filterset::parse(
            "not binary_id(broken)", profiles::FiltersetKind::default_filter);
        CHECK(ids(select_tests(list, options).run) == Names{"listed:Math.Adds"});
        options.ignore_default_filter = true;
        CHECK(ids(select_tests(list, options).run) ==
              Names{"listed:Math.Adds", "broken:(listing)"});
    }
}

} // namespace ptest::runner
