// slow-timeout and leak-timeout on the real fixtures: a hanging test is reported SLOW, then
// TERMINATING, ends as TIMEOUT (SIGKILL after the grace period when it ignores SIGTERM) and leaves
// nothing running; a slow test that finishes passes; a test whose grandchild holds its output is
// LEAK, LEAK-FAIL or a plain pass depending on leak-timeout.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

constexpr const char* k_terminating_profile =
    "[profile.default]\n"
    "fail-fast = false\n"
    "slow-timeout = { period = \"500ms\", terminate-after = 2, grace-period = \"1s\" }\n"
    "[profile.default.junit]\n"
    "path = \"junit.xml\"\n";

/// Run `gtest_behaviour` cases matching `filters` exactly in a workspace holding `config`.
Result run_behaviour(const TempDir& dir, const std::string& config,
                     const std::vector<std::string>& filters) {
    write_file(dir / ".config/ptest.toml", config);
    std::vector<std::string> args = {"run",     "--binary", fixture("gtest_behaviour").string(),
                                     "--color", "never",    "-j",
                                     "2",       "--exact"};
    args.insert(args.end(), filters.begin(), filters.end());
    return run_ptest(args, in_dir(dir));
}

/// The `type` of the first `element` of the testcase `name` in `<dir>/junit.xml`.
std::string junit_type(const TempDir& dir, const std::string& name, const std::string& element) {
    pugi::xml_document doc;
    if (!doc.load_file((dir / "junit.xml").c_str())) {
        return "(no junit.xml)";
    }
    pugi::xpath_node node =
        doc.select_node(("//testcase[@name='" + name + "']/" + element).c_str());
    return node ? node.node().attribute("type").as_string() : "(no " + element + ")";
}

/// `leak-timeout = <value>` with a JUnit report, and failures shown never.
std::string leak_profile(const std::string& value) {
    return "[profile.default]\nfail-fast = false\nfailure-output = \"never\"\nleak-timeout = " +
           value + "\n[profile.default.junit]\npath = \"junit.xml\"\n";
}

} // namespace

