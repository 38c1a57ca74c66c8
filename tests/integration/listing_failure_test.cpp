// A binary whose listing fails never stops the run: with `--binary` it is one failed test,
// `<id> (listing)`, carrying the listing's problem and output into the terminal report and JUnit,
// while every other binary runs; `ptest list` lists the others and names it. From a build tree
// (`--build-dir`), the CTest test whose binary cannot be listed runs whole, as ctest runs it, with
// a note. And a build tree whose ctest configuration prints around its JSON is still imported.
// The binary is `gtest_list_aborts`, GoogleTest 1.12's gmock_stress_test in small; the build tree
// is tests/fixtures/ctest_noisy.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// The message of the failed listing of gtest_list_aborts.
std::string listing_message() {
    return "could not list the tests of `gtest_list_aborts` (" +
           fixture("gtest_list_aborts").string() + "): listing was killed by SIGABRT";
}

/// The JUnit testcase of the unlisted binary in `junit`, or an empty node.
pugi::xml_node listing_testcase(const pugi::xml_document& junit) {
    return junit.select_node("//testsuite[@name='gtest_list_aborts']/testcase[@name='(listing)']")
        .node();
}

/// A program from PATH; the test fails when it is missing.
fs::path program(const std::string& name) {
    fs::path found = find_program(name);
    REQUIRE_MESSAGE(!found.empty(), "`" << name << "` is not on PATH");
    return found;
}

/// Configure tests/fixtures/ctest_noisy into `dir/noisy` (it compiles nothing).
fs::path configure_noisy_project(const TempDir& dir) {
    fs::path build = dir / "noisy";
    Result configured =
        run(program("cmake"), {"-S", (source_dir() / "tests/fixtures/ctest_noisy").string(), "-B",
                               build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// pass or fail for each CTest test: ctest's JUnit file names tests; ptest's has one suite per
/// CTest test, which fails when one of its cases does.
std::map<std::string, std::string> verdicts(const fs::path& junit, const char* name_attribute) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    std::map<std::string, std::string> seen;
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        std::string& verdict = seen[node.node().attribute(name_attribute).as_string()];
        const bool failed = node.node().child("failure") || node.node().child("error");
        verdict = failed || verdict == "fail" ? "fail" : "pass";
    }
    return seen;
}

} // namespace

