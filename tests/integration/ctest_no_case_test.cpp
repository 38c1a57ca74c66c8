// `--build-dir` on a CTest test whose binary lists no case: ctest runs it and counts it, so ptest
// runs it whole (judged by its exit code) with a note, instead of dropping it. CLI11 2.1's
// OptionalTest, a Catch2 binary with no case without std::optional, is the real one.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::itest;

TEST_SUITE("integration::ctest") {
    TEST_CASE("a whole binary that lists no case runs whole, as ctest runs it, with a note") {
        TempDir dir;
        const fs::path cmake = find_program("cmake");
        REQUIRE_MESSAGE(!cmake.empty(), "`cmake` is not on PATH");
        // A --gtest_filter pattern that GoogleTest's listing honours and nothing matches: the
        // binary lists no case, and run whole it runs none and exits 0.
        write_file(dir / "src/CMakeLists.txt", "cmake_minimum_required(VERSION 3.22)\n"
                                               "project(no_case LANGUAGES NONE)\n"
                                               "enable_testing()\n"
                                               "add_test(NAME empty COMMAND \"" +
                                                   fixture("gtest_basic").string() +
                                                   "\" \"--gtest_filter=Nothing.Here*\")\n"
                                                   "add_test(NAME cases COMMAND \"" +
                                                   fixture("gtest_basic").string() +
                                                   "\" \"--gtest_filter=Math.Adds\")\n");
        Result configured =
            run(cmake, {"-S", (dir / "src").string(), "-B", (dir / "build").string()});
        INFO("cmake output:\n" << configured.out << configured.err);
        REQUIRE(configured.exit_code == 0);
        write_file(dir / "ws/.config/ptest.toml",
                   "[profile.default.junit]\npath = \"junit.xml\"\n");

        Result listed = run_ptest({"list", "--build-dir", (dir / "build").string(), "--workspace",
                                   (dir / "ws").string()});
        INFO("ptest list:\n" << listed.out << listed.err);
        CHECK(listed.exit_code == 0);
        CHECK(
            contains(listed.err,
                     "CTest test `empty` is a GoogleTest binary run whole: it lists no test case"));

        Result result = run_ptest({"run", "--build-dir", (dir / "build").string(), "--workspace",
                                   (dir / "ws").string(), "--color", "never"});
        INFO("ptest run:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::map<std::pair<std::string, std::string>, std::string> outcomes =
            junit_outcomes(dir / "ws/junit.xml");
        CHECK(outcomes.size() == 2);
        CHECK(outcomes[{"empty", "empty"}] == "pass");
        CHECK(outcomes[{"cases", "Math.Adds"}] == "pass");
    }
}
