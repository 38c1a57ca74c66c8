// ptest on the hostile doctest fixtures, built with doctest 2.4.9 (Debian) and 2.5.2
// (../shared/third_party): every case ends as the model says, with and without --no-capture,
// each verdict read from doctest's XML report and cross-checked with the exit code. Duplicate
// names, template instances and names with filter characters all run, none is refused.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_binaries = {"doctest_hostile", "doctest_ignore_result",
                                             "doctest25_hostile", "doctest25_ignore_result"};

/// Run the doctest fixtures with `extra` arguments and a JUnit file; returns the result and fills
/// `outcomes` with each JUnit test case's outcome by (binary, name).
Result run_doctest(const TempDir& dir, const std::vector<std::string>& extra,
                   std::map<std::pair<std::string, std::string>, std::string>& outcomes) {
    Result result = run_fixtures(dir, k_binaries, extra);
    outcomes = junit_outcomes(dir / "junit.xml");
    return result;
}

} // namespace

TEST_SUITE("integration::doctest_report") {

    TEST_CASE("every hostile doctest case ends as the model says, with and without --no-capture") {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--no-capture"}}) {
            CAPTURE(extra.size());
            TempDir dir;
            std::map<std::pair<std::string, std::string>, std::string> outcomes;
            Result result = run_doctest(dir, extra, outcomes);
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100); // The fixtures fail on purpose.
            CHECK(result.leftovers.empty());
            CHECK(junit_validation_errors(dir / "junit.xml") == "");
            CHECK_FALSE(contains(result.err, "refused"));
            const int compared = compare_with_model(outcomes, k_binaries);
            CHECK(compared == 2 * (68 + 2));
            // Each disagreement between the report and the exit code is named in one line.
            CHECK(contains(result.err, "the process exited before the test case finished "
                                       "(doctest's report stops inside test case `fake summary "
                                       "then exit`)"));
            CHECK(contains(result.err, "doctest's report says the test case failed, but the "
                                       "process exited with code 0"));
            // The failure message is rendered from the report: the assertion's file:line first.
            const std::string junit = read_file(dir / "junit.xml");
            CHECK(contains(junit, "doctest/hostile_test.cpp:"));
            CHECK(contains(junit, ": ERROR: CHECK( 1 == 2 ) is NOT correct!"));
            CHECK(contains(junit, "ERROR: test case THREW exception: unknown exception"));
        }
    }

    TEST_CASE("skip-decorated cases run when asked, and no report file is left behind") {
        TempDir dir;
        std::map<std::pair<std::string, std::string>, std::string> outcomes;
        Result result = run_doctest(dir, {"--run-ignored", "only"}, outcomes);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(outcomes[{"doctest_hostile", "skip decorated"}] == "pass");
        CHECK(outcomes[{"doctest25_hostile", "skip decorated"}] == "pass");
        CHECK(outcomes.size() == 2);
        for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
            CHECK_FALSE(entry.path().filename().string().starts_with("report-"));
        }
    }

    TEST_CASE("ptest list refuses no doctest case and shows suites as labels") {
        TempDir dir;
        Result listed = run_ptest({"list", "--binary", fixture("doctest25_hostile").string(), "-E",
                                   "label(hostile suite)"},
                                  in_dir(dir));
        INFO("stderr:\n" << listed.err);
        CHECK(listed.exit_code == 0);
        CHECK_FALSE(contains(listed.err, "refused"));
        CHECK(lines_of(listed.out) ==
              std::vector<std::string>{"doctest25_hostile hostile suite/in a suite",
                                       "doctest25_hostile hostile suite/pass"});
    }

} // TEST_SUITE
