// Tests of how a CTest command maps to ptest work, per framework.
#include "runner/ctest/ctest_mapping.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

CTestMapping mapping_of(std::string_view kind, const std::vector<std::string>& args) {
    return map_ctest_command(kind, args).mapping;
}

std::string case_of(std::string_view kind, const std::vector<std::string>& args) {
    CommandMapping mapped = map_ctest_command(kind, args);
    REQUIRE(mapped.mapping == CTestMapping::one_case);
    return mapped.case_name;
}

} // namespace

TEST_SUITE("runner::ctest_mapping") {
    TEST_CASE("a program that is no test binary is a command, with no reason to note") {
        CommandMapping mapped = map_ctest_command("", {"-c", "true"});
        CHECK(mapped.mapping == CTestMapping::command);
        CHECK(mapped.reason.empty());
    }

    TEST_CASE("GoogleTest: no filter or a pattern expands, an exact filter is one case") {
        CHECK(mapping_of("gtest", {}) == CTestMapping::expand);
        CHECK(mapping_of("gtest", {"--gtest_filter=Math.*"}) == CTestMapping::expand);
        CHECK(mapping_of("gtest", {"--gtest_filter=A.B:C.D"}) == CTestMapping::expand);
        CHECK(mapping_of("gtest", {"--gtest_filter=-A.B"}) == CTestMapping::expand);
        // What gtest_discover_tests registers.
        CHECK(case_of("gtest", {"--gtest_filter=Inst/Suite.Case/3",
                                "--gtest_also_run_disabled_tests"}) == "Inst/Suite.Case/3");
        // The last filter is the one GoogleTest uses.
        CHECK(case_of("gtest", {"--gtest_filter=*", "--gtest_filter=A.B"}) == "A.B");
        CHECK(map_ctest_command("gtest", {"--gtest_list_tests"}).mapping == CTestMapping::command);
    }

    TEST_CASE("Catch2: one exact test spec is one case, named without its escapes") {
        CHECK(mapping_of("catch2", {}) == CTestMapping::expand);
        CHECK(mapping_of("catch2", {"--order", "rand", "-w", "NoTests"}) == CTestMapping::expand);
        // What catch_discover_tests registers for `one, two [x]`.
        CHECK(case_of("catch2", {"one\\, two \\[x\\]"}) == "one, two [x]");
        CHECK(case_of("catch2", {"--use-colour", "no", "plain name"}) == "plain name");
        CHECK(mapping_of("catch2", {"[tag]"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"a,b"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"Fast*"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"~slow"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"one", "two"}) == CTestMapping::command);
        CommandMapping reporter = map_ctest_command("catch2", {"-r", "junit"});
        CHECK(reporter.mapping == CTestMapping::command);
        CHECK(reporter.reason == "its arguments replace Catch2's console report");
    }

    TEST_CASE("Catch2 v3: catch_discover_tests registrations map to their case, or run whole with "
              "their own report") {
        // The escaped name alone, with `\\` escaped too (3.x escapes `\\`, `,`, `[`, `]`).
        CHECK(case_of("catch2", {"a\\\\b\\, c"}) == "a\\b, c");
        CHECK(case_of("catch2", {"--colour-mode", "none", "plain name"}) == "plain name");
        // REPORTER and OUTPUT_DIR come as one argument each: the report is the user's.
        CHECK(mapping_of("catch2", {"passes", "--reporter junit"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"passes", "--reporter junit", "--out /b/out/passes.xml"}) ==
              CTestMapping::command);
        CHECK(mapping_of("catch2", {"passes", "--out /b/out/passes.xml"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"passes", "-o", "/b/out/passes.xml"}) == CTestMapping::command);
        CHECK(mapping_of("catch2", {"passes", "--reporter:xml"}) == CTestMapping::command);
    }

    TEST_CASE("doctest: one exact --test-case is one case; other filters make a command") {
        CHECK(mapping_of("doctest", {}) == CTestMapping::expand);
        CHECK(mapping_of("doctest", {"--no-breaks"}) == CTestMapping::expand);
        CHECK(case_of("doctest", {"--test-case=t1"}) == "t1");
        CHECK(case_of("doctest", {"-tc=a\\,b"}) == "a,b");
        CHECK(case_of("doctest", {"--dt-test-case=x y"}) == "x y");
        CHECK(mapping_of("doctest", {"-tc=a*"}) == CTestMapping::command);
        CHECK(mapping_of("doctest", {"-tc=a,b"}) == CTestMapping::command);
        CHECK(mapping_of("doctest", {"-tc=a", "-ts=s"}) == CTestMapping::command);
        CHECK(mapping_of("doctest", {"--test-suite=s"}) == CTestMapping::command);
        CHECK(mapping_of("doctest", {"--reporters=xml"}) == CTestMapping::command);
    }
}

} // namespace ptest::runner