TEST_SUITE("integration::listing_failure") {

    TEST_CASE("a binary whose listing aborts is one failed test with the listing's output, and "
              "the other binaries still run") {
        TempDir dir;
        Result result = run_fixtures(dir, {"gtest_list_aborts", "gtest_basic"}, {"-j2"},
                                     "store-failure-output = true\n");
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK_FALSE(contains(result.err, "ptest: error:"));
        CHECK(contains(result.err, "FAIL [   0.000s] gtest_list_aborts (listing)"));
        CHECK(contains(result.err, "- could not list its tests: listing was killed by SIGABRT"));
        // What the listing printed is shown as a failed test's output: the list it wrote before
        // its main aborted, and the abort's reason.
        CHECK(contains(result.err, "gtest_list_aborts: RUN_ALL_TESTS() did not fail as expected"));
        CHECK(contains(result.err, "  FailsOnPurpose"));
        // Counted among the failures: gtest_basic's 4 failing cases (model) plus the listing.
        const std::string closing = closing_part(result.err);
        CHECK(contains(closing, "gtest_list_aborts (listing)"));

        auto outcomes = junit_outcomes(dir / "junit.xml");
        CHECK(outcomes.at({"gtest_list_aborts", "(listing)"}) == "fail");
        CHECK(compare_with_model(outcomes, {"gtest_basic"}) > 10);
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        pugi::xml_document junit;
        REQUIRE(junit.load_file((dir / "junit.xml").c_str()));
        pugi::xml_node testcase = listing_testcase(junit);
        REQUIRE(testcase);
        CHECK(std::string(testcase.child("failure").attribute("message").as_string()) ==
              listing_message());
        CHECK(contains(testcase.child("system-err").text().as_string(),
                       "RUN_ALL_TESTS() did not fail as expected"));
        CHECK(contains(testcase.child("system-out").text().as_string(), "Stress."));
    }

    TEST_CASE("the listing failure follows fail-fast, filters, partitions and --no-tests") {
        TempDir dir;
        // Fail-fast on one thread: the failed listing stops the run like any failed test.
        Result fast =
            run_fixtures(dir, {"gtest_list_aborts", "gtest_basic"}, {"-j1", "--fail-fast"});
        INFO("fail-fast stderr:\n" << fast.err);
        CHECK(fast.exit_code == 100);
        CHECK(contains(fast.err, "gtest_list_aborts (listing)"));
        CHECK(contains(fast.err, "tests were not run due to test failure"));

        // A name filter cannot know the unlisted binary's cases: its failure is still reported.
        Result named = run_fixtures(dir, {"gtest_list_aborts", "gtest_basic"}, {"Math.Adds"});
        INFO("name filter stderr:\n" << named.err);
        CHECK(named.exit_code == 100);
        CHECK(contains(named.err, "gtest_list_aborts (listing)"));
        CHECK(contains(named.err, "2 tests run: 1 passed, 1 failed"));

        // An expression that excludes the whole binary leaves it out.
        Result other = run_fixtures(dir, {"gtest_list_aborts", "gtest_basic"},
                                    {"-E", "binary_id(gtest_basic) and test(=Math.Adds)"});
        INFO("expression stderr:\n" << other.err);
        CHECK(other.exit_code == 0);
        CHECK_FALSE(contains(other.err, "(listing)"));
        Result none = run_fixtures(dir, {"gtest_list_aborts"}, {"-E", "binary_id(gtest_basic)"});
        CHECK(none.exit_code == 4);
        Result none_pass = run_fixtures(dir, {"gtest_list_aborts"},
                                        {"-E", "binary_id(gtest_basic)", "--no-tests", "pass"});
        CHECK(none_pass.exit_code == 0);

        // Each shard could have held some of its cases: every shard reports it.
        for (const std::string shard : {"count:1/2", "count:2/2", "hash:1/2", "hash:2/2"}) {
            CAPTURE(shard);
            Result part = run_fixtures(dir, {"gtest_list_aborts", "gtest_basic"},
                                       {"--partition", shard, "-E", "test(=Math.Adds)"});
            CHECK(part.exit_code == 100);
            // Once as it happens, once in the closing list.
            CHECK(count_of(part.err, "FAIL [   0.000s] gtest_list_aborts (listing)") == 2);
        }
    }

    TEST_CASE("ptest list lists the other binaries and names the one it could not list") {
        TempDir dir;
        const std::vector<std::string> args = {"list",
                                               "--binary",
                                               fixture("gtest_list_aborts").string(),
                                               "--binary",
                                               fixture("gtest_basic").string(),
                                               "--exact",
                                               "Math.Adds"};
        Result human = run_ptest(args, in_dir(dir));
        INFO("stderr:\n" << human.err);
        CHECK(human.exit_code == 104);
        CHECK(human.out == "gtest_basic Math.Adds\n");
        CHECK(contains(human.err, "ptest: error: " + listing_message() + "\n"));

        std::vector<std::string> json_args = args;
        json_args.insert(json_args.end(), {"--message-format", "json"});
        Result json = run_ptest(json_args, in_dir(dir));
        CHECK(json.exit_code == 104);
        CHECK(contains(json.out, R"("id":"gtest_list_aborts")"));
        CHECK(contains(json.out, R"("tests":[],"listing-error":"could not list the tests of)"));
    }

    TEST_CASE("a build tree whose ctest configuration prints around its JSON is imported, and its "
              "CTest tests whose binaries cannot be listed run whole with ctest's verdicts") {
        TempDir dir;
        fs::path build = configure_noisy_project(dir);
        // The tree is as noisy as it means to be: ctest's JSON comes after other lines.
        Result shown = run(program("ctest"), {"--show-only=json-v1"}, in_dir(build));
        CHECK(shown.out.rfind("CTestCustom: checking the build tree {\n", 0) == 0);
        CHECK(contains(shown.out, "\ninformational: a pre-test command prints here\n"));
        Result ctest =
            run(program("ctest"), {"--output-junit", (dir / "ctest.xml").string()}, in_dir(build));
        INFO("ctest:\n" << ctest.out << ctest.err);
        std::map<std::string, std::string> expected = verdicts(dir / "ctest.xml", "name");
        REQUIRE(expected.size() == 5);
        CHECK(expected.at("stress.whole") == "pass");
        CHECK(expected.at("stress.passes-only") == "fail");

        fs::create_directories(dir / "ws/.config");
        write_file(dir / "ws/.config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        const std::vector<std::string> common = {"--build-dir", build.string(),
                                                 "--workspace", (dir / "ws").string(),
                                                 "--color",     "never"};
        std::vector<std::string> list_args = {"list"};
        list_args.insert(list_args.end(), common.begin(), common.end());
        Result listed = run_ptest(list_args);
        INFO("list stderr:\n" << listed.err);
        CHECK(listed.exit_code == 0);
        CHECK(contains(listed.out, "basic.whole Math.Adds\n"));
        CHECK(contains(listed.out, "stress.whole stress.whole\n"));
        CHECK(contains(listed.out, "cmd.pass cmd.pass\n"));

        std::vector<std::string> run_args = {"run"};
        run_args.insert(run_args.end(), common.begin(), common.end());
        Result result = run_ptest(run_args);
        INFO("run stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        for (const std::string id : {"stress.whole", "stress.passes-only"}) {
            CHECK(contains(result.err,
                           "ptest: note: CTest test `" + id +
                               "` is a GoogleTest binary run whole: its listing was killed by "
                               "SIGABRT (`[ctest] run-whole = [\"" +
                               id + "\"]` skips the listing)\n"));
        }
        CHECK(contains(result.err, "ptest: note: CTest test `list-crash.whole` is a GoogleTest "
                                   "binary run whole: its listing was killed by SIGSEGV"));
        CHECK(junit_validation_errors(dir / "ws/junit.xml") == "");
        CHECK(verdicts(dir / "ws/junit.xml", "classname") == expected);
    }

    TEST_CASE("ctest output that cannot be read is one error line and what ctest printed") {
        TempDir dir;
        fs::path build = configure_noisy_project(dir);
        const std::vector<std::string> args = {"list", "--build-dir", build.string(), "--workspace",
                                               dir.path().string()};
        // A CTestCustom.cmake that stops ctest before it prints the document.
        write_file(build / "CTestCustom.cmake", "execute_process(COMMAND echo \"{ custom step\")\n"
                                                "message(FATAL_ERROR \"custom step failed\")\n");
        Result failed = run_ptest(args);
        INFO("stderr:\n" << failed.err);
        CHECK(failed.exit_code == 104);
        REQUIRE_FALSE(lines_of(failed.err).empty());
        CHECK(contains(lines_of(failed.err)[0], "--show-only=json-v1`: it exited with code 8"));
        CHECK(contains(failed.err, "\n  ctest's stdout (1 line):\n    | { custom step\n"));
        CHECK(contains(failed.err, "\n  ctest's stderr (2 lines):\n"));
        CHECK(contains(failed.err, "\n    | custom step failed\n"));

        // A ctest (the one beside the tree's cmake) that prints no document at all, and a lot.
        fs::create_directories(dir / "tools");
        write_file(dir / "tools/cmake", "#!/bin/sh\nexit 0\n");
        write_file(dir / "tools/ctest",
                   "#!/bin/sh\necho '{ not json'\nseq 1 100\necho 'the end' >&2\n");
        fs::permissions(dir / "tools/ctest", fs::perms::owner_all);
        std::string cache = read_file(build / "CMakeCache.txt");
        const std::string key = "CMAKE_COMMAND:INTERNAL=";
        const std::size_t at = cache.find(key);
        REQUIRE(at != std::string::npos);
        cache.replace(at + key.size(), cache.find('\n', at) - at - key.size(),
                      (dir / "tools/cmake").string());
        write_file(build / "CMakeCache.txt", cache);
        Result unreadable = run_ptest(args);
        INFO("stderr:\n" << unreadable.err);
        CHECK(unreadable.exit_code == 104);
        std::vector<std::string> lines = lines_of(unreadable.err);
        REQUIRE(lines.size() == 17);
        CHECK(lines[0] == "ptest: error: could not read `ctest --show-only=json-v1` output: no "
                          "ctestInfo JSON document in it (read as one document: line 1, column 3: "
                          "invalid literal (expected `null`))");
        CHECK(lines[1] == "  ctest's stdout (101 lines, the first 8 and the last 4):");
        CHECK(lines[2] == "    | { not json");
        CHECK(lines[10] == "    | …");
        CHECK(lines[14] == "    | 100");
        CHECK(lines[15] == "  ctest's stderr (1 line):");
        CHECK(lines[16] == "    | the end");
    }

} // TEST_SUITE
