// CTest's ordering properties on a real build tree (tests/fixtures/ctest_ordering, configured into
// temporary directories; it compiles nothing): FIXTURES_SETUP, FIXTURES_CLEANUP,
// FIXTURES_REQUIRED and DEPENDS. Each of its tests leaves or checks a file, so a test run out of
// order fails: ptest's verdict of every CTest test must be ctest's, with a GoogleTest binary that
// requires a fixture run whole by ctest and case by case by ptest. Also: a filter selecting a
// requiring test brings its fixture's tests (as ctest -R), a dependency cycle is refused, and a
// multi-config tree runs the configuration `--build-config` names (as ctest -C).
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// A program from PATH; the test fails when it is missing.
fs::path program(const std::string& name) {
    fs::path found = find_program(name);
    REQUIRE_MESSAGE(!found.empty(), "`" << name << "` is not on PATH");
    return found;
}

/// Configure tests/fixtures/`project` into `dir/name` with `extra` cmake arguments.
fs::path configure(const TempDir& dir, const std::string& project, const std::string& name,
                   std::vector<std::string> extra = {}) {
    fs::path build = dir / name;
    std::vector<std::string> args = {"-S", (source_dir() / "tests/fixtures" / project).string(),
                                     "-B", build.string(),
                                     "-DPTEST_FIXTURE_DIR=" + fixture("").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Result configured = run(program("cmake"), args);
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// pass, fail or notrun for each CTest test ctest's console output reports.
std::map<std::string, std::string> ctest_verdicts(const std::string& out) {
    static const std::regex line(R"(Test +#[0-9]+: (\S+) \.+ *(\*\*\*)?(Passed|Failed|Not Run))");
    std::map<std::string, std::string> verdicts;
    for (const std::string& text : lines_of(out)) {
        std::smatch match;
        if (std::regex_search(text, match, line)) {
            verdicts[match[1]] = match[3] == "Passed"   ? "pass"
                                 : match[3] == "Failed" ? "fail"
                                                        : "notrun";
        }
    }
    return verdicts;
}

/// pass, fail or notrun for each CTest test in ptest's JUnit file: a test expanded into cases is
/// not run when a case was not run for its fixture, fails when a case failed, and passes otherwise.
std::map<std::string, std::string> ptest_verdicts(const fs::path& junit) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    std::map<std::string, std::string> verdicts;
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        std::string name = node.node().attribute("classname").as_string();
        std::string outcome = junit_outcome(node.node());
        std::string message = node.node().child("error").attribute("message").as_string();
        std::string verdict = outcome == "pass" ? "pass" : "fail";
        if (outcome == "error" && contains(message, "not run: the setup test")) {
            verdict = "notrun";
        }
        std::string& seen = verdicts[name];
        if (seen.empty() || seen == "pass") {
            seen = verdict;
        }
    }
    return verdicts;
}

const std::string k_workspace_config = "[profile.default]\nfail-fast = false\n"
                                       "[profile.default.junit]\npath = \"junit.xml\"\n";

} // namespace

