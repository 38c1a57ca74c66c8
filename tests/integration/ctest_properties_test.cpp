// CTest settings that decide whether and how long ctest runs a test, on a real build tree
// (tests/fixtures/ctest_properties, configured into a temporary directory; it compiles nothing):
// ptest runs exactly the tests ctest runs, fails the ones ctest counts as not run, and stops a
// test when ctest would.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Configure the fixture project into `dir/build`.
fs::path configure_properties_project(const TempDir& dir) {
    fs::path build = dir / "build";
    fs::path cmake = find_program("cmake");
    REQUIRE_MESSAGE(!cmake.empty(), "`cmake` is not on PATH");
    Result configured =
        run(cmake, {"-S", (source_dir() / "tests/fixtures/ctest_properties").string(), "-B",
                    build.string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// Whether `output` has a line whose status is `status` (`PASS`, `XFAIL`, ...) for the CTest test
/// `name` run as one test (binary and case both named `name`).
bool reported(const std::string& output, const std::string& status, const std::string& name) {
    std::istringstream lines(output);
    std::string line;
    std::string tail = "] " + name + " " + name;
    while (std::getline(lines, line)) {
        if (contains(line, " " + status + " [") && line.size() >= tail.size() &&
            line.compare(line.size() - tail.size(), tail.size(), tail) == 0) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE("integration::ctest_properties") {

    TEST_CASE("a test whose REQUIRED_FILES are missing fails without running, as under ctest") {
        TempDir dir;
        fs::path build = configure_properties_project(dir);
        fs::path ctest_program = find_program("ctest");
        REQUIRE_MESSAGE(!ctest_program.empty(), "`ctest` is not on PATH");
        Result ctest = run(ctest_program, {"-j2", "-R", "^required[.]"}, {build, {}, {}});
        INFO("ctest:\n" << ctest.out);
        CHECK(ctest.exit_code != 0);
        CHECK(contains(ctest.out, "required.missing (Not Run)"));
        CHECK(contains(ctest.out, "required.relative-elsewhere (Not Run)"));
        CHECK(contains(ctest.out, "50% tests passed, 2 tests failed out of 4"));

        Result ptest =
            run_ptest({"run", "--build-dir", build.string(), "--workspace", dir.path().string(),
                       "--no-fail-fast", "--color", "never", "--binary-id", "required.*"});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 100);
        CHECK(contains(ptest.err, "4 tests run: 2 passed, 0 failed, 2 exec failed"));
        CHECK(reported(ptest.err, "PASS", "required.present"));
        CHECK(reported(ptest.err, "PASS", "required.relative"));
        CHECK(reported(ptest.err, "XFAIL", "required.missing"));
        CHECK(reported(ptest.err, "XFAIL", "required.relative-elsewhere"));
        CHECK(contains(ptest.err, "refused: its REQUIRED_FILES `" +
                                      (build / "data/absent.txt").string() +
                                      "` does not exist (ctest does not run it either)"));
        CHECK(contains(ptest.err, "refused: its REQUIRED_FILES `data/input.txt` does not exist"));
        Result list =
            run_ptest({"list", "--build-dir", build.string(), "--workspace", dir.path().string()});
        CHECK(!contains(list.err, "REQUIRED_FILES is not honoured"));
    }

    TEST_CASE("a test without TIMEOUT gets the build tree's default timeout, as under ctest") {
        TempDir dir;
        fs::path build = configure_properties_project(dir);
        fs::path ctest_program = find_program("ctest");
        REQUIRE_MESSAGE(!ctest_program.empty(), "`ctest` is not on PATH");
        Result ctest = run(ctest_program, {"-j3", "-R", "^timeout[.]"}, {build, {}, {}});
        INFO("ctest:\n" << ctest.out);
        CHECK(contains(ctest.out, "timeout.default (Timeout)"));
        CHECK(contains(ctest.out, "67% tests passed, 1 tests failed out of 3"));

        Result ptest =
            run_ptest({"run", "--build-dir", build.string(), "--workspace", dir.path().string(),
                       "--no-fail-fast", "--color", "never", "-j3", "--binary-id", "timeout.*"});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 100);
        CHECK(reported(ptest.err, "TIMEOUT", "timeout.default"));
        CHECK(reported(ptest.err, "PASS", "timeout.zero"));
        CHECK(reported(ptest.err, "PASS", "timeout.own"));
        CHECK(ptest.leftovers.empty());
    }
}
