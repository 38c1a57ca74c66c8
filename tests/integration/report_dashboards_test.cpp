// Reports for dashboards (issue 19, item 5) on real fixtures: `junit.flaky-properties` marks a
// flaky testcase with `flaky` and `attempts` properties; `flaky-result = "fail"` fails the run,
// its summary and its JUnit file; `junit.report-skipped` writes the tests the run did not start;
// and `global-timeout` stops a hanging run, says why, runs the teardown, leaves no process behind
// and still writes a JUnit file that validates.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Run `ptest run` on gtest_behaviour's `Flaky.PassesOnSecondAttempt` with `--retries 2` and
/// `profile` / `junit` lines in the configuration.
Result run_flaky(const TempDir& dir, const std::string& profile, const std::string& junit) {
    write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n" + profile +
                                               "[profile.default.junit]\npath = \"junit.xml\"\n" +
                                               junit);
    return run_ptest({"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                      "--exact", "Flaky.PassesOnSecondAttempt", "--retries", "2"},
                     in_dir(dir));
}

/// The report at `junit` with its testcase properties removed (tests/data/junit's stylesheet),
/// checked against both schemas: empty when valid.
std::string validation_errors_without_properties(const TempDir& dir, const fs::path& junit) {
    const fs::path stripped = dir / "stripped.xml";
    const Result strip =
        run(find_program("xsltproc"),
            {"-o", stripped.string(),
             (source_dir() / "tests/data/junit/without-testcase-properties.xsl").string(),
             junit.string()});
    if (strip.exit_code != 0) {
        return "xsltproc: " + strip.err;
    }
    return junit_validation_errors(stripped);
}

const std::string k_flaky_case =
    "/testsuites/testsuite[@name='gtest_behaviour']/testcase[@name='Flaky.PassesOnSecondAttempt']";

} // namespace

