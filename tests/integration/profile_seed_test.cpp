// The users' own configuration file, byte for byte: ptest reads the seed `nextest.toml` from
// `.config/nextest.toml` or `.config/ptest.toml`, warns once about the key it does not know, runs
// the `ci` profile with its status levels, and writes the JUnit file where the users' CI expects
// it. Also `show-config`, and where malformed configuration is reported.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// The live part of the terminal report, before the `Summary` line.
std::string live_part(const std::string& err) {
    return err.substr(0, err.find("Summary ["));
}

/// Copy the seed file verbatim to `<dir>/.config/<name>` and run the ci profile from there.
void check_seed_run(const std::string& config_name) {
    TempDir dir;
    std::string seed = read_file(shared_dir() / "seed/nextest.toml");
    REQUIRE(!seed.empty());
    write_file(dir / (".config/" + config_name), seed);
    REQUIRE(read_file(dir / (".config/" + config_name)) == seed);

    Result result =
        run_ptest({"run", "--profile", "ci", "--binary", fixture("gtest_behaviour").string(),
                   "--color", "never", "Quick.Passes", "Flaky.PassesOnSecondAttempt"},
                  in_dir(dir));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 100); // The flaky test fails: the seed sets no retries.
    CHECK(result.leftovers.empty());

    // Exactly one warning, naming the unknown key with its file and line.
    CHECK(count_of(result.err, "warning:") == 1);
    CHECK(contains(result.err, ".config/" + config_name + ":17:"));
    CHECK(contains(result.err, "report-format"));
    CHECK(!contains(result.err, "ptest: error:"));

    // status-level = "pass": passing tests have a live line.
    CHECK(contains(live_part(result.err), "PASS ["));
    CHECK(contains(live_part(result.err), "gtest_behaviour Quick.Passes"));
    // final-status-level = "slow" lists failures (and slow and flaky tests), not passes.
    std::string closing = closing_part(result.err);
    CHECK(contains(closing, "FAIL ["));
    CHECK(contains(closing, "Flaky.PassesOnSecondAttempt"));
    CHECK(!contains(closing, "Quick.Passes"));

    fs::path junit = dir / "target/nextest/ci/junit.xml";
    REQUIRE(fs::exists(junit));
    CHECK(junit_validation_errors(junit) == "");
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    CHECK(doc.select_nodes("//testcase").size() == 2);
    CHECK(doc.select_node("//testcase[@name='Quick.Passes' and not(*)]"));
    CHECK(doc.select_node("//testcase[@name='Flaky.PassesOnSecondAttempt']/failure"));
    CHECK(std::string(doc.child("testsuites").attribute("tests").as_string()) == "2");
}

} // namespace

TEST_SUITE("integration::profiles") {

    TEST_CASE("the users' seed file runs verbatim as .config/nextest.toml") {
        check_seed_run("nextest.toml");
    }

    TEST_CASE("the users' seed file runs verbatim as .config/ptest.toml") {
        check_seed_run("ptest.toml");
    }

    TEST_CASE("final-status-level slow lists the slow tests at the end and not the quick ones") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\n"
                                               "slow-timeout = \"500ms\"\n"
                                               "final-status-level = \"slow\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                       "-j", "2", "Quick.Passes", "Slow.OneAndAHalfSeconds"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::string closing = closing_part(result.err);
        CHECK(contains(closing, "SLOW ["));
        CHECK(contains(closing, "gtest_behaviour Slow.OneAndAHalfSeconds"));
        CHECK(!contains(closing, "Quick.Passes"));
    }

    TEST_CASE("show-config defaults prints the embedded default configuration") {
        TempDir dir;
        Result result = run_ptest({"show-config", "defaults"}, in_dir(dir));
        CHECK(result.exit_code == 0);
        CHECK(result.out == read_file(source_dir() / "profiles/default-config.toml"));
    }

    TEST_CASE("show-config profile ci names where each value of the seed workspace comes from") {
        TempDir dir;
        write_file(dir / ".config/nextest.toml", read_file(shared_dir() / "seed/nextest.toml"));
        Result result = run_ptest({"show-config", "profile", "ci"}, in_dir(dir));
        INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::string slow_line;
        std::string retries_line;
        std::string failure_output_line;
        for (std::size_t start = 0; start < result.out.size();) {
            std::size_t end = result.out.find('\n', start);
            std::string line = result.out.substr(start, end - start);
            if (line.starts_with("slow-timeout")) {
                slow_line = line;
            } else if (line.starts_with("retries")) {
                retries_line = line;
            } else if (line.starts_with("failure-output")) {
                failure_output_line = line;
            }
            start = end == std::string::npos ? result.out.size() : end + 1;
        }
        // From the ci profile in the file, with its line.
        CHECK(contains(slow_line, "terminate-after = 2"));
        CHECK(contains(slow_line, "# .config/nextest.toml:9"));
        // Not in the ci profile: from the file's [profile.default], or built in.
        CHECK(contains(retries_line, "retries = 0"));
        CHECK(contains(retries_line, "# .config/nextest.toml:2"));
        CHECK(contains(failure_output_line, "# built-in"));
    }

    TEST_CASE("a value of the wrong type is an error with file, line, column and a caret") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nretries = \"x\"\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "ptest: error: .config/ptest.toml:2:11: "));
        CHECK(contains(result.err, "\nretries = \"x\"\n          ^"));
    }

    TEST_CASE("an unterminated table header is an error with file, line, column and a caret") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.ci\nretries = 1\n");
        Result result =
            run_ptest({"run", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "ptest: error: .config/ptest.toml:1:12: "));
        CHECK(contains(result.err, "\n[profile.ci\n           ^"));
    }

} // TEST_SUITE
