// ptest's CMake package end to end: `cmake --install` into a temporary prefix, then projects
// configured and built against it. The example project (examples/cmake-project: a GoogleTest and a
// Catch2 binary) runs three ways: `ptest run --build-dir`, the `ptest` build target and plain
// ctest. A consumer (tests/fixtures/cmake_consumer: GoogleTest, doctest and Boost.Test binaries)
// registers each with `ptest_discover_tests(target)` and no KIND, and must run case by case; KIND
// takes every framework and refuses anything else; and a registered program with no framework in
// it runs whole with a note while everything else runs.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Run a build tool, failing the test (with its output) when it fails.
Result run_tool(const std::string& name, const std::vector<std::string>& args,
                const Options& options = {}) {
    fs::path tool = find_program(name);
    REQUIRE_MESSAGE(!tool.empty(), "`" << name << "` is not on PATH");
    Result result = run(tool, args, options);
    INFO(name << " output:\n" << result.out << result.err);
    REQUIRE(result.exit_code == 0);
    return result;
}

/// Install the built ptest into `dir/prefix` and return the prefix.
fs::path install_ptest(const TempDir& dir) {
    fs::path prefix = dir / "prefix";
    run_tool("cmake", {"--install", PTEST_BINARY_DIR, "--prefix", prefix.string()});
    return prefix;
}

/// The arguments that configure `source` into `build` with Ninja against the ptest in `prefix`,
/// through ccache when there is one, then `extra`.
std::vector<std::string> configure_args(const fs::path& source, const fs::path& build,
                                        const fs::path& prefix,
                                        const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"-S",
                                     source.string(),
                                     "-B",
                                     build.string(),
                                     "-G",
                                     "Ninja",
                                     "-DCMAKE_PREFIX_PATH=" + prefix.string()};
    if (!find_program("ccache").empty()) {
        args.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

/// `text` with every run of whitespace made one space (CMake wraps its error messages).
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space) {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    return out;
}

/// Whether `output` has a line reporting that `name` (binary, then case) passed.
bool passed(const std::string& output, const std::string& name) {
    std::istringstream lines(output);
    std::string line;
    std::string tail = "] " + name;
    while (std::getline(lines, line)) {
        if (contains(line, "PASS [") && line.size() >= tail.size() &&
            line.compare(line.size() - tail.size(), tail.size(), tail) == 0) {
            return true;
        }
    }
    return false;
}

/// The cases of tests/fixtures/cmake_consumer, as ptest names them (binary, then case).
const std::vector<std::string>& consumer_cases() {
    static const std::vector<std::string> cases = {
        "gtest_cases Consumer.Adds",     "gtest_cases Consumer.Concatenates",
        "gtest_cases Consumer.Compares", "doctest_cases doctest adds",
        "doctest_cases doctest counts",  "doctest_cases consumer/doctest in a suite",
        "boost_cases arithmetic/adds",   "boost_cases arithmetic/multiplies",
        "boost_cases text/is_empty"};
    return cases;
}

} // namespace

