// Tests of the child environment: which inherited variables ptest drops (framework selectors,
// Bazel's test protocol, an outer ptest's per-test variables), which it keeps, and how a binary's
// configured variables override inherited ones without leaving duplicates.
#include "runner/process/environment.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

namespace ptest::runner {

TEST_SUITE("runner::environment") {
    TEST_CASE("framework, Bazel and per-test ptest variables are removed") {
        const char* removed[] = {"GTEST_FILTER",
                                 "GTEST_OUTPUT",
                                 "GTEST_",
                                 "TESTBRIDGE_TEST_ONLY",
                                 "XML_OUTPUT_FILE",
                                 "TEST_SHARD_INDEX",
                                 "TEST_TOTAL_SHARDS",
                                 "TEST_SHARD_STATUS_FILE",
                                 "TEST_PREMATURE_EXIT_FILE",
                                 "BAZEL_TEST",
                                 "PTEST",
                                 "PTEST_RUN_ID",
                                 "PTEST_PROFILE",
                                 "PTEST_BINARY_ID",
                                 "PTEST_TEST_NAME",
                                 "PTEST_ATTEMPT",
                                 "PTEST_TOTAL_ATTEMPTS",
                                 "PTEST_WORKSPACE_ROOT",
                                 "PTEST_TEST_GROUP",
                                 "PTEST_TEST_GLOBAL_SLOT",
                                 "PTEST_TEST_GROUP_SLOT"};
        for (const char* name : removed) {
            CAPTURE(name);
            CHECK(is_removed_variable(name));
        }
    }

    TEST_CASE("ordinary variables and near misses are kept") {
        const char* kept[] = {"PATH",
                              "HOME",
                              "GTEST",
                              "gtest_filter",
                              "MY_GTEST_FILTER",
                              "TESTBRIDGE",
                              "TEST_SHARD",
                              "TEST_TMPDIR",
                              "PTEST_FIXTURE_NOISE_MIB",
                              "PTEST_ATTEMPTS",
                              "XML_OUTPUT",
                              "",
                              "NO_COLOR"};
        for (const char* name : kept) {
            CAPTURE(name);
            CHECK_FALSE(is_removed_variable(name));
        }
    }

    TEST_CASE("cleaning an environment keeps the other entries in their order") {
        const char* environ_entries[] = {
            "PATH=/usr/bin", "GTEST_FILTER=Only.This", "HOME=/home/user", "PTEST_ATTEMPT=3",
            "EMPTY=",        "TESTBRIDGE_TEST_ONLY=x", "EQUALS=a=b",      "XML_OUTPUT_FILE=out.xml",
            nullptr};
        std::vector<std::string> cleaned = clean_environment(environ_entries);
        CHECK(cleaned ==
              std::vector<std::string>{"PATH=/usr/bin", "HOME=/home/user", "EMPTY=", "EQUALS=a=b"});
    }

    TEST_CASE("cleaning an empty or missing environment gives nothing") {
        const char* empty[] = {nullptr};
        CHECK(clean_environment(empty).empty());
        CHECK(clean_environment(nullptr).empty());
    }

    TEST_CASE("merging overrides existing names once and appends new ones") {
        std::vector<std::string> base{"PATH=/usr/bin", "LANG=C", "HOME=/root", "LANG_X=1"};
        std::map<std::string, std::string> overrides{{"LANG", "C.UTF-8"}, {"NEW", "value"}};
        std::vector<std::string> merged = merge_environment(base, overrides);
        CHECK(merged == std::vector<std::string>{"PATH=/usr/bin", "HOME=/root", "LANG_X=1",
                                                 "LANG=C.UTF-8", "NEW=value"});
    }

    TEST_CASE("merging removes every duplicate of an overridden name") {
        std::vector<std::string> base{"A=1", "B=2", "A=3"};
        std::vector<std::string> merged = merge_environment(base, {{"A", "4"}});
        CHECK(merged == std::vector<std::string>{"B=2", "A=4"});
    }

    TEST_CASE("merging with no overrides returns the base unchanged") {
        std::vector<std::string> base{"A=1", "B=", "C=x=y"};
        CHECK(merge_environment(base, {}) == base);
    }

    TEST_CASE("an override may set an empty value") {
        std::vector<std::string> merged = merge_environment({"A=1"}, {{"A", ""}});
        CHECK(merged == std::vector<std::string>{"A="});
    }
}

} // namespace ptest::runner