TEST_SUITE("integration::report::dashboards") {

    TEST_CASE("flaky-properties gives a flaky testcase flaky=true and its attempt count") {
        TempDir dir;
        const Result result = run_flaky(dir, "", "flaky-properties = true\n");
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        const fs::path junit = dir / "junit.xml";
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        const std::string properties = k_flaky_case + "/properties/property";
        CHECK(doc.select_nodes((properties).c_str()).size() == 2);
        CHECK(std::string(doc.select_node((properties + "[@name='flaky']/@value").c_str())
                              .attribute()
                              .value()) == "true");
        CHECK(std::string(doc.select_node((properties + "[@name='attempts']/@value").c_str())
                              .attribute()
                              .value()) == "2");
        CHECK(doc.select_nodes((k_flaky_case + "/flakyFailure").c_str()).size() == 1);
        CHECK(validation_errors_without_properties(dir, junit) == "");
    }

    TEST_CASE("without flaky-properties a flaky testcase has no properties and validates") {
        TempDir dir;
        const Result result = run_flaky(dir, "", "");
        CHECK(result.exit_code == 0);
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        CHECK(doc.select_nodes("//properties").empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("flaky-result fail fails the run, its summary and its JUnit file") {
        TempDir dir;
        const Result result = run_flaky(dir, "flaky-result = \"fail\"\n", "");
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "0 passed, 1 failed (1 due to being flaky)"));
        CHECK(contains(closing_part(result.err), "FLAKY 2/3 ["));
        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        CHECK(std::string(doc.child("testsuites").attribute("failures").value()) == "1");
        CHECK(std::string(
                  doc.select_node((k_flaky_case + "/failure/@type").c_str()).attribute().value()) ==
              "flaky failure");
        CHECK(doc.select_nodes((k_flaky_case + "/flakyFailure").c_str()).size() == 1);
    }

    TEST_CASE("flaky-fail-status success writes the flaky test as passed, the run still fails") {
        TempDir dir;
        const Result result =
            run_flaky(dir, "flaky-result = \"fail\"\n", "flaky-fail-status = \"success\"\n");
        CHECK(result.exit_code == 100);
        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        CHECK(std::string(doc.child("testsuites").attribute("failures").value()) == "0");
        CHECK(doc.select_nodes((k_flaky_case + "/flakyFailure").c_str()).size() == 1);
    }

    TEST_CASE("report-skipped ignored writes the disabled tests as skipped testcases") {
        TempDir dir;
        const Result result =
            run_fixtures(dir, {"gtest_basic"}, {}, "report-skipped = \"ignored\"\n");
        INFO("stderr:\n" << result.err);
        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        const auto outcomes = junit_outcomes(junit);
        int ignored = 0;
        for (const ExpectedCase& expected : expected_cases()) {
            if (expected.binary == "gtest_basic" && expected.outcome == "ignored") {
                CAPTURE(expected.name);
                auto it = outcomes.find({expected.binary, expected.name});
                REQUIRE(it != outcomes.end());
                CHECK(it->second == "skip");
                ++ignored;
            }
        }
        CHECK(ignored > 0);
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        const pugi::xml_node skipped =
            doc.select_node("//testcase[@name='Math.DISABLED_Divides']/skipped").node();
        CHECK(std::string(skipped.attribute("message").value()) == "Skipped: test ignored");
    }

    TEST_CASE("report-skipped all also writes the tests a filter left out; none writes neither") {
        TempDir dir;
        Result result = run_fixtures(dir, {"gtest_basic"}, {"--exact", "Math.Adds"},
                                     "report-skipped = \"all\"\n");
        fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        auto outcomes = junit_outcomes(junit);
        CHECK(outcomes[{"gtest_basic", "Math.Adds"}] == "pass");
        CHECK(outcomes[{"gtest_basic", "Math.Compares"}] == "skip");
        CHECK(outcomes[{"gtest_basic", "Math.DISABLED_Divides"}] == "skip");

        result = run_fixtures(dir, {"gtest_basic"}, {"--exact", "Math.Adds"},
                              "report-skipped = \"none\"\n");
        CHECK(result.exit_code == 0);
        outcomes = junit_outcomes(junit);
        CHECK(outcomes.size() == 1);
        CHECK(outcomes.count({"gtest_basic", "Math.Adds"}) == 1);
    }

    TEST_CASE("global-timeout stops a hanging run cleanly: why, teardown, valid JUnit, no "
              "orphans") {
        TempDir dir;
        write_file(dir / "log.sh", "echo \"$1\" >> scripts.log\n");
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nglobal-timeout = \"1s\"\n"
                   "slow-timeout = { period = \"60s\", grace-period = \"500ms\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n"
                   "[scripts.setup.start]\ncommand = \"sh log.sh start\"\n"
                   "[scripts.teardown.stop]\ncommand = \"sh log.sh stop\"\n"
                   "[[profile.default.scripts]]\nsetup = \"start\"\nteardown = \"stop\"\n");
        const Result result =
            run_ptest({"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "--exact", "Hang.Forever", "Hang.IgnoresSigterm", "-j", "2"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to global timeout"));
        CHECK(contains(result.err, "2 cancelled"));
        CHECK(result.leftovers.empty());
        CHECK(lines_of(read_file(dir / "scripts.log")) ==
              std::vector<std::string>{"start", "stop"});

        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        CHECK(doc.select_nodes("//testcase").size() == 2);
        for (const pugi::xpath_node node : doc.select_nodes("//testcase/error")) {
            CHECK(std::string(node.node().attribute("type").value()) == "test cancelled");
            CHECK(contains(node.node().attribute("message").value(),
                           "cancelled by global-timeout (1s) after "));
        }
        CHECK(doc.select_nodes("//testcase/error").size() == 2);
    }

    TEST_CASE("show-config shows the new keys and a profile setting them gets no warning") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nflaky-result = \"fail\"\nglobal-timeout = \"2h\"\n"
                   "[profile.default.junit]\nreport-skipped = \"all\"\n"
                   "flaky-fail-status = \"success\"\nflaky-properties = true\n");
        const Result result = run_ptest({"show-config", "profile"}, in_dir(dir));
        INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK_FALSE(contains(result.err, "warning"));
        CHECK(contains(result.out, "flaky-result = \"fail\""));
        CHECK(contains(result.out, "global-timeout = \"2h\""));
        CHECK(contains(result.out, "report-skipped = \"all\""));
        CHECK(contains(result.out, "flaky-fail-status = \"success\""));
        CHECK(contains(result.out, "flaky-properties = true"));
    }
}
