// ptest on real Catch2 3.7.1 binaries (tests/fixtures/catch2v3): they list, run and report like
// Catch2 2.13 ones, with each verdict read from Catch2's XML report and cross-checked with the
// exit status, with and without --no-capture; the hostile cases of the model fool neither.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_v3_binaries = {"catch2v3_hostile", "catch2v3_ignore_result"};

/// Run both Catch2 v3 fixtures with `extra` arguments and a JUnit file; returns the result and
/// fills `outcomes` with each JUnit test case's outcome by (binary, name).
Result run_v3(const TempDir& dir, const std::vector<std::string>& extra,
              std::map<std::pair<std::string, std::string>, std::string>& outcomes) {
    Result result = run_fixtures(dir, k_v3_binaries, extra);
    outcomes = junit_outcomes(dir / "junit.xml");
    return result;
}

} // namespace

TEST_SUITE("integration::catch2_v3") {

    TEST_CASE("every Catch2 v3 case ends as the model says, with and without --no-capture") {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--no-capture"}}) {
            CAPTURE(extra.size());
            TempDir dir;
            std::map<std::pair<std::string, std::string>, std::string> outcomes;
            Result result = run_v3(dir, extra, outcomes);
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100); // The fixtures fail on purpose.
            CHECK(result.leftovers.empty());
            CHECK(junit_validation_errors(dir / "junit.xml") == "");
            const int compared = compare_with_model(outcomes, k_v3_binaries);
            CHECK(compared == 33);
            // Each disagreement between the report and the exit status is named in one line.
            CHECK(contains(result.err, "the process exited before the test case finished "
                                       "(Catch2's report stops inside test case `exit zero "
                                       "mid-test`)"));
            CHECK(contains(result.err, "Catch2's report says the test case failed, but the "
                                       "process exited with code 0"));
            const std::string junit = read_file(dir / "junit.xml");
            CHECK(contains(junit, "skipped at run time")); // SKIP()
            // One name twice, with different tags: each its own verdict.
            CHECK(outcomes[{"catch2v3_hostile", "same name"}] == "pass");
            CHECK(outcomes[{"catch2v3_hostile", "same name #2"}] == "fail");
            // The failure message is the report's: the assertion's file:line, then its expression.
            CHECK(contains(junit, "catch2v3/hostile_test.cpp:"));
            CHECK(contains(junit, ": CHECK( 1 == 2 )\""));
        }
    }

    TEST_CASE("the report files of the attempts are not left behind") {
        TempDir dir;
        std::map<std::pair<std::string, std::string>, std::string> outcomes;
        Result result = run_v3(dir, {"--run-ignored", "all"}, outcomes);
        CHECK(outcomes[{"catch2v3_hostile", "hidden"}] == "pass"); // Hidden cases run when named.
        for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
            CHECK_FALSE(entry.path().filename().string().starts_with("catch2-report-"));
        }
    }

    TEST_CASE("ptest list shows Catch2 v3 cases in order, hidden ones ignored, tags as labels") {
        TempDir dir;
        Result listed =
            run_ptest({"list", "--binary", fixture("catch2v3_hostile").string()}, in_dir(dir));
        INFO("stderr:\n" << listed.err);
        CHECK(listed.exit_code == 0);
        CHECK(lines_of(listed.out) == std::vector<std::string>{
                                          "catch2v3_hostile pass",
                                          "catch2v3_hostile fail assert",
                                          "catch2v3_hostile runtime skip",
                                          "catch2v3_hostile no newline on stdout",
                                          "catch2v3_hostile no newline on stderr",
                                          "catch2v3_hostile fake summary then exit",
                                          "catch2v3_hostile exit zero mid-test",
                                          "catch2v3_hostile hidden (ignored)",
                                          "catch2v3_hostile exit(0) mid-test",
                                          "catch2v3_hostile throws",
                                          "catch2v3_hostile fails after printing without newline",
                                          "catch2v3_hostile fake failure block",
                                          "catch2v3_hostile may fail and fails",
                                          "catch2v3_hostile should fail and fails",
                                          "catch2v3_hostile should fail but passes",
                                          "catch2v3_hostile skips in a section",
                                          "catch2v3_hostile sections, one fails",
                                          "catch2v3_hostile generators",
                                          "catch2v3_hostile all of , [ ] \\ * ~ \" in one",
                                          "catch2v3_hostile ~ tilde then space",
                                          "catch2v3_hostile exclude:not an exclusion",
                                          "catch2v3_hostile   leading and trailing spaces  ",
                                          "catch2v3_hostile ,",
                                          "catch2v3_hostile \\[]~",
                                          "catch2v3_hostile *ends like pass",
                                          "catch2v3_hostile this one ends like pass",
                                          "catch2v3_hostile same name",
                                          "catch2v3_hostile same name #2",
                                          "catch2v3_hostile twin",
                                          "catch2v3_hostile  twin ",
                                          "catch2v3_hostile one line (cannot run on its own: "
                                          "another test case has the same name (Catch2 trims "
                                          "names), file and line, and every tag of this one: "
                                          "neither a test spec nor Catch2's report tells them "
                                          "apart)",
                                          "catch2v3_hostile one line #2",
                                      });
        Result quick = run_ptest(
            {"list", "--binary", fixture("catch2v3_hostile").string(), "-E", "label(quick)"},
            in_dir(dir));
        CHECK(lines_of(quick.out) == std::vector<std::string>{"catch2v3_hostile pass"});
        Result hidden = run_ptest({"list", "--binary", fixture("catch2v3_hostile").string(), "-E",
                                   "label(hidden) & label(.)", "--run-ignored", "only"},
                                  in_dir(dir));
        CHECK(lines_of(hidden.out) ==
              std::vector<std::string>{"catch2v3_hostile hidden (ignored)"});
    }

    TEST_CASE("kind = \"catch2\" declares a Catch2 v3 binary too") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" +
                                                   fixture("catch2v3_ignore_result").string() +
                                                   "\"\nkind = \"catch2\"\n");
        Result json = run_ptest({"list", "--message-format", "json"}, in_dir(dir));
        INFO("stderr:\n" << json.err);
        CHECK(json.exit_code == 0);
        CHECK(contains(json.out, "\"kind\":\"catch2\""));
        CHECK(contains(json.out, "\"name\":\"ignored failure\""));
    }

} // TEST_SUITE
