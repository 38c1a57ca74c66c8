// ptest's CMake package end to end: `cmake --install` into a temporary prefix, then the example
// project (examples/cmake-project: a GoogleTest and a Catch2 binary registered with
// ptest_discover_tests) configured and built against it, and run three ways: `ptest run
// --build-dir`, the `ptest` build target, and plain ctest.
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

} // namespace

TEST_SUITE("integration::ctest_package") {

    TEST_CASE("the installed package builds and runs the example through ptest, its target and "
              "ctest") {
        TempDir dir;
        fs::path prefix = dir / "prefix";
        run_tool("cmake", {"--install", PTEST_BINARY_DIR, "--prefix", prefix.string()});
        CHECK(::access((prefix / "bin/ptest").c_str(), X_OK) == 0);
        CHECK(fs::exists(prefix / "share/man/man1/ptest.1"));
        CHECK(fs::exists(prefix / "share/doc/ptest/README.md"));
        CHECK(fs::exists(prefix / "share/doc/ptest/ctest.md"));
        CHECK(fs::exists(prefix / "lib/cmake/ptest/ptestConfig.cmake"));
        CHECK(fs::exists(prefix / "lib/cmake/ptest/ptestConfigVersion.cmake"));

        fs::path build = dir / "build";
        std::vector<std::string> configure = {"-S",
                                              (source_dir() / "examples/cmake-project").string(),
                                              "-B",
                                              build.string(),
                                              "-G",
                                              "Ninja",
                                              "-DCMAKE_PREFIX_PATH=" + prefix.string(),
                                              "-DPTEST_PROFILE=ci"};
        if (!find_program("ccache").empty()) {
            configure.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache");
        }
        run_tool("cmake", configure);
        run_tool("cmake", {"--build", build.string(), "--target", "math_test", "text_test"});
        CHECK(contains(read_file(build / "ptest/discovered/math_test.toml"), "kind = \"gtest\""));

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
}