TEST_SUITE("integration::profiles") {

    TEST_CASE("a hanging test is slow, then terminated, and times out") {
        TempDir dir;
        Result result = run_behaviour(dir, k_terminating_profile, {"Hang.Forever"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        std::size_t slow = result.err.find("SLOW [>");
        std::size_t terminating = result.err.find("TERMINATING [>");
        std::size_t timeout = result.err.find("TIMEOUT [");
        REQUIRE(slow != std::string::npos);
        REQUIRE(terminating != std::string::npos);
        REQUIRE(timeout != std::string::npos);
        CHECK(slow < terminating);
        CHECK(terminating < timeout);
        CHECK(contains(result.err, "1 timed out"));
        // Terminated after the 1 s period (a floor in real time; 0.1 s for the clock readings)
        // and not the 300 s the test would hang: 7 s of margin for a loaded machine.
        CHECK(result.seconds > 0.9);
        CHECK(result.seconds < 8.0);
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(junit_type(dir, "Hang.Forever", "failure") == "test timeout");
    }

    TEST_CASE("a hanging test that ignores SIGTERM is killed when the grace period ends") {
        TempDir dir;
        Result result = run_behaviour(dir, k_terminating_profile, {"Hang.IgnoresSigterm"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "TIMEOUT ["));
        // Terminated at 1 s, killed 1 s later: not before the grace period, not long after it
        // (6 s of margin for a loaded machine). The test must have ignored SIGTERM by then: it
        // does so first thing, and the 1 s period is its margin.
        CHECK(result.seconds > 1.9);
        CHECK(result.seconds < 8.0);
        CHECK(junit_type(dir, "Hang.IgnoresSigterm", "failure") == "test timeout");
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        std::string message =
            doc.select_node("//testcase[@name='Hang.IgnoresSigterm']/failure/@message")
                .attribute()
                .as_string();
        CHECK(message == "test timeout after 1.000s (terminated with SIGKILL)");
    }

    TEST_CASE("a slow test without terminate-after is reported slow and passes") {
        TempDir dir;
        Result result = run_behaviour(dir,
                                      "[profile.default]\nslow-timeout = \"500ms\"\n"
                                      "[profile.default.junit]\npath = \"junit.xml\"\n",
                                      {"Slow.OneAndAHalfSeconds"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "SLOW [>  0.500s] gtest_behaviour Slow.OneAndAHalfSeconds"));
        CHECK(contains(result.err, "SLOW [>  1.000s] gtest_behaviour Slow.OneAndAHalfSeconds"));
        CHECK(contains(result.err, "PASS ["));
        CHECK(!contains(result.err, "TERMINATING"));
        CHECK(junit_type(dir, "Slow.OneAndAHalfSeconds", "failure") == "(no failure)");
    }

    TEST_CASE("a grandchild holding stdout past leak-timeout makes a leaky pass") {
        TempDir dir;
        Result result =
            run_behaviour(dir, leak_profile("\"100ms\""), {"Leak.GrandchildHoldsStdout"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "LEAK [   "));
        CHECK(contains(result.err, "1 passed (1 leaky)"));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("leak-timeout with result fail fails a test that leaks") {
        TempDir dir;
        Result result =
            run_behaviour(dir, leak_profile("{ period = \"100ms\", result = \"fail\" }"),
                          {"Leak.GrandchildHoldsStdout"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "LEAK-FAIL ["));
        CHECK(contains(result.err, "1 failed (1 due to being leaky)"));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        CHECK(junit_type(dir, "Leak.GrandchildHoldsStdout", "error") ==
              "test exited with code 0, but leaked handles so was marked failed");
    }

    TEST_CASE("a grandchild that closes its output within leak-timeout is no leak") {
        TempDir dir;
        Result result = run_behaviour(dir, leak_profile("\"5s\""), {"Leak.GrandchildHoldsStdout"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "PASS ["));
        CHECK(!contains(result.err, "LEAK"));
        // It waited for the grandchild's 2 s, which is real time: the 0.5 s below it are slack.
        CHECK(result.seconds > 1.5);
    }

    TEST_CASE("a leaked grandchild that ignores SIGTERM does not outlive the run") {
        TempDir dir;
        Result result =
            run_behaviour(dir, leak_profile("\"100ms\""), {"Leak.GrandchildIgnoresSigterm"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "LEAK ["));
        CHECK(result.leftovers.empty());
        // Killed after 100 ms of leak-timeout, not the grandchild's 300 s: the rest of 8 s is
        // margin for a loaded machine.
        CHECK(result.seconds < 8.0);
    }

    TEST_CASE("a timeout on every attempt is a failure plus a rerun failure in all frameworks") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nfailure-output = \"never\"\n"
                   "slow-timeout = { period = \"500ms\", terminate-after = 1, "
                   "grace-period = \"500ms\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--binary",
                       fixture("catch2_behaviour").string(), "--binary",
                       fixture("doctest_behaviour").string(), "--color", "never", "-j", "2",
                       "--retries", "1", "--exact", "Hang.Forever", "slow one and a half seconds"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "TRY 1 TMT ["));
        CHECK(contains(result.err, "TRY 2 TMT ["));
        CHECK(contains(result.err, "3 timed out"));
        fs::path junit = dir / "junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        pugi::xpath_node_set cases = doc.select_nodes("//testcase");
        CHECK(cases.size() == 3);
        for (pugi::xpath_node node : cases) {
            CAPTURE(node.node().attribute("classname").as_string());
            pugi::xml_node failure = node.node().child("failure");
            CHECK(std::string(failure.attribute("type").as_string()) == "test timeout");
            CHECK(std::string(failure.attribute("message").as_string())
                      .starts_with("test timeout after 0.500s"));
            pugi::xml_node rerun = node.node().child("rerunFailure");
            CHECK(std::string(rerun.attribute("type").as_string()) == "test timeout");
        }
    }

} // TEST_SUITE
