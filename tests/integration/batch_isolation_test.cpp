// `--isolation batch` on the real hostile fixtures of every framework (issue 15): cases share
// processes, yet every case ends exactly as the model in tests/fixtures/expected.toml says (the
// verdicts of process mode), with the same JUnit testcases as a run in process mode; the failing,
// crashing and hanging cases are re-run alone, and the summary counts them.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

using Outcomes = std::map<std::pair<std::string, std::string>, std::string>;

/// The hostile fixtures, one list per framework.
const std::vector<std::vector<std::string>> k_hostile = {
    {"gtest_hostile"},
    {"gtest118_hostile"},
    {"catch2_hostile"},
    {"catch2v3_hostile"},
    {"doctest_hostile"},
    {"doctest25_hostile"},
    {"boost_hostile_included", "boost_hostile_linked"},
};

/// Run `binaries` on two workers with `--isolation mode`; fills `outcomes` from the JUnit file.
Result run_mode(const std::vector<std::string>& binaries, const std::string& mode,
                Outcomes& outcomes) {
    TempDir dir;
    Result result = run_fixtures(dir, binaries, {"--isolation", mode, "-j", "2"});
    outcomes = junit_outcomes(dir / "junit.xml");
    return result;
}

} // namespace

TEST_SUITE("integration::batch_isolation") {

    TEST_CASE("every hostile case ends in a batch run as the model and a process run say") {
        for (const std::vector<std::string>& binaries : k_hostile) {
            CAPTURE(binaries.front());
            Outcomes batched;
            const Result batch = run_mode(binaries, "batch", batched);
            INFO("stderr:\n" << batch.err);
            CHECK(batch.exit_code == 100); // The fixtures fail on purpose.
            CHECK(batch.leftovers.empty());
            CHECK(compare_with_model(batched, binaries) > 0);
            Outcomes alone;
            const Result process = run_mode(binaries, "process", alone);
            CHECK(batched == alone);
            // Some cases shared a process, and the failing ones were re-run alone.
            CHECK(contains(batch.err, "tests ran in batches, "));
            CHECK_FALSE(contains(process.err, "ran in batches"));
        }
    }
}