TEST_SUITE("integration::ctest_package") {

    TEST_CASE("the installed package builds and runs the example through ptest, its target and "
              "ctest") {
        TempDir dir;
        fs::path prefix = install_ptest(dir);
        CHECK(::access((prefix / "bin/ptest").c_str(), X_OK) == 0);
        CHECK(fs::exists(prefix / "share/man/man1/ptest.1"));
        CHECK(fs::exists(prefix / "share/doc/ptest/README.md"));
        CHECK(fs::exists(prefix / "share/doc/ptest/ctest.md"));
        CHECK(fs::exists(prefix / "lib/cmake/ptest/ptestConfig.cmake"));
        CHECK(fs::exists(prefix / "lib/cmake/ptest/ptestConfigVersion.cmake"));

        fs::path build = dir / "build";
        run_tool("cmake", configure_args(source_dir() / "examples/cmake-project", build, prefix,
                                         {"-DPTEST_PROFILE=ci"}));
        run_tool("cmake", {"--build", build.string(), "--target", "math_test", "text_test"});
        // The example names no KIND: ptest detects both frameworks.
        CHECK(contains(read_file(build / "ptest/discovered/math_test.toml"), "kind = \"auto\""));
        CHECK(contains(read_file(build / "ptest/discovered/text_test.toml"), "kind = \"auto\""));

        // ptest run --build-dir: every case of both binaries, each in its own process.
        fs::create_directories(dir / "elsewhere");
        Result ptest =
            run(prefix / "bin/ptest", {"run", "--build-dir", build.string(), "--color", "never"},
                {dir / "elsewhere", {}, {}});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 0);
        CHECK(contains(ptest.err, "8 tests run: 8 passed"));
        CHECK(contains(ptest.err, "math_test Small/Square.IsNonNegative/0"));
        CHECK(contains(ptest.err, "text_test the greeting comes from ptest_discover_tests"));
        CHECK(ptest.leftovers.empty());

        // The `ptest` target: builds the binaries, then runs ptest with PTEST_PROFILE.
        Result target = run_tool("cmake", {"--build", build.string(), "--target", "ptest"});
        CHECK(contains(target.out + target.err, "8 tests run: 8 passed"));
        CHECK(contains(target.out + target.err, "profile: ci"));

        // Plain ctest runs each binary whole, as before.
        Result ctest = run_tool("ctest", {"--test-dir", build.string()});
        CHECK(contains(ctest.out, "100% tests passed, 0 tests failed out of 2"));
    }

    TEST_CASE("ptest_discover_tests() without KIND runs each case of a GoogleTest, a doctest and a "
              "Boost.Test binary through the ptest target and ptest run --build-dir") {
        TempDir dir;
        fs::path prefix = install_ptest(dir);
        fs::path build = dir / "build";
        run_tool("cmake",
                 configure_args(source_dir() / "tests/fixtures/cmake_consumer", build, prefix));
        for (const char* name : {"gtest_cases", "doctest_cases", "boost_cases"}) {
            CAPTURE(name);
            fs::path record = build / "ptest/discovered" / (std::string(name) + ".toml");
            CHECK(contains(read_file(record), "kind = \"auto\""));
        }

        // The `ptest` target builds the three binaries, then runs their nine cases one by one.
        Result target = run_tool("cmake", {"--build", build.string(), "--target", "ptest"});
        std::string target_output = target.out + target.err;
        INFO("ptest target output:\n" << target_output);
        CHECK(contains(target_output, "Starting 9 tests across 3 binaries"));
        CHECK(contains(target_output, "9 tests run: 9 passed"));
        for (const std::string& name : consumer_cases()) {
            CHECK_MESSAGE(passed(target_output, name), name);
        }
        CHECK(!contains(target_output, "note:"));

        // ptest run --build-dir on the same tree, from elsewhere: the same cases, and labels
        // from ptest_discover_tests() on each case.
        fs::create_directories(dir / "elsewhere");
        Result ptest =
            run(prefix / "bin/ptest", {"run", "--build-dir", build.string(), "--color", "never"},
                {dir / "elsewhere", {}, {}});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 0);
        CHECK(contains(ptest.err, "9 tests run: 9 passed"));
        for (const std::string& name : consumer_cases()) {
            CHECK_MESSAGE(passed(ptest.err, name), name);
        }
        Result labelled =
            run(prefix / "bin/ptest", {"list", "--build-dir", build.string(), "-E", "label(fast)"},
                {dir / "elsewhere", {}, {}});
        CHECK(labelled.exit_code == 0);
        CHECK(labelled.out == "doctest_cases doctest adds\ndoctest_cases doctest counts\n"
                              "doctest_cases consumer/doctest in a suite\n");
        CHECK(ptest.leftovers.empty());

        // Plain ctest still runs each binary whole.
        Result ctest = run_tool("ctest", {"--test-dir", build.string()});
        CHECK(contains(ctest.out, "100% tests passed, 0 tests failed out of 3"));
    }

    TEST_CASE("ptest_discover_tests() takes every framework as KIND and refuses anything else "
              "with a clear error") {
        TempDir dir;
        fs::path prefix = install_ptest(dir);
        fs::path source = source_dir() / "tests/fixtures/cmake_consumer";
        fs::path build = dir / "build";

        // KIND boost, and a program with no framework in it registered without KIND: the
        // program runs whole with a note saying why, and every case of the others still runs.
        run_tool("cmake",
                 configure_args(source, build, prefix,
                                {"-DCONSUMER_BOOST_KIND=boost", "-DCONSUMER_WITH_PLAIN=ON"}));
        CHECK(contains(read_file(build / "ptest/discovered/boost_cases.toml"), "kind = \"boost\""));
        run_tool("cmake", {"--build", build.string()});
        Result ptest =
            run(prefix / "bin/ptest", {"run", "--build-dir", build.string(), "--color", "never"},
                {dir.path(), {}, {}});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 0);
        CHECK(contains(ptest.err, "10 tests run: 10 passed"));
        CHECK(passed(ptest.err, "plain_program plain_program"));
        for (const std::string& name : consumer_cases()) {
            CHECK_MESSAGE(passed(ptest.err, name), name);
        }
        Result list = run(prefix / "bin/ptest", {"list", "--build-dir", build.string()},
                          {dir.path(), {}, {}});
        CHECK(contains(list.err, "ptest: note: CTest test `plain_program` comes from "
                                 "ptest_discover_tests() without KIND, but `" +
                                     (build / "plain_program").string() +
                                     "` holds no GoogleTest, Catch2, doctest or Boost.Test "
                                     "markers; it runs whole (name its KIND to run its cases)"));

        fs::path cmake = find_program("cmake");
        Result typo = run(
            cmake, configure_args(source, dir / "typo", prefix, {"-DCONSUMER_BOOST_KIND=gtset"}));
        INFO("cmake output:\n" << typo.out << typo.err);
        CHECK(typo.exit_code != 0);
        CHECK(contains(one_line(typo.err), "ptest_discover_tests(boost_cases): KIND `gtset` is "
                                           "not one of auto, gtest, catch2, doctest, boost"));

        Result empty =
            run(cmake, configure_args(source, dir / "empty", prefix, {"-DCONSUMER_BOOST_KIND="}));
        INFO("cmake output:\n" << empty.out << empty.err);
        CHECK(empty.exit_code != 0);
        CHECK(contains(one_line(empty.err), "ptest_discover_tests(boost_cases): KIND needs a "
                                            "value (one of auto, gtest, catch2, doctest, boost)"));
    }
}
