// ptest on the hostile GoogleTest fixtures, built against Debian's GoogleTest 1.12 and against
// GoogleTest 1.18.0, each with gtest_main and with a main that ignores the result: every case's
// verdict is read from GoogleTest's XML report and cross-checked with the exit status, with and
// without --no-capture, and matches the model in tests/fixtures/expected.toml. Output without a
// trailing newline, fake framework lines, early exits and generated names with filter characters
// fool none of them.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_binaries = {"gtest_hostile", "gtest_ignore_result",
                                             "gtest118_hostile", "gtest118_ignore_result"};

using Outcomes = std::map<std::pair<std::string, std::string>, std::string>;

/// Run the four fixtures with `extra` arguments and a JUnit file; returns the result and fills
/// `outcomes` with each JUnit test case's outcome by (binary, name).
Result run_hostile(const TempDir& dir, const std::vector<std::string>& extra, Outcomes& outcomes) {
    Result result = run_fixtures(dir, k_binaries, extra);
    outcomes = junit_outcomes(dir / "junit.xml");
    return result;
}

} // namespace

TEST_SUITE("integration::gtest_hostile") {

    TEST_CASE("every hostile GoogleTest case ends as the model says, in 1.12 and 1.18, with and "
              "without --no-capture") {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--no-capture"}}) {
            CAPTURE(extra.size());
            TempDir dir;
            Outcomes outcomes;
            Result result = run_hostile(dir, extra, outcomes);
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100); // The fixtures fail on purpose.
            CHECK(result.leftovers.empty());
            CHECK(junit_validation_errors(dir / "junit.xml") == "");
            const int compared = compare_with_model(outcomes, k_binaries);
            CHECK(compared == 4 * 18);
            // Each disagreement between the report and the exit status is named in one line.
            CHECK(contains(result.err, "the process exited with code 0 before the test case "
                                       "finished"));
            CHECK(contains(result.err, "GoogleTest's report says the test case failed, but the "
                                       "process exited with code 0"));
        }
    }

    TEST_CASE("a binary whose own arguments ask for a report keeps it and is judged by console") {
        TempDir dir;
        const std::string own = (dir / "own.xml").string();
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + fixture("gtest_hostile").string() +
                       "\"\nargs = [\"--gtest_output=xml:" + own + "\"]\n");
        Result result = run_ptest({"run", "--color", "never", "Basic.Passes"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(read_file(own), "name=\"Passes\""));
    }
}