TEST_SUITE("integration::ctest_ordering") {

    TEST_CASE("fixtures and DEPENDS order ptest's run as ctest's, and every verdict agrees") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_workspace_config);
        // One tree each, so that neither run sees the files the other left.
        fs::path ctest_tree = configure(dir, "ctest_ordering", "for-ctest");
        fs::path ptest_tree = configure(dir, "ctest_ordering", "for-ptest");
        Result ctest = run(program("ctest"), {"-j4"}, {ctest_tree, {}, {}});
        INFO("ctest:\n" << ctest.out);
        CHECK(ctest.exit_code != 0);
        CHECK(contains(ctest.out, "73% tests passed, 4 tests failed out of 15"));
        const std::map<std::string, std::string> expected = {
            {"db.setup", "pass"},     {"db.use1", "pass"},        {"db.use2", "pass"},
            {"db.cases", "pass"},     {"db.cleanup", "pass"},     {"broken.setup", "fail"},
            {"broken.use", "notrun"}, {"broken.cases", "notrun"}, {"broken.cleanup", "pass"},
            {"nest.outer", "pass"},   {"nest.inner", "pass"},     {"nest.use", "pass"},
            {"nest.cleanup", "pass"}, {"order.first", "fail"},    {"order.second", "pass"}};
        CHECK(ctest_verdicts(ctest.out) == expected);

        Result ptest = run_ptest({"run", "--build-dir", ptest_tree.string(), "--workspace",
                                  dir.path().string(), "-j4", "--color", "never"});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 100);
        // The GoogleTest binaries run case by case: 13 one-case tests and 2 x 3 cases.
        CHECK(contains(ptest.err, "19 tests run: 13 passed, 2 failed, 4 exec failed"));
        CHECK(contains(ptest.err, "not run: the setup test `broken.setup` of its fixture `broken` "
                                  "failed (ctest reports it Not Run)"));
        CHECK(ptest_verdicts(dir / "junit.xml") == expected);
        CHECK(ptest.leftovers.empty());

        Result list = run_ptest(
            {"list", "--build-dir", ptest_tree.string(), "--workspace", dir.path().string()});
        CHECK(!contains(list.err, "FIXTURES_"));
        CHECK(!contains(list.err, "DEPENDS"));
    }

    TEST_CASE("a filter selecting a requiring test brings its fixtures' tests, as ctest -R does") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_workspace_config);
        fs::path ctest_tree = configure(dir, "ctest_ordering", "for-ctest");
        fs::path ptest_tree = configure(dir, "ctest_ordering", "for-ptest");
        Result ctest = run(program("ctest"), {"-j4", "-R", "^nest[.]use$"}, {ctest_tree, {}, {}});
        INFO("ctest:\n" << ctest.out);
        CHECK(ctest.exit_code == 0);
        CHECK(contains(ctest.out, "100% tests passed, 0 tests failed out of 4"));

        for (const std::vector<std::string>& filter : std::vector<std::vector<std::string>>{
                 {"--binary-id", "nest.use"}, {"--exact", "nest.use"}}) {
            CAPTURE(filter.front());
            std::vector<std::string> args = {"run",
                                             "--build-dir",
                                             ptest_tree.string(),
                                             "--workspace",
                                             dir.path().string(),
                                             "-j4",
                                             "--color",
                                             "never"};
            args.insert(args.end(), filter.begin(), filter.end());
            Result ptest = run_ptest(args);
            INFO("ptest stderr:\n" << ptest.err);
            CHECK(ptest.exit_code == 0);
            CHECK(contains(ptest.err, "4 tests run: 4 passed"));
            CHECK(contains(ptest.err, "ptest: note: 3 tests of the CTest fixtures the selected "
                                      "tests require will run too (setup and cleanup), as under "
                                      "ctest"));
            std::map<std::string, std::string> verdicts = ptest_verdicts(dir / "junit.xml");
            CHECK(verdicts == std::map<std::string, std::string>{{"nest.cleanup", "pass"},
                                                                 {"nest.inner", "pass"},
                                                                 {"nest.outer", "pass"},
                                                                 {"nest.use", "pass"}});
        }
    }

    TEST_CASE("tests that depend on each other in a cycle are refused, as ctest refuses them") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_workspace_config);
        fs::path build = configure(dir, "ctest_ordering", "cycle", {"-DPTEST_ORDERING_CYCLE=ON"});
        Result ctest = run(program("ctest"), {"-R", "^cycle"}, {build, {}, {}});
        CHECK(contains(ctest.err, "a cycle exists in the test dependency graph"));

        Result ptest = run_ptest({"run", "--build-dir", build.string(), "--workspace",
                                  dir.path().string(), "--binary-id", "cycle.*"});
        INFO("ptest stderr:\n" << ptest.err);
        CHECK(ptest.exit_code == 96);
        CHECK(contains(ptest.err, "ptest: error: CTest tests wait for each other in a cycle "
                                  "through DEPENDS or fixtures (cycle.a -> cycle.b -> cycle.a"));
    }

    TEST_CASE("a multi-config tree runs the configuration --build-config names, as ctest -C") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_workspace_config);
        fs::path build =
            configure(dir, "ctest_multi_config", "multi", {"-G", "Ninja Multi-Config"});
        Result ctest = run(program("ctest"), {"-C", "Release"}, {build, {}, {}});
        INFO("ctest:\n" << ctest.out);
        CHECK(ctest.exit_code == 0);

        std::vector<std::string> base = {"run",         "--build-dir",       build.string(),
                                         "--workspace", dir.path().string(), "--color",
                                         "never"};
        std::vector<std::string> release = base;
        release.insert(release.end(), {"--build-config", "Release"});
        Result passing = run_ptest(release);
        INFO("ptest stderr:\n" << passing.err);
        CHECK(passing.exit_code == 0);
        CHECK(contains(passing.err, "1 test run: 1 passed"));

        std::vector<std::string> debug = base;
        debug.insert(debug.end(), {"-C", "Debug"});
        CHECK(run_ptest(debug).exit_code == 100);

        // Without a configuration ctest lists no test of this tree; ptest says why.
        Result list =
            run_ptest({"list", "--build-dir", build.string(), "--workspace", dir.path().string()});
        CHECK(contains(list.err, "is a multi-config build tree (Debug Release RelWithDebInfo): "
                                 "without --build-config NAME (ctest's -C)"));
        Result misplaced =
            run_ptest({"list", "--build-config", "Release", "--workspace", dir.path().string()});
        CHECK(misplaced.exit_code == 2);
        CHECK(contains(misplaced.err, "--build-config needs --build-dir"));
    }
}
