// The NDJSON event stream (issue 19) on real runs of the fixtures: every line of stdout is one JSON
// object that docs/ndjson-schema.json accepts (checked by tests/integration/validate_ndjson.py
// with python3-jsonschema), the human report still reaches stderr, the stream ends with the
// exit code even when the run is interrupted, and its counts are the JUnit file's.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <signal.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

using namespace ptest::itest;
using Json = nlohmann::json;

namespace {

/// Every line of `out` parsed (a line that is not JSON fails the test).
std::vector<Json> events_of(const std::string& out) {
    std::vector<Json> events;
    for (const std::string& line : lines_of(out)) {
        Json event = Json::parse(line, nullptr, false);
        REQUIRE_MESSAGE(!event.is_discarded(), "not JSON: " << line.substr(0, 300));
        REQUIRE(event.is_object());
        events.push_back(std::move(event));
    }
    return events;
}

/// Validate the stream `out` against the schema with python3-jsonschema; returns the
/// validator's complaints (empty when every line is valid).
std::string schema_errors(const TempDir& dir, const std::string& out) {
    const fs::path python = find_program("python3");
    REQUIRE_MESSAGE(!python.empty(), "python3 is not on PATH (scripts/bootstrap installs it)");
    write_file(dir / "stream.ndjson", out);
    Result result =
        run(python,
            {(source_dir() / "tests/integration/validate_ndjson.py").string(),
             (source_dir() / "docs/ndjson-schema.json").string(), (dir / "stream.ndjson").string()},
            in_dir(dir));
    return result.exit_code == 0 ? std::string() : result.out + result.err;
}

/// The events of `type`.
std::vector<Json> of_type(const std::vector<Json>& events, const std::string& type) {
    std::vector<Json> found;
    for (const Json& event : events) {
        if (event["type"] == type) {
            found.push_back(event);
        }
    }
    return found;
}

/// The one `test-finished` of `name`.
Json finished(const std::vector<Json>& events, const std::string& name) {
    std::vector<Json> found;
    for (const Json& event : of_type(events, "test-finished")) {
        if (event["name"] == name) {
            found.push_back(event);
        }
    }
    REQUIRE_MESSAGE(found.size() == 1, name);
    return found.front();
}

/// The JUnit root's counts.
std::map<std::string, int> junit_counts(const fs::path& junit) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    const pugi::xml_node root = doc.child("testsuites");
    return {{"tests", root.attribute("tests").as_int()},
            {"failures", root.attribute("failures").as_int()},
            {"errors", root.attribute("errors").as_int()},
            {"skipped", root.attribute("skipped").as_int()}};
}

/// Check that `counts` (a run-finished's) are what the JUnit file at `junit` counts: a finished
/// test is a testcase; a failure, abort or timeout a `<failure>`; a start failure, a cancel or a
/// leak with result fail an `<error>`; a test that skipped itself a `<skipped>` (tests the run
/// did not start are left out of the file, junit.report-skipped's default).
void check_counts_match_junit(const Json& counts, const fs::path& junit) {
    const std::map<std::string, int> expected = {
        {"tests", counts["finished-count"].get<int>()},
        {"failures", counts["failed"].get<int>() - counts["leaky-failed"].get<int>() +
                         counts["timed-out"].get<int>()},
        {"errors", counts["exec-failed"].get<int>() + counts["cancelled"].get<int>() +
                       counts["leaky-failed"].get<int>()},
        {"skipped", counts["skipped-at-runtime"].get<int>()}};
    CHECK(junit_counts(junit) == expected);
}

/// Check each test-finished against the JUnit testcase of the same test.
void check_tests_match_junit(const std::vector<Json>& events, const fs::path& junit) {
    const auto outcomes = junit_outcomes(junit);
    const std::map<std::string, std::string> junit_word = {
        {"pass", "pass"}, {"fail", "fail"},       {"abort", "abort"},     {"timeout", "fail"},
        {"skip", "skip"}, {"exec-fail", "error"}, {"cancelled", "error"}, {"leak-fail", "error"}};
    const std::vector<Json> tests = of_type(events, "test-finished");
    CHECK(tests.size() == outcomes.size());
    for (const Json& test : tests) {
        const auto key =
            std::make_pair(test["binary-id"].get<std::string>(), test["name"].get<std::string>());
        CAPTURE(key.second);
        REQUIRE(outcomes.count(key) == 1);
        CHECK(outcomes.at(key) == junit_word.at(test["result"].get<std::string>()));
    }
}

