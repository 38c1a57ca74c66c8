// Retries and flakiness, from the command line, a profile and the environment: a test that
// passes on its second attempt is reported FLAKY and passes the run, with `flakyFailure` in the
// JUnit file; a test failing every attempt fails the run with one `failure` and a `rerunFailure`
// per retry; a fixed backoff delays the retry.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Run the flaky fixture case from `dir` (which holds `config`) and check it ends flaky.
void check_flaky_run(const std::string& config, const std::vector<std::string>& extra_args,
                     const Options& extra_options) {
    TempDir dir;
    write_file(dir / ".config/ptest.toml",
               config + "\n[profile.default.junit]\npath = \"junit.xml\"\n");
    std::vector<std::string> args = {"run",     "--binary", fixture("gtest_behaviour").string(),
                                     "--color", "never",    "Flaky.PassesOnSecondAttempt"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    Options options = extra_options;
    options.cwd = dir.path();
    Result result = run_ptest(args, options);
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.leftovers.empty());

    std::size_t try_fail = result.err.find("TRY 1 FAIL [");
    std::size_t try_pass = result.err.find("TRY 2 PASS [");
    REQUIRE(try_fail != std::string::npos);
    REQUIRE(try_pass != std::string::npos);
    CHECK(try_fail < try_pass);
    CHECK(contains(result.err, "RETRY 2/3"));
    CHECK(contains(result.err, "(1 flaky)"));
    std::string closing = closing_part(result.err);
    CHECK(contains(closing, "FLAKY 2/3 ["));
    CHECK(contains(closing, "gtest_behaviour Flaky.PassesOnSecondAttempt"));

    fs::path junit = dir / "junit.xml";
    REQUIRE(fs::exists(junit));
    CHECK(junit_validation_errors(junit) == "");
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    CHECK(doc.select_nodes("//testcase/flakyFailure").size() == 1);
    CHECK(doc.select_nodes("//failure").size() == 0);
    CHECK(doc.select_nodes("//rerunFailure").size() == 0);
    CHECK(std::string(doc.child("testsuites").attribute("failures").as_string()) == "0");
}

} // namespace

TEST_SUITE("integration::profiles") {

    TEST_CASE("--retries 2 turns a test passing on its second attempt into a flaky pass") {
        check_flaky_run("[profile.default]\n", {"--retries", "2"}, {});
    }

    TEST_CASE("retries = 2 in the profile turns a test passing on its second attempt flaky") {
        check_flaky_run("[profile.default]\nretries = 2\n", {}, {});
    }

    TEST_CASE("PTEST_RETRIES=2 turns a test passing on its second attempt flaky") {
        Options options;
        options.env.emplace("PTEST_RETRIES", "2");
        check_flaky_run("[profile.default]\n", {}, options);
    }

    TEST_CASE("flaky cases of all three frameworks pass on their second attempt") {
        TempDir dir;
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--binary",
                       fixture("catch2_behaviour").string(), "--binary",
                       fixture("doctest_behaviour").string(), "--color", "never", "--retries", "2",
                       "-j", "2", "Flaky.PassesOnSecondAttempt", "flaky passes on second attempt"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::string closing = closing_part(result.err);
        CHECK(contains(closing, "gtest_behaviour Flaky.PassesOnSecondAttempt"));
        CHECK(contains(closing, "catch2_behaviour flaky passes on second attempt"));
        CHECK(contains(closing, "doctest_behaviour flaky passes on second attempt"));
        CHECK(contains(result.err, "(3 flaky)"));
    }

    TEST_CASE("a test failing every attempt fails the run with a failure and rerun failures") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result = run_ptest({"run", "--binary", fixture("gtest_basic").string(), "--color",
                                   "never", "--retries", "2", "--exact", "Math.Compares"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "TRY 1 FAIL ["));
        CHECK(contains(result.err, "TRY 2 FAIL ["));
        CHECK(contains(result.err, "TRY 3 FAIL ["));
        fs::path junit = dir / "junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        pugi::xpath_node testcase = doc.select_node("//testcase[@name='Math.Compares']");
        REQUIRE(testcase);
        CHECK(testcase.node().select_nodes("failure").size() == 1);
        CHECK(testcase.node().select_nodes("rerunFailure").size() == 2);
        CHECK(testcase.node().select_nodes("flakyFailure").size() == 0);
        CHECK(std::string(testcase.node().child("failure").attribute("type").as_string()) ==
              "test failure with exit code 1");
    }

    TEST_CASE("a fixed backoff delays the retry by its delay") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\n"
                   "retries = { backoff = \"fixed\", count = 1, delay = \"1s\" }\n");
        std::vector<std::string> args = {
            "run",     "--binary",     fixture("gtest_basic").string(), "--color", "never",
            "--exact", "Math.Compares"};
        Result delayed = run_ptest(args, in_dir(dir));
        INFO("stderr:\n" << delayed.err);
        CHECK(delayed.exit_code == 100);
        CHECK(contains(delayed.err, "DELAY 2/2"));
        CHECK(contains(delayed.err, "TRY 2 FAIL ["));
        // The 1 s delay is real time (no margin needed below); above it, two short attempts and
        // 9 s of margin for a loaded machine.
        CHECK(delayed.seconds >= 1.0);
        CHECK(delayed.seconds < 10.0);

        args.insert(args.end(), {"--retries", "1"}); // The count, without the backoff.
        Result prompt = run_ptest(args, in_dir(dir));
        CHECK(prompt.exit_code == 100);
        CHECK(!contains(prompt.err, "DELAY 2/2"));
        // The same two attempts without the delay: the 1 s delay is the margin.
        CHECK(prompt.seconds < delayed.seconds);
    }

    TEST_CASE("a test passing on its third attempt keeps both failed attempts as flakyFailure") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                       "--retries", "2", "--exact", "Flaky.PassesEveryThirdAttempt"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "TRY 3 PASS ["));
        CHECK(contains(result.err, "FLAKY 3/3 ["));
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        pugi::xpath_node_set flaky = doc.select_nodes("//testcase/flakyFailure");
        REQUIRE(flaky.size() == 2);
        for (pugi::xpath_node node : flaky) {
            CHECK(std::string(node.node().attribute("type").as_string()) ==
                  "test failure with exit code 1");
            CHECK(contains(node.node().child("system-out").text().as_string(),
                           "[  FAILED  ] Flaky.PassesEveryThirdAttempt"));
        }
        // The passing attempt's output is not stored: store-success-output defaults to false.
        CHECK(!doc.select_node("//testcase/system-out"));
    }

} // TEST_SUITE
