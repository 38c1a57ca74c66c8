// The rest of what a new user trips over in the first hour (issue 17), each reproduced on the real
// fixtures with the command a user would type: a FAIL line that never says how the process ended,
// a JUnit message that loses the values GoogleTest compared, a `list` without counts or labels,
// skips that do not say a partition left them out, completions that cannot name a profile, and a
// per-platform `default-filter` that was ignored.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <regex>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// `ptest run --color never --binary <fixture>` plus `extra`, in `dir`.
Result run_fixture(const TempDir& dir, const std::string& binary,
                   const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"run", "--color", "never", "--binary",
                                     fixture(binary).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

/// The JUnit `failure/@message` of test `name` in the report at `junit`; empty when none.
std::string failure_message(const fs::path& junit, const std::string& name) {
    pugi::xml_document document;
    if (!document.load_file(junit.c_str())) {
        return {};
    }
    const std::string query = "//testcase[@name='" + name + "']/failure";
    return document.select_node(query.c_str()).node().attribute("message").as_string();
}

} // namespace

TEST_SUITE("integration::first_hour::report") {

    TEST_CASE("a FAIL line says the exit code, live and in the closing list") {
        TempDir dir;
        Result result = run_fixture(
            dir, "gtest_basic",
            {"--exact", "Math.Compares", "Exit.CallsExitThree", "--final-status-level", "fail"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        const std::regex exit_three(
            R"(FAIL \[ *[0-9.]+s\] gtest_basic Exit.CallsExitThree\n +- exited with code 3\n)");
        const std::regex exit_one(
            R"(FAIL \[ *[0-9.]+s\] gtest_basic Math.Compares\n +- exited with code 1\n)");
        const std::string closing = closing_part(result.err);
        const std::string live = result.err.substr(0, result.err.size() - closing.size());
        CHECK(std::regex_search(live, exit_three));
        CHECK(std::regex_search(live, exit_one));
        CHECK(std::regex_search(closing, exit_three));
        CHECK(std::regex_search(closing, exit_one));
        // The summary line keeps its shape.
        CHECK(contains(closing, "2 tests run: 0 passed, 2 failed, "));
    }

    TEST_CASE("a TIMEOUT line says which signal ended it, and a SIGSEGV line adds nothing") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n"
                   "slow-timeout = { period = \"300ms\", terminate-after = 1 }\n");
        Result result = run_fixture(dir, "gtest_behaviour", {"--exact", "Hang.Forever"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(std::regex_search(
            result.err, std::regex(R"(TIMEOUT \[ *[0-9.]+s\] gtest_behaviour Hang.Forever\n +- )"
                                   R"(terminated with SIGTERM\n)")));
        Result crash = run_fixture(dir, "gtest_basic", {"--exact", "Crash.Segfault"});
        CHECK(std::regex_search(
            crash.err, std::regex(R"(SIGSEGV \[ *[0-9.]+s\] gtest_basic Crash.Segfault\n)")));
        CHECK_FALSE(contains(crash.err, "killed by"));
    }

    TEST_CASE("the JUnit message keeps the whole first failure, values included, on one line") {
        TempDir dir;
        Result result = run_fixtures(dir, {"gtest_basic", "catch2_basic", "doctest_basic"},
                                     {"-E", "test(=Math.Compares) | test(=compares numbers) | "
                                            "test(=fails a check)"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit).empty());
        const std::string gtest = failure_message(junit, "Math.Compares");
        CAPTURE(gtest);
        CHECK(contains(gtest, "basic_test.cpp:27: Expected equality of these values: "
                              "add(2, 2) Which is: 4 5"));
        const std::string catch2 = failure_message(junit, "compares numbers");
        CAPTURE(catch2);
        CHECK(contains(catch2, "REQUIRE( sum == 5 ) with expansion: 4 == 5"));
        const std::string doctest = failure_message(junit, "fails a check");
        CAPTURE(doctest);
        CHECK(contains(doctest, "CHECK( sum == 5 ) is NOT correct! values: CHECK( 4 == 5 )"));
        for (const std::string& message : {gtest, catch2, doctest}) {
            CHECK(message.find('\n') == std::string::npos);
            CHECK(message.size() <= 512);
        }
    }

    TEST_CASE("list counts each binary's tests and the total, and colours them when asked") {
        TempDir dir;
        Result result = run_ptest({"list", "--binary", fixture("gtest_basic").string(), "--binary",
                                   fixture("catch2_basic").string(), "-E", "not test(/^Crash/)"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        // One test a line on stdout, as before; the counts go to stderr.
        std::size_t gtest_lines = 0;
        std::size_t catch2_lines = 0;
        std::size_t gtest_ignored = 0;
        for (const std::string& line : lines_of(result.out)) {
            CAPTURE(line);
            CHECK(std::regex_match(line, std::regex("(gtest|catch2)_basic .+")));
            const bool gtest = line.rfind("gtest_basic ", 0) == 0;
            (gtest ? gtest_lines : catch2_lines) += 1;
            if (gtest && line.size() > 10 && line.substr(line.size() - 10) == " (ignored)") {
                ++gtest_ignored;
            }
        }
        REQUIRE(gtest_ignored > 0);
        CHECK(contains(result.err, "gtest_basic: " + std::to_string(gtest_lines) + " tests (" +
                                       std::to_string(gtest_ignored) + " ignored)\n"));
        CHECK(contains(result.err, "catch2_basic: " + std::to_string(catch2_lines) + " tests"));
        CHECK(contains(result.err,
                       std::to_string(gtest_lines + catch2_lines) + " tests across 2 binaries ("));
        CHECK(contains(result.err, ", 2 not selected)\n")); // Crash.Segfault and Crash.Aborts.
        CHECK(result.out.find('\x1b') == std::string::npos);

        Result colored = run_ptest({"list", "--color", "always", "--binary",
                                    fixture("gtest_basic").string(), "--exact", "Math.Adds"},
                                   in_dir(dir));
        CHECK(colored.out == "\x1b[1;35mgtest_basic\x1b[0m \x1b[1;34mMath.Adds\x1b[0m\n");
        CHECK(contains(colored.err, "\x1b[1;35mgtest_basic\x1b[0m: "));
    }

    TEST_CASE("the JSON list gains labels and counts, and keeps every field it had") {
        TempDir dir;
        Result result = run_ptest({"list", "--message-format", "json", "--binary",
                                   fixture("catch2_basic").string(), "--binary",
                                   fixture("gtest_basic").string(), "--partition", "count:1/2"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        write_file(dir / "list.json", result.out);
        const std::string check =
            "import json, sys\n"
            "doc = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            "assert list(doc) == ['binaries', 'test-count', 'skipped-count'], list(doc)\n"
            "total = 0\n"
            "for b in doc['binaries']:\n"
            "    assert list(b)[:5] == ['id', 'path', 'kind', 'cwd', 'tests'], list(b)\n"
            "    assert b['test-count'] == len(b['tests'])\n"
            "    total += b['test-count']\n"
            "    for t in b['tests']:\n"
            "        assert list(t)[:2] == ['name', 'ignored'] and isinstance(t['labels'], list)\n"
            "assert doc['test-count'] == total and doc['skipped-count'] > 0\n"
            "tagged = [t for b in doc['binaries'] for t in b['tests'] if t['labels']]\n"
            "print(len(tagged))\n";
        Result checked =
            run("/usr/bin/python3", {"-c", check, (dir / "list.json").string()}, in_dir(dir));
        INFO("python3 stderr:\n" << checked.err);
        CHECK(checked.exit_code == 0);
        CHECK(checked.out != "0\n"); // catch2_basic's cases carry their tags.
    }

    TEST_CASE("tests another shard runs say so, apart from the filtered ones") {
        TempDir dir;
        Result result = run_fixture(dir, "gtest_behaviour",
                                    {"-E", "test(Quick) | test(Flaky)", "--partition", "count:3/3",
                                     "--status-level", "skip", "--final-status-level", "skip"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        // Three tests match; this shard runs one, the other two shards the other two.
        CHECK(contains(result.err, "1 test run: 1 passed, 0 failed, 10 skipped (2 in other "
                                   "partitions)\n"));
        CHECK(std::regex_search(
            result.err,
            std::regex(R"(SKIP \[ +\] gtest_behaviour Flaky.PassesOnSecondAttempt\n +- not run: )"
                       R"(in another shard of --partition)")));
        CHECK(std::regex_search(
            result.err, std::regex(R"(SKIP \[ +\] gtest_behaviour Hang.Forever\n +- not run: )"
                                   R"(not selected by the filters)")));
        const std::string closing = closing_part(result.err);
        CHECK(contains(closing, "in another shard of --partition"));
        CHECK(contains(closing, "not selected by the filters"));
    }

    TEST_CASE("bash completes --profile and -P with the workspace's profiles") {
        const fs::path bash = find_program("bash");
        REQUIRE_MESSAGE(!bash.empty(), "bash is not on PATH");
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.ci]\nretries = 1\n[profile.local]\ninherits = \"ci\"\n");
        write_file(dir / "ptest.bash", run_ptest({"completions", "bash"}, in_dir(dir)).out);
        const std::string exe = ptest_exe().string();
        const std::string script = "source ./ptest.bash\n"
                                   "complete -p ptest\n"
                                   "complete_words() { COMP_WORDS=(\"$@\"); "
                                   "COMP_CWORD=$(( $# - 1 )); _ptest; echo \"${COMPREPLY[*]}\"; }\n"
                                   "complete_words '" +
                                   exe +
                                   "' run --profile ''\n"
                                   "complete_words '" +
                                   exe +
                                   "' list -P l\n"
                                   "complete_words '" +
                                   exe + "' show-config profile --profile c\n";
        Result result = run(bash, {"--norc", "-c", script}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        const std::vector<std::string> replies = lines_of(result.out);
        REQUIRE(replies.size() == 4);
        CHECK(replies[0] == "complete -F _ptest ptest");
        CHECK(replies[1] == "ci default local");
        CHECK(replies[2] == "local");
        CHECK(replies[3] == "ci");
        // The query the scripts run is the workspace's profile names, one a line.
        Result names = run_ptest({"show-config", "profile-names"}, in_dir(dir));
        CHECK(names.out == "ci\ndefault\nlocal\n");
    }

    TEST_CASE("a platform override's default-filter is the default filter on the host") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\ndefault-filter = \"all()\"\n"
                   "[[profile.default.overrides]]\nplatform = 'cfg(unix)'\n"
                   "default-filter = \"test(Math)\"\n"
                   "[[profile.default.overrides]]\nplatform = 'cfg(windows)'\n"
                   "default-filter = \"test(Crash)\"\n");
        Result result =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        for (const std::string& line : lines_of(result.out)) {
            CHECK(line.rfind("gtest_basic Math.", 0) == 0);
        }
        CHECK(contains(result.out, "gtest_basic Math.Adds\n"));
        Result shown = run_ptest({"show-config", "profile"}, in_dir(dir));
        CHECK(contains(shown.out, "test(Math)"));
        CHECK(contains(shown.out, ".config/ptest.toml:3"));
        // --ignore-default-filter lifts it as it lifts the profile's own.
        Result all = run_ptest(
            {"list", "--ignore-default-filter", "--binary", fixture("gtest_basic").string()},
            in_dir(dir));
        CHECK(contains(all.out, "gtest_basic Crash.Segfault\n"));
    }

    TEST_CASE("default-filter beside an override's filter is an error at its position") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[[profile.default.overrides]]\nfilter = \"test(Math)\"\n"
                   "platform = 'cfg(unix)'\ndefault-filter = \"test(Math)\"\n");
        Result result =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "ptest: error: "));
        CHECK(contains(result.err, ".config/ptest.toml:4:18: "));
        CHECK(contains(result.err, "needs `platform` and no `filter`"));
    }

} // TEST_SUITE
