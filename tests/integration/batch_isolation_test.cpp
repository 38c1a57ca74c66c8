// `--isolation batch` on the real hostile fixtures of every framework (issue 15): cases share
// processes, yet every case ends exactly as the model in tests/fixtures/expected.toml says (the
// verdicts of process mode), with the same JUnit testcases as a run in process mode; the failing,
// crashing and hanging cases are re-run alone, and the summary counts them.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
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

/// Run `binaries` on `jobs` workers with `--isolation mode`; fills `outcomes` from the JUnit file.
Result run_mode(const std::vector<std::string>& binaries, const std::string& mode,
                Outcomes& outcomes, const std::string& jobs = "2") {
    TempDir dir;
    Result result = run_fixtures(dir, binaries, {"--isolation", mode, "-j", jobs});
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

    TEST_CASE("a binary run whole, or in Catch2 v3 shards, with no names ends as a process run") {
        // On one worker without history, named pieces would run every case alone (each weighs
        // the share of a batch); selected by place, the whole Catch2 v2 or doctest binary is one
        // batch, and the Catch2 v3 one is cut into four shards, the first holding two cases.
        const std::vector<std::pair<std::string, std::string>> fixtures = {
            {"catch2_behaviour", "note: 3 tests ran in batches"},
            {"catch2v3_discover", "note: 2 tests ran in batches"},
            {"doctest_behaviour", "note: 3 tests ran in batches"},
        };
        for (const auto& [binary, note] : fixtures) {
            CAPTURE(binary);
            Outcomes batched;
            const Result batch = run_mode({binary}, "batch", batched, "1");
            INFO("stderr:\n" << batch.err);
            CHECK(contains(batch.err, note));
            CHECK(compare_with_model(batched, {binary}) > 0);
            Outcomes alone;
            run_mode({binary}, "process", alone, "1");
            CHECK(batched == alone);
        }
    }
}
