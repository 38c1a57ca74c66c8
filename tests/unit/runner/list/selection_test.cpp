// Tests of test selection: substring filters (any one matches), --exact whole-name filters,
// --skip patterns, --run-ignored default/only/all, -E expressions and the default filter, over a
// two-binary list whose order the selection must keep.
#include "base/error.hpp"

#include "runner/list/selection.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

namespace {

/// A listed case named `name`.
TestCase make_case(const std::string& name, bool ignored = false) {
    TestCase test;
    test.name = name;
    test.ignored = ignored;
    return test;
}

/// Two binaries: `unit` with three cases (one ignored) and `slow` with two (one ignored).
TestList sample_list() {
    TestList list;
    TestBinary unit;
    unit.id = "unit";
    unit.cases = {make_case("Math.Adds"), make_case("Math.AddsMore"),
                  make_case("Math.DISABLED_Later", true)};
    TestBinary slow;
    slow.id = "slow";
    slow.cases = {make_case("Net.Connects"), make_case("Net.Hidden", true)};
    list.binaries = {unit, slow};
    return list;
}

/// `binary_id:name` of each reference, in order.
std::vector<std::string> ids(const std::vector<TestRef>& refs) {
    std::vector<std::string> out;
    for (const TestRef& ref : refs) {
        out.push_back(ref.binary->id + ":" + ref.test->name);
    }
    return out;
}

using Names = std::vector<std::string>;

profiles::Filterset expr(const std::string& text) {
    return profiles::Filterset::parse(text, profiles::FiltersetKind::command_line);
}

profiles::Filterset default_expr(const std::string& text) {
    return profiles::Filterset::parse(text, profiles::FiltersetKind::default_filter);
}

} // namespace

