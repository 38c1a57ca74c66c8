// `--build-dir` on a real CMake build tree (tests/fixtures/ctest, configured into a temporary
// directory against the fixture binaries): for every CTest test, ptest's pass, fail or skip is
// ctest's, whether the test expands into cases, runs one registered case, or is a plain command;
// the properties ptest honours change what happens; the ones it does not are noted.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>
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

/// Configure the fixture project into `dir/build` (it compiles nothing).
fs::path configure_fixture_project(const TempDir& dir) {
    fs::path build = dir / "build";
    Result configured =
        run(program("cmake"), {"-S", (source_dir() / "tests/fixtures/ctest").string(), "-B",
                               build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// Configure tests/fixtures/ctest_discover into `dir/discover`: GoogleTest 1.18 cases registered
/// by CMake's gtest_discover_tests and Catch2 3.7.1 cases registered as catch_discover_tests
/// registers them (it compiles nothing).
fs::path configure_discover_project(const TempDir& dir) {
    fs::path build = dir / "discover";
    Result configured = run(program("cmake"),
                            {"-S", (source_dir() / "tests/fixtures/ctest_discover").string(), "-B",
                             build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// pass, fail or skip for each CTest test in ctest's JUnit file.
std::map<std::string, std::string> ctest_verdicts(const fs::path& junit) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    std::map<std::string, std::string> verdicts;
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        std::string status = node.node().attribute("status").as_string();
        std::string verdict = "pass";
        if (node.node().child("failure") || node.node().child("error")) {
            verdict = "fail";
        } else if (node.node().child("skipped") || status == "disabled" || status == "notrun") {
            verdict = "skip";
        }
        verdicts[node.node().attribute("name").as_string()] = verdict;
    }
    return verdicts;
}

/// pass, fail or skip for each CTest test in ptest's JUnit file: a test expanded into cases fails
/// when any case fails, and is skipped when every case is. A test absent from the file (disabled)
/// counts as skipped.
std::map<std::string, std::string> ptest_verdicts(const fs::path& junit,
                                                  const std::map<std::string, std::string>& all) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    std::map<std::string, std::pair<int, int>> counts; // failed, not skipped
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        auto& [failed, ran] = counts[node.node().attribute("classname").as_string()];
        if (node.node().child("failure") || node.node().child("error")) {
            ++failed;
        }
        if (!node.node().child("skipped")) {
            ++ran;
        }
    }
    std::map<std::string, std::string> verdicts;
    for (const auto& [name, ignored] : all) {
        auto it = counts.find(name);
        if (it == counts.end()) {
            verdicts[name] = "skip";
        } else {
            verdicts[name] = it->second.first > 0    ? "fail"
                             : it->second.second > 0 ? "pass"
                                                     : "skip";
        }
    }
    return verdicts;
}

struct Interval {
    long long start = 0;
    long long end = 0;
};

/// The `sched.*` tests' run intervals, by name.
std::map<std::string, Interval> read_intervals(const fs::path& log) {
    std::map<std::string, Interval> intervals;
    std::istringstream in(read_file(log));
    std::string name;
    std::string what;
    long long when = 0;
    while (in >> name >> what >> when) {
        (what == "start" ? intervals[name].start : intervals[name].end) = when;
    }
    return intervals;
}

bool overlap(const Interval& a, const Interval& b) {
    return a.start < b.end && b.start < a.end;
}

// The whole binaries' flaky cases pass from PTEST_ATTEMPT 2 on, which ctest never sets: re-run
// alone, they would pass where ctest fails them. Sharing state is not what this test compares
// (ctest_alone_test.cpp is), so the re-run alone is off.
const std::string k_workspace_config = "[profile.default]\nfail-fast = false\n"
                                       "slow-timeout = { period = \"20s\" }\n"
                                       "[profile.default.junit]\npath = \"junit.xml\"\n"
                                       "[ctest]\nrerun-alone = false\n";

} // namespace

TEST_SUITE("integration::ctest") {

    TEST_CASE("every CTest test passes, fails or skips under ptest exactly as under ctest") {
        TempDir dir;
        fs::path build = configure_fixture_project(dir);
        // The flaky fixture cases read PTEST_ATTEMPT; under ctest they must see none, as under
        // ptest they see attempt 1.
        Result ctest =
            run(program("ctest"), {"-j4", "--output-junit", (dir / "ctest.xml").string()},
                {build, {}, {"PTEST_ATTEMPT"}});
        INFO("ctest:\n" << ctest.out);
        REQUIRE(fs::exists(dir / "ctest.xml"));
        std::map<std::string, std::string> expected = ctest_verdicts(dir / "ctest.xml");
        CHECK(expected.size() == 34);
        fs::remove(build / "intervals.log");

        fs::create_directories(dir / "ws/.config");
        write_file(dir / "ws/.config/ptest.toml", k_workspace_config);
        Result result = run_ptest({"run", "--build-dir", build.string(), "--workspace",
                                   (dir / "ws").string(), "-j4", "--color", "never"});
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        REQUIRE(fs::exists(dir / "ws/junit.xml"));
        CHECK(junit_validation_errors(dir / "ws/junit.xml") == "");
        std::map<std::string, std::string> seen = ptest_verdicts(dir / "ws/junit.xml", expected);

        // ctest passes a registered filter that selects nothing; ptest checks the count.
        CHECK(expected.at("gd.Gone.Missing") == "pass");
        CHECK(seen.at("gd.Gone.Missing") == "fail");
        CHECK(contains(result.err, "no test case ran"));
        int compared = 0;
        // Named copies, not structured bindings: doctest's assertions capture them in lambdas,
        // which clang 14 does not allow for bindings.
        for (const auto& entry : expected) {
            const std::string& name = entry.first;
            const std::string& verdict = entry.second;
            if (name == "gd.Gone.Missing") {
                continue;
            }
            CHECK_MESSAGE(seen.at(name) == verdict,
                          name << ": ctest " << verdict << ", ptest " << seen.at(name));
            ++compared;
        }
        CHECK(compared == 33);

        // Expanded binaries ran case by case, named as their framework lists them.
        CHECK(contains(result.err, "whole.gtest.passing Small/Param.NonNegative/2"));
        CHECK(contains(result.err, "whole.catch2 quick passes"));
        CHECK(contains(result.err, "whole.doctest quick passes"));
        // Registered single cases keep their CTest name as binary id.
        CHECK(contains(result.err, "gd.Math.Adds Math.Adds"));
        CHECK(contains(result.err, "cd.name, with comma name, with comma"));
        CHECK(contains(result.err, "dd.adds numbers adds numbers"));

        // RUN_SERIAL ran alone, and RESOURCE_LOCK kept its two tests apart.
        std::map<std::string, Interval> intervals = read_intervals(build / "intervals.log");
        REQUIRE(intervals.size() == 6);
        for (const auto& entry : intervals) {
            const std::string& name = entry.first;
            const Interval& interval = entry.second;
            if (name != "serial") {
                CHECK_MESSAGE(!overlap(intervals.at("serial"), interval), "serial and " << name);
            }
        }
        CHECK_FALSE(overlap(intervals.at("lock-a"), intervals.at("lock-b")));

        // PROCESSORS 2 holds both slots of a -j2 run: nothing runs beside it.
        fs::remove(build / "intervals.log");
        Result heavy = run_ptest({"run", "--build-dir", build.string(), "--workspace",
                                  (dir / "ws").string(), "-j2", "--binary-id", "sched.*"});
        CHECK(heavy.exit_code == 0);
        intervals = read_intervals(build / "intervals.log");
        REQUIRE(intervals.size() == 6);
        for (const auto& entry : intervals) {
            const std::string& name = entry.first;
            const Interval& interval = entry.second;
            if (name != "heavy") {
                CHECK_MESSAGE(!overlap(intervals.at("heavy"), interval), "heavy and " << name);
            }
        }
    }

    TEST_CASE("gtest_discover_tests and catch_discover_tests registrations of GoogleTest 1.18 and "
              "Catch2 3.7.1 run their one case each, with ctest's verdicts") {
        TempDir dir;
        fs::path build = configure_discover_project(dir);
        Result ctest = run(program("ctest"), {"--output-junit", (dir / "ctest.xml").string()},
                           {build, {}, {}});
        INFO("ctest:\n" << ctest.out);
        REQUIRE(fs::exists(dir / "ctest.xml"));
        std::map<std::string, std::string> expected = ctest_verdicts(dir / "ctest.xml");
        // 4 GoogleTest cases registered twice, 5 Catch2 cases registered three ways.
        CHECK(expected.size() == 23);

        fs::create_directories(dir / "ws/.config");
        write_file(dir / "ws/.config/ptest.toml", k_workspace_config);
        Result result = run_ptest({"run", "--build-dir", build.string(), "--workspace",
                                   (dir / "ws").string(), "--color", "never"});
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        REQUIRE(fs::exists(dir / "ws/junit.xml"));
        std::map<std::string, std::string> seen = ptest_verdicts(dir / "ws/junit.xml", expected);
        for (const auto& entry : expected) {
            CHECK_MESSAGE(seen.at(entry.first) == entry.second,
                          entry.first << ": ctest " << entry.second << ", ptest "
                                      << seen.at(entry.first));
        }
        CHECK(expected.at("cd.skips at run time") == "skip");
        CHECK(expected.at("gd.Markers.Fails") == "fail");

        // Each registration without a report of its own is its one case, named as listed.
        CHECK(contains(result.err, "gd.Markers.Passes Markers.Passes"));
        CHECK(contains(result.err, "cd.name, with comma [and brackets] name, with comma [and "
                                   "brackets]"));
        CHECK(contains(result.err, "cd.prints a failure look-alike prints a failure look-alike"));
        // A registration whose Catch2 report is the user's (REPORTER, OUTPUT_DIR) runs whole,
        // judged by its exit code as under ctest, and is noted.
        CHECK(contains(result.err, "cr.passes cr.passes"));
        Result list = run_ptest({"list", "--build-dir", build.string(), "--workspace",
                                 (dir / "ws").string(), "--color", "never"});
        CHECK(contains(list.err, "CTest test `co.passes` is a Catch2 binary run whole: its "
                                 "arguments replace Catch2's console report"));
    }

    TEST_CASE("list shows the mapping and notes every property ptest does not honour") {
        TempDir dir;
        fs::path build = configure_fixture_project(dir);
        Result result =
            run_ptest({"list", "--build-dir", build.string(), "--workspace", dir.path().string()});
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(contains(result.out, "whole.gtest.passing Math.Adds\n"));
        CHECK_FALSE(contains(result.out, "whole.gtest.passing Math.Compares\n")); // Filtered.
        CHECK(contains(result.out, "whole.gtest.failing Math.DISABLED_Divides (ignored)\n"));
        CHECK(contains(result.out, "whole.opted-out whole.opted-out\n"));
        CHECK(contains(result.out, "cmd.pass cmd.pass\n"));
        CHECK(contains(result.out, "cmd.disabled cmd.disabled (ignored)\n"));
        CHECK(contains(result.err, "ptest: note: CTest property COST is not honoured by ptest "
                                   "(1 test: cmd.labelled)\n"));
        CHECK_FALSE(contains(result.err, "DEPENDS is not honoured")); // ctest_ordering_test.cpp.
        CHECK(contains(result.err, "ptest: note: CTest test `whole.opted-out` is a GoogleTest "
                                   "binary run whole: it has the label `ptest:whole`\n"));
        CHECK_FALSE(contains(result.err, "TIMEOUT is not honoured"));

        Result json = run_ptest({"list", "--build-dir", build.string(), "--workspace",
                                 dir.path().string(), "--message-format", "json"});
        CHECK(contains(json.out, "\"id\":\"cmd.pass\",\"path\":\"" + program("sh").string() +
                                     "\",\"kind\":\"command\""));
        CHECK(contains(json.out, "\"id\":\"gd.Math.Adds\""));
    }

    TEST_CASE("CTest LABELS select tests through label() filter expressions") {
        TempDir dir;
        fs::path build = configure_fixture_project(dir);
        Result fast = run_ptest({"list", "--build-dir", build.string(), "--workspace",
                                 dir.path().string(), "-E", "label(fast)"});
        INFO("stderr:\n" << fast.err);
        REQUIRE(fast.exit_code == 0);
        CHECK(fast.out == "cmd.labelled cmd.labelled\n");
        // Labels combine with the other predicates: only the Catch2 binary's cases are left.
        Result slow = run_ptest({"list", "--build-dir", build.string(), "--workspace",
                                 dir.path().string(), "-E", "label(=slow) and kind(catch2)"});
        REQUIRE(slow.exit_code == 0);
        CHECK(contains(slow.out, "whole.catch2 "));
        CHECK_FALSE(contains(slow.out, "cmd.labelled"));
        CHECK_FALSE(contains(slow.out, "whole.gtest"));
    }

    TEST_CASE("[ctest] run-whole runs matching tests whole, and --binary-id selects CTest tests") {
        TempDir dir;
        fs::path build = configure_fixture_project(dir);
        write_file(dir / ".config/ptest.toml", "[ctest]\nrun-whole = [\"whole.gtest.*\"]\n");
        Result result = run_ptest({"list", "--build-dir", build.string(), "--workspace",
                                   dir.path().string(), "--binary-id", "whole.*"});
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(contains(result.out, "whole.gtest.passing whole.gtest.passing\n"));
        CHECK(contains(result.out, "whole.catch2 quick passes\n"));
        CHECK_FALSE(contains(result.out, "cmd."));
        CHECK(contains(result.err, "matches `whole.gtest.*` in [ctest] run-whole"));
    }

    TEST_CASE("without a workspace config above the cwd, the source directory's config applies") {
        TempDir dir;
        fs::create_directories(dir / "src/.config");
        write_file(dir / "src/CMakeLists.txt",
                   "cmake_minimum_required(VERSION 3.22)\nproject(p LANGUAGES NONE)\n"
                   "enable_testing()\nadd_test(NAME t COMMAND sh -c \"exit 0\")\n");
        write_file(dir / "src/.config/ptest.toml",
                   "[profile.ci.junit]\npath = \"from-source.xml\"\n");
        Result configured =
            run(program("cmake"), {"-S", (dir / "src").string(), "-B", (dir / "b").string()});
        REQUIRE(configured.exit_code == 0);
        fs::create_directories(dir / "elsewhere");
        Result result = run_ptest({"run", "--build-dir", (dir / "b").string(), "--profile", "ci"},
                                  {dir / "elsewhere", {}, {}});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(fs::exists(dir / "src/from-source.xml"));
    }

    TEST_CASE("kind = \"command\" in [[binary]] runs a program as one test judged by exit code") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + program("sh").string() +
                       "\"\nid = \"script-ok\"\nkind = \"command\"\nargs = [\"-c\", \"exit "
                       "0\"]\n"
                       "[[binary]]\npath = \"" +
                       program("sh").string() +
                       "\"\nid = \"script-bad\"\nkind = \"command\"\nargs = [\"-c\", \"exit "
                       "4\"]\n");
        Result list = run_ptest({"list"}, {dir.path(), {}, {}});
        CHECK(list.out == "script-ok script-ok\nscript-bad script-bad\n");
        Result result = run_ptest({"run", "--color", "never"}, {dir.path(), {}, {}});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "PASS ["));
        CHECK(contains(result.err, "script-ok script-ok"));
        CHECK(contains(result.err, "2 tests run: 1 passed, 1 failed"));
    }

    TEST_CASE("a directory that is no build tree is a setup error") {
        TempDir dir;
        Result result = run_ptest({"list", "--build-dir", dir.path().string()});
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "is not a CMake build tree (it has no CMakeCache.txt)"));
        Result missing = run_ptest({"list", "--build-dir", (dir / "nope").string()});
        CHECK(missing.exit_code == 96);
        CHECK(contains(missing.err, "build directory"));
    }
}
