// `--isolation batch` on a real CTest tree (tests/fixtures/ctest_batch, configured into a temporary
// directory; it compiles nothing): the cases of a whole registered GoogleTest binary share
// processes yet each gets its own verdict and JUnit testcase, the same as in process mode; a case
// that fails in a batch is re-run alone, and `[ctest] rerun-alone` then applies to that lone run as
// it does in process mode; TIMEOUT still stops a hanging case, WILL_FAIL still runs its binary
// whole, and a binary that requires a fixture still runs between its setup and cleanup tests.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

using Outcomes = std::map<std::pair<std::string, std::string>, std::string>;

/// Configure tests/fixtures/ctest_batch into `dir/build`.
fs::path configure_batch_project(const TempDir& dir) {
    const fs::path cmake = find_program("cmake");
    REQUIRE_MESSAGE(!cmake.empty(), "`cmake` is not on PATH");
    fs::path build = dir / "build";
    Result configured =
        run(cmake, {"-S", (source_dir() / "tests/fixtures/ctest_batch").string(), "-B",
                    build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// `ptest run --build-dir` on the tests `filter` selects, two workers, isolation `mode`, in a
/// fresh workspace (no history) under `dir` named after the mode, whose config holds
/// `extra_config`. Fills `outcomes` from its JUnit file.
Result run_mode(const TempDir& dir, const fs::path& build, const std::string& filter,
                const std::string& mode, Outcomes& outcomes, const std::string& extra_config = "") {
    const fs::path workspace = dir / ("ws-" + mode);
    write_file(workspace / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                                 "[profile.default.junit]\npath = \"junit.xml\"\n" +
                                                     extra_config);
    Result result =
        run_ptest({"run", "--build-dir", build.string(), "--workspace", workspace.string(),
                   "--color", "never", "-j", "2", "--isolation", mode, "-E", filter});
    outcomes = junit_outcomes(workspace / "junit.xml");
    CHECK(junit_validation_errors(workspace / "junit.xml") == "");
    return result;
}

/// The two counts of the summary's note `N tests ran in batches, M of them re-run alone`; -1 each
/// when there is no such note.
std::pair<int, int> batch_counts(const std::string& err) {
    static const std::regex note(R"((\d+) tests? ran in batches, (\d+) of them re-run alone)");
    std::smatch match;
    if (!std::regex_search(err, match, note)) {
        return {-1, -1};
    }
    return {std::stoi(match[1]), std::stoi(match[2])};
}

} // namespace

TEST_SUITE("integration::ctest_batch") {

    TEST_CASE("the cases of a whole CTest binary run in batches, each with its own verdict") {
        TempDir dir;
        const fs::path build = configure_batch_project(dir);
        const std::string filter = "binary_id(passing) or binary_id(failing)";
        Outcomes batched;
        Result batch = run_mode(dir, build, filter, "batch", batched);
        INFO("batch stderr:\n" << batch.err);
        CHECK(batch.exit_code == 100);
        CHECK(batch.leftovers.empty());
        // 16 cases, each its own testcase, with the verdict a process of its own gives it.
        REQUIRE(batched.size() == 16);
        CHECK(batched.at({"failing", "Math.Compares"}) == "fail");
        CHECK(batched.at({"failing", "Skip.NotOnThisMachine"}) == "skip");
        CHECK(batched.at({"failing", "Math.Adds"}) == "pass");
        CHECK(batched.at({"passing", "Small/Param.NonNegative/2"}) == "pass");
        Outcomes alone;
        Result process = run_mode(dir, build, filter, "process", alone);
        INFO("process stderr:\n" << process.err);
        CHECK(batched == alone);
        CHECK(batch_counts(process.err) == std::pair{-1, -1});
        // Several cases shared processes; only the failing case was re-run alone. When other
        // tests ran beside that lone run, `[ctest] rerun-alone` runs it once more at the end, as
        // it does for a failure in process mode, and it stays failed.
        const auto [in_batches, rerun] = batch_counts(batch.err);
        CHECK(in_batches > 1);
        CHECK(in_batches <= 16);
        CHECK(rerun == 1);
        const std::size_t alone_again = count_of(batch.err, "RERUN ALONE");
        CHECK(alone_again <= 1);
        const std::string closing = closing_part(batch.err);
        CHECK(contains(closing, "failing Math.Compares\n"));
        CHECK(contains(closing, "failed when run alone too") == (alone_again == 1));
    }

    TEST_CASE("with rerun-alone off, a case that fails in a batch still gets its lone run") {
        TempDir dir;
        const fs::path build = configure_batch_project(dir);
        Outcomes batched;
        Result batch = run_mode(dir, build, "binary_id(passing) or binary_id(failing)", "batch",
                                batched, "[ctest]\nrerun-alone = false\n");
        INFO("batch stderr:\n" << batch.err);
        CHECK(batch.exit_code == 100);
        CHECK(batched.at({"failing", "Math.Compares"}) == "fail");
        // The lone run decides: one attempt, no re-run alone at the end of the run.
        CHECK(batch_counts(batch.err).second == 1);
        CHECK_FALSE(contains(batch.err, "RERUN ALONE"));
        CHECK_FALSE(contains(batch.err, "TRY 1 FAIL"));
        CHECK(contains(closing_part(batch.err), "FAIL ["));
    }

    TEST_CASE("TIMEOUT stops a hanging case in a batch and WILL_FAIL runs its binary whole, as in "
              "process mode") {
        TempDir dir;
        const fs::path build = configure_batch_project(dir);
        // Enough tests that the timeout binary's two cases (of no recorded duration) make a batch.
        const std::string filter = "binary_id(timeout) or binary_id(will-fail) or "
                                   "binary_id(passing) or binary_id(failing)";
        Outcomes batched;
        Result batch = run_mode(dir, build, filter, "batch", batched);
        INFO("batch stderr:\n" << batch.err);
        CHECK(batch.exit_code == 100);
        CHECK(batch.leftovers.empty());
        // The batch of Hang.Forever and Quick.Passes ends at its deadline without vouching for
        // either: both are re-run alone (with Math.Compares), where Hang.Forever times out after
        // its TIMEOUT and Quick.Passes passes.
        CHECK(batch_counts(batch.err).second == 3);
        CHECK(batched.at({"timeout", "Quick.Passes"}) == "pass");
        CHECK(batched.at({"timeout", "Hang.Forever"}) == "fail");
        CHECK(contains(closing_part(batch.err), "TMT ["));
        CHECK(contains(closing_part(batch.err), "timeout Hang.Forever"));
        // WILL_FAIL judges the whole binary's exit code: one test, run whole, passing.
        CHECK(batched.at({"will-fail", "will-fail"}) == "pass");
        CHECK(batched.count({"will-fail", "Math.Compares"}) == 0);
        Outcomes alone;
        Result process = run_mode(dir, build, filter, "process", alone);
        INFO("process stderr:\n" << process.err);
        CHECK(batched == alone);
    }

    TEST_CASE("a binary that requires a fixture runs between its setup and cleanup tests") {
        TempDir dir;
        const fs::path build = configure_batch_project(dir);
        Outcomes batched;
        Result batch = run_mode(dir, build, "binary_id(fixture.*)", "batch", batched);
        INFO("batch stderr:\n" << batch.err);
        CHECK(batch.exit_code == 0);
        // Each case found the setup test's file and left its mark; the cleanup test saw all three.
        CHECK(batched.at({"fixture.cases", "FixtureUser.First"}) == "pass");
        CHECK(batched.at({"fixture.cases", "FixtureUser.Second"}) == "pass");
        CHECK(batched.at({"fixture.cases", "FixtureUser.Third"}) == "pass");
        CHECK(batched.at({"fixture.cleanup", "fixture.cleanup"}) == "pass");
        CHECK(batched.size() == 5);
    }
}