TEST_SUITE("runner::selection") {
    TEST_CASE("with no options every non-ignored test runs in list order") {
        TestList list = sample_list();
        Selection selection = select_tests(list, {});
        CHECK(ids(selection.run) ==
              Names{"unit:Math.Adds", "unit:Math.AddsMore", "slow:Net.Connects"});
        CHECK(ids(selection.skipped) == Names{"unit:Math.DISABLED_Later", "slow:Net.Hidden"});
    }

    TEST_CASE("a filter selects every test whose name contains it") {
        TestList list = sample_list();
        SelectionOptions options;
        options.filters = {"Adds"};
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.Adds", "unit:Math.AddsMore"});
        CHECK(ids(selection.skipped) ==
              Names{"unit:Math.DISABLED_Later", "slow:Net.Connects", "slow:Net.Hidden"});
    }

    TEST_CASE("several filters select a test that matches any of them") {
        TestList list = sample_list();
        SelectionOptions options;
        options.filters = {"Connects", "AddsMore"};
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.AddsMore", "slow:Net.Connects"});
    }

    TEST_CASE("with --exact a filter must equal the whole name") {
        TestList list = sample_list();
        SelectionOptions options;
        options.filters = {"Math.Adds", "Net"};
        options.exact = true;
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.Adds"});
    }

    TEST_CASE("--skip removes tests whose name contains a pattern") {
        TestList list = sample_list();
        SelectionOptions options;
        options.skip = {"Adds"};
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"slow:Net.Connects"});
        CHECK(ids(selection.skipped) == Names{"unit:Math.Adds", "unit:Math.AddsMore",
                                              "unit:Math.DISABLED_Later", "slow:Net.Hidden"});
    }

    TEST_CASE("--skip with --exact removes only the test of that exact name") {
        TestList list = sample_list();
        SelectionOptions options;
        options.skip = {"Math.Adds"};
        options.exact = true;
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.AddsMore", "slow:Net.Connects"});
    }

    TEST_CASE("--skip wins over a filter that also matches") {
        TestList list = sample_list();
        SelectionOptions options;
        options.filters = {"Math"};
        options.skip = {"More"};
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.Adds"});
    }

    TEST_CASE("--run-ignored only runs just the ignored tests") {
        TestList list = sample_list();
        SelectionOptions options;
        options.run_ignored = RunIgnored::only;
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"unit:Math.DISABLED_Later", "slow:Net.Hidden"});
        CHECK(ids(selection.skipped) ==
              Names{"unit:Math.Adds", "unit:Math.AddsMore", "slow:Net.Connects"});
    }

    TEST_CASE("--run-ignored all runs ignored and non-ignored tests alike") {
        TestList list = sample_list();
        SelectionOptions options;
        options.run_ignored = RunIgnored::all;
        options.filters = {"Net"};
        Selection selection = select_tests(list, options);
        CHECK(ids(selection.run) == Names{"slow:Net.Connects", "slow:Net.Hidden"});
        CHECK(selection.skipped.size() == 3);
    }

    TEST_CASE("--run-ignored accepts default, only, ignored-only and all") {
        CHECK(parse_run_ignored("default") == RunIgnored::default_);
        CHECK(parse_run_ignored("only") == RunIgnored::only);
        CHECK(parse_run_ignored("ignored-only") == RunIgnored::only);
        CHECK(parse_run_ignored("all") == RunIgnored::all);
    }

    TEST_CASE("a bad --run-ignored value is a usage error that lists the valid values") {
        for (const char* bad : {"none", "ONLY", ""}) {
            CAPTURE(bad);
            try {
                parse_run_ignored(bad);
                FAIL("no error for a bad value");
            } catch (const Error& error) {
                CHECK(error.code() == ExitCode::usage);
                CHECK(std::string(error.what()) == "invalid --run-ignored value `" +
                                                       std::string(bad) +
                                                       "` (expected default, only or all)");
            }
        }
    }

    TEST_CASE("an empty list selects nothing") {
        Selection selection = select_tests(TestList{}, {});
        CHECK(selection.run.empty());
        CHECK(selection.skipped.empty());
    }

    TEST_CASE("-E expressions select their union, intersected with the name filters") {
        TestList list = sample_list();
        SelectionOptions options;
        options.expressions = {expr("binary_id(slow)"), expr("test(=Math.Adds)")};
        CHECK(ids(select_tests(list, options).run) == Names{"unit:Math.Adds", "slow:Net.Connects"});
        options.filters = {"Net"};
        CHECK(ids(select_tests(list, options).run) == Names{"slow:Net.Connects"});
    }

    TEST_CASE("-E does not bring back ignored tests, which --run-ignored governs") {
        TestList list = sample_list();
        SelectionOptions options;
        options.expressions = {expr("test(Hidden) | test(DISABLED)")};
        CHECK(select_tests(list, options).run.empty());
        options.run_ignored = RunIgnored::only;
        CHECK(ids(select_tests(list, options).run) ==
              Names{"unit:Math.DISABLED_Later", "slow:Net.Hidden"});
    }

    TEST_CASE("the default filter limits every selection unless it is ignored") {
        TestList list = sample_list();
        SelectionOptions options;
        options.default_filter = default_expr("not binary_id(slow)");
        CHECK(ids(select_tests(list, options).run) ==
              Names{"unit:Math.Adds", "unit:Math.AddsMore"});
        // An explicit expression is still intersected with the default set, as in nextest.
        options.expressions = {expr("all()")};
        CHECK(ids(select_tests(list, options).run) ==
              Names{"unit:Math.Adds", "unit:Math.AddsMore"});
        options.ignore_default_filter = true;
        CHECK(ids(select_tests(list, options).run) ==
              Names{"unit:Math.Adds", "unit:Math.AddsMore", "slow:Net.Connects"});
        // default() still names the default set when it is ignored.
        options.expressions = {expr("not default()")};
        CHECK(ids(select_tests(list, options).run) == Names{"slow:Net.Connects"});
    }

    TEST_CASE("group() asks for each test's group only when an expression uses it") {
        TestList list = sample_list();
        SelectionOptions options;
        int asked = 0;
        options.group_of = [&](const TestRef& ref, bool) {
            ++asked;
            return ref.binary->id == "slow" ? std::string("serial") : std::string("@global");
        };
        options.expressions = {expr("test(Net)")};
        CHECK(ids(select_tests(list, options).run) == Names{"slow:Net.Connects"});
        CHECK(asked == 0);
        options.expressions = {expr("group(serial)")};
        CHECK(ids(select_tests(list, options).run) == Names{"slow:Net.Connects"});
        CHECK(asked > 0);
    }
}

} // namespace ptest::runner