/// The workspace of the mixed run: slow after 1 s, terminated after 3, leaks judged after
/// 200 ms, two retries for the flaky tests.
const std::string k_mixed_config = "[profile.default]\n"
                                   "fail-fast = false\n"
                                   "slow-timeout = { period = \"1s\", terminate-after = 3, "
                                   "grace-period = \"1s\" }\n"
                                   "leak-timeout = \"200ms\"\n"
                                   "[[profile.default.overrides]]\n"
                                   "filter = \"test(/^Flaky/)\"\n"
                                   "retries = 2\n"
                                   "[profile.default.junit]\n"
                                   "path = \"junit.xml\"\n";

/// The tests of gtest_behaviour the mixed run adds to all of gtest_basic.
const std::string k_mixed_filter =
    "binary(gtest_basic) or test(/^(Flaky.PassesOnSecondAttempt|Slow.OneAndAHalfSeconds|"
    "Hang.Forever|Leak.GrandchildHoldsStdout|Hostile.Output|Quick.Passes)$/)";

Result run_mixed(const TempDir& dir, const std::vector<std::string>& extra = {}) {
    write_file(dir / ".config/ptest.toml", k_mixed_config);
    std::vector<std::string> args = {"run",
                                     "--color",
                                     "never",
                                     "--message-format",
                                     "ndjson",
                                     "--binary",
                                     fixture("gtest_basic").string(),
                                     "--binary",
                                     fixture("gtest_behaviour").string(),
                                     "-E",
                                     k_mixed_filter};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

} // namespace

