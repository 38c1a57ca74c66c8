// Tests of ENVIRONMENT and ENVIRONMENT_MODIFICATION as ctest applies them.
#include "runner/ctest/ctest_environment.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

TEST_SUITE("runner::ctest_environment") {
    TEST_CASE("ENVIRONMENT sets variables over the base environment") {
        std::vector<std::string> problems;
        EnvironmentChanges changes =
            apply_ctest_environment({"A=base", "B=keep"}, {"A=1", "C=x=y"}, {}, problems);
        CHECK(problems.empty());
        CHECK(changes.set == std::map<std::string, std::string>{{"A", "1"}, {"C", "x=y"}});
        CHECK(changes.unset.empty());
    }

    TEST_CASE("every ENVIRONMENT_MODIFICATION operation builds on the value so far") {
        std::vector<std::string> problems;
        EnvironmentChanges changes = apply_ctest_environment(
            {"PATH=/usr/bin", "S=mid", "L=a", "GONE=1", "R=base"}, {"R=env"},
            {"PATH=path_list_prepend:/opt/bin", "PATH=path_list_append:/late", "S=string_prepend:<",
             "S=string_append:>", "L=cmake_list_append:b", "L=cmake_list_prepend:z",
             "NEW=path_list_append:/only", "GONE=unset:", "R=set:changed", "R=reset:", "X=set:1",
             "X=string_append:2"},
            problems);
        CHECK(problems.empty());
        CHECK(changes.set.at("PATH") == "/opt/bin:/usr/bin:/late");
        CHECK(changes.set.at("S") == "<mid>");
        CHECK(changes.set.at("L") == "z;a;b");
        CHECK(changes.set.at("NEW") == "/only"); // No separator before the first element.
        CHECK(changes.set.at("R") == "env");     // reset: back to the value ENVIRONMENT gave.
        CHECK(changes.set.at("X") == "12");
        CHECK(changes.unset == std::vector<std::string>{"GONE"});
    }

    TEST_CASE("unset then set again sets, and set then unset unsets") {
        std::vector<std::string> problems;
        EnvironmentChanges changes = apply_ctest_environment(
            {"A=1", "B=2"}, {"B=3"}, {"A=unset:", "A=string_append:x", "B=unset:"}, problems);
        CHECK(changes.set.at("A") == "x");
        CHECK(changes.set.count("B") == 0);
        CHECK(changes.unset == std::vector<std::string>{"B"});
    }

    TEST_CASE("entries ctest would reject are reported") {
        std::vector<std::string> problems;
        apply_ctest_environment({}, {"NOEQUALS"}, {"NOEQ", "A=nocolon", "A=frobnicate:1"},
                                problems);
        REQUIRE(problems.size() == 4);
        CHECK(problems[0] == "ENVIRONMENT entry `NOEQUALS` has no `NAME=`; ignored");
        CHECK(problems[1] == "ENVIRONMENT_MODIFICATION entry `NOEQ` has no `=` after the variable "
                             "name; ignored");
        CHECK(problems[2] == "ENVIRONMENT_MODIFICATION entry `A=nocolon` has no `:` after the "
                             "operation; ignored");
        CHECK(problems[3] == "ENVIRONMENT_MODIFICATION entry `A=frobnicate:1` has an unknown "
                             "operation `frobnicate`; ignored");
    }
}

} // namespace ptest::runner