TEST_SUITE("integration::ndjson") {

    TEST_CASE("a run that passes, fails, retries, is slow, times out, leaks and skips is one "
              "valid event per line") {
        TempDir dir;
        Result result = run_mixed(dir);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(schema_errors(dir, result.out) == "");
        // The human report still goes to stderr.
        CHECK(contains(result.err, "Summary ["));
        const std::vector<Json> events = events_of(result.out);
        REQUIRE(events.size() > 10);
        CHECK(events.front()["type"] == "run-started");
        CHECK(events.front()["format-version"] == 1);
        CHECK(events.back()["type"] == "run-finished");
        CHECK(events.back()["exit-code"] == 100);
        const Json& binaries = events.front()["binaries"];
        REQUIRE(binaries.size() == 2);
        CHECK(binaries[0]["kind"] == "gtest");
        CHECK(binaries[0]["tests"].get<int>() + binaries[1]["tests"].get<int>() ==
              events.front()["test-count"].get<int>());

        CHECK(finished(events, "Math.Adds")["result"] == "pass");
        CHECK(finished(events, "Math.Compares")["result"] == "fail");
        CHECK(finished(events, "Crash.Segfault")["result"] == "abort");
        CHECK(finished(events, "Skip.NotOnThisMachine")["result"] == "skip");
        CHECK(finished(events, "Hang.Forever")["result"] == "timeout");
        CHECK(finished(events, "Slow.OneAndAHalfSeconds")["slow"] == true);
        CHECK(finished(events, "Leak.GrandchildHoldsStdout")["leaked"] == true);
        const Json flaky = finished(events, "Flaky.PassesOnSecondAttempt");
        CHECK(flaky["flaky"] == true);
        CHECK(flaky["attempts"] == 2);

        // Every attempt has its line: the flaky test's first says a retry follows.
        std::vector<Json> flaky_attempts;
        for (const Json& event : of_type(events, "attempt-finished")) {
            if (event["name"] == "Flaky.PassesOnSecondAttempt") {
                flaky_attempts.push_back(event);
            }
        }
        REQUIRE(flaky_attempts.size() == 2);
        CHECK(flaky_attempts[0]["will-retry"] == true);
        CHECK(flaky_attempts[0]["status"] == "fail");
        CHECK(flaky_attempts[1]["will-retry"] == false);
        CHECK(of_type(events, "test-retry-started").size() == 1);
        CHECK(of_type(events, "test-slow").size() >= 3); // Slow once, Hang.Forever three times.

        // The crash says which signal; the failure says where the case is.
        for (const Json& event : of_type(events, "attempt-finished")) {
            if (event["name"] == "Crash.Segfault") {
                CHECK(event["signal-name"] == "SIGSEGV");
                CHECK(event["exit-code"].is_null());
            }
            if (event["name"] == "Math.Compares") {
                CHECK(event["location"]["file"].get<std::string>().find("basic_test.cpp") !=
                      std::string::npos);
                CHECK(event["location"]["line"].get<int>() > 0);
                CHECK(contains(event["failure-message"].get<std::string>(),
                               "Expected equality of these values:"));
            }
            if (event["name"] == "Hostile.Output") {
                // Escapes and control characters kept, invalid UTF-8 replaced.
                const std::string out = event["stdout"]["head"].get<std::string>();
                CHECK(contains(out, "hostile: colour \x1b[31m red"));
                CHECK(contains(out, "[\xef\xbf\xbd\xef\xbf\xbd]"));
                CHECK(contains(out, std::string("nul [\0]", 7)));
            }
        }
        // Tests the expression left out are skipped, with the reason.
        const std::vector<Json> skipped = of_type(events, "test-skipped");
        CHECK(skipped.size() == events.front()["skipped-count"].get<std::size_t>());
        std::set<std::string> reasons;
        for (const Json& event : skipped) {
            reasons.insert(event["reason"].get<std::string>());
        }
        CHECK(reasons == std::set<std::string>{"filtered", "ignored"});

        const Json& counts = events.back()["counts"];
        CHECK(counts["flaky"] == 1);
        CHECK(counts["timed-out"] == 1);
        CHECK(counts["leaky"] == 1);
        check_counts_match_junit(counts, dir / "junit.xml");
        check_tests_match_junit(events, dir / "junit.xml");
    }

    TEST_CASE("test names full of the characters a selector or JSON gives a meaning to are "
              "written exactly") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                               "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result = run_ptest({"run", "--color", "never", "--message-format", "ndjson",
                                   "--binary", fixture("catch2_hostile").string()},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(schema_errors(dir, result.out) == "");
        const std::vector<Json> events = events_of(result.out);
        CHECK(finished(events, "all of , [ ] \\ * ~ \" in one")["result"] == "pass");
        CHECK(finished(events, "\"quoted\" at the start")["result"] == "pass");
        CHECK(events.back()["exit-code"] == result.exit_code);
        check_counts_match_junit(events.back()["counts"], dir / "junit.xml");
        check_tests_match_junit(events, dir / "junit.xml");
    }

    TEST_CASE("SIGINT cancels the run and the stream still ends with run-finished") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n"
                   "slow-timeout = { period = \"1s\", grace-period = \"1s\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Running ptest(ptest_exe(),
                      {"run", "Hang.Forever", "--binary", fixture("gtest_behaviour").string(),
                       "--color", "never", "--message-format", "ndjson"},
                      in_dir(dir));
        // Its SLOW line says the test is running (a deadline for a stuck run, not a timing).
        REQUIRE(ptest.wait_for_stderr("SLOW", std::chrono::seconds(30)));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(schema_errors(dir, result.out) == "");
        const std::vector<Json> events = events_of(result.out);
        REQUIRE(!of_type(events, "run-cancelling").empty());
        const Json cancelling = of_type(events, "run-cancelling").front();
        CHECK(cancelling["reason"] == "signal");
        CHECK(cancelling["signal-name"] == "SIGINT");
        CHECK(finished(events, "Hang.Forever")["result"] == "cancelled");
        CHECK(events.back()["type"] == "run-finished");
        CHECK(events.back()["exit-code"] == 100);
        check_counts_match_junit(events.back()["counts"], dir / "junit.xml");
    }

    TEST_CASE("a stress run starts its stream with the first iteration and ends it with the "
              "stress run's exit code") {
        TempDir dir;
        Result result =
            run_fixtures(dir, {"gtest_basic"},
                         {"Math.Adds", "--stress-count", "3", "--message-format", "ndjson"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(schema_errors(dir, result.out) == "");
        const std::vector<Json> events = events_of(result.out);
        REQUIRE(!events.empty());
        CHECK(events.front()["type"] == "stress-iteration-started");
        CHECK(events.front()["format-version"] == 1);
        CHECK(of_type(events, "run-started").size() == 3);
        CHECK(of_type(events, "stress-iteration-finished").size() == 3);
        CHECK(events.back()["type"] == "stress-run-finished");
        CHECK(events.back()["passed"] == 3);
        CHECK(events.back()["exit-code"] == 0);
        // Only the stream's last line carries the exit code.
        for (const Json& event : of_type(events, "run-finished")) {
            CHECK_FALSE(event.contains("exit-code"));
        }
        // The JUnit file describes the last iteration.
        check_counts_match_junit(of_type(events, "run-finished").back()["counts"],
                                 dir / "junit.xml");
    }

    TEST_CASE("batches say which cases they vouched for and which are re-run alone") {
        TempDir dir;
        Result result = run_fixtures(dir, {"gtest_basic"},
                                     {"--isolation", "batch", "--message-format", "ndjson"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(schema_errors(dir, result.out) == "");
        const std::vector<Json> events = events_of(result.out);
        const std::vector<Json> started = of_type(events, "batch-started");
        const std::vector<Json> done = of_type(events, "batch-finished");
        REQUIRE(!started.empty());
        CHECK(started.size() == done.size());
        std::size_t batched = 0;
        std::size_t reruns = 0;
        for (const Json& event : started) {
            batched += event["names"].size();
        }
        for (const Json& event : done) {
            reruns += event["reruns"].size();
        }
        const Json& counts = events.back()["counts"];
        CHECK(counts["batched"] == batched);
        CHECK(counts["batch-reruns"] == reruns);
        CHECK(reruns > 0); // The crashes and failures are re-run alone.
        check_counts_match_junit(counts, dir / "junit.xml");
        check_tests_match_junit(events, dir / "junit.xml");
    }

    TEST_CASE("nothing but the stream reaches stdout: not --no-capture tests, not scripts") {
        TempDir dir;
        const fs::path sh = find_program("sh");
        REQUIRE(!sh.empty());
        write_file(dir / ".config/ptest.toml", "[scripts.setup.hello]\n"
                                               "command = [\"" +
                                                   sh.string() +
                                                   "\", \"-c\", \"echo setup-says-hello\"]\n"
                                                   "health = { command = \"" +
                                                   sh.string() +
                                                   " -c true\", timeout = \"10s\" }\n"
                                                   "[scripts.teardown.bye]\n"
                                                   "command = [\"" +
                                                   sh.string() +
                                                   "\", \"-c\", \"echo teardown-says-bye\"]\n"
                                                   "[[profile.default.scripts]]\n"
                                                   "setup = \"hello\"\n"
                                                   "teardown = \"bye\"\n"
                                                   "[profile.default]\nfail-fast = false\n");
        Result result = run_ptest({"run", "--color", "never", "--message-format", "ndjson",
                                   "--no-capture", "--binary", fixture("gtest_basic").string(),
                                   "Output.PrintsBothStreams", "Math.Adds"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(schema_errors(dir, result.out) == "");
        // What the test and the scripts print went to stderr instead.
        CHECK(contains(result.err, "output: to stdout"));
        CHECK(contains(result.err, "setup-says-hello"));
        CHECK(contains(result.err, "teardown-says-bye"));
        const std::vector<Json> events = events_of(result.out);
        CHECK(events.front()["no-capture"] == true);
        const std::vector<Json> scripts = of_type(events, "script-finished");
        REQUIRE(scripts.size() == 2);
        CHECK(scripts[0]["kind"] == "setup");
        CHECK(scripts[1]["kind"] == "teardown");
        CHECK(of_type(events, "script-health-checked").size() == 1);
        CHECK(events.back()["exit-code"] == 0);
    }

    TEST_CASE("--message-format is ndjson or human on run, and json still lists") {
        TempDir dir;
        Result refused = run_ptest(
            {"run", "--message-format", "json", "--binary", fixture("gtest_basic").string()},
            in_dir(dir));
        CHECK(refused.exit_code == 2);
        CHECK(contains(refused.err, "invalid --message-format `json` (expected human or ndjson)"));
        Result listed = run_ptest(
            {"list", "--message-format", "json", "--binary", fixture("gtest_basic").string()},
            in_dir(dir));
        CHECK(listed.exit_code == 0);
        CHECK(Json::parse(listed.out, nullptr, false).is_object());
        Result not_listed = run_ptest(
            {"list", "--message-format", "ndjson", "--binary", fixture("gtest_basic").string()},
            in_dir(dir));
        CHECK(not_listed.exit_code == 2);
        // A plain run writes nothing to stdout.
        Result human = run_ptest(
            {"run", "--color", "never", "--binary", fixture("gtest_basic").string(), "Math.Adds"},
            in_dir(dir));
        CHECK(human.exit_code == 0);
        CHECK(human.out == "");
    }

} // TEST_SUITE
