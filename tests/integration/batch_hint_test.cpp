// The batch hint (issue 15) on the real 300-case fixture `gtest_many`: a run in process mode that
// spent most of its time starting processes says in one note that `isolation = "batch"` would
// help, and by roughly how much; a run with batches, a run of a handful of cases and a binary
// that cannot be batched (its own arguments ask for a report) hear nothing of it.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

const char* const k_hint = "spent most of their time starting a process each; with isolation";

/// The two durations of the hint's note in `err`: the estimate and the run's time, in seconds.
std::pair<double, double> hint_durations(const std::string& err) {
    const std::string about = "would likely take about ";
    const std::size_t at = err.find(about);
    REQUIRE(at != std::string::npos);
    const char* text = err.c_str() + at + about.size();
    char* end = nullptr;
    const double estimate = std::strtod(text, &end);
    const std::string instead = "s instead of ";
    REQUIRE(std::string(end).starts_with(instead));
    const double elapsed = std::strtod(end + instead.size(), nullptr);
    return {estimate, elapsed};
}

} // namespace

TEST_SUITE("integration::batch_hint") {

    TEST_CASE("300 trivial cases run one process each get the hint, with a shorter estimate") {
        TempDir dir;
        const Result result = run_fixtures(dir, {"gtest_many"}, {"-j", "1"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "300 tests run: 300 passed"));
        CHECK(contains(result.err, "note: 300 tests of `gtest_many` " + std::string(k_hint) +
                                       " = \"batch\" this run would likely take about "));
        CHECK(count_of(result.err, k_hint) == 1);
        const auto [estimate, elapsed] = hint_durations(result.err);
        CHECK(estimate > 0.0);
        CHECK(estimate < elapsed * 0.75); // Only a quarter or more of the run is worth a note.
    }

    TEST_CASE("a run in batches, or of a handful of cases, gets no hint") {
        TempDir dir;
        const Result batched =
            run_fixtures(dir, {"gtest_many"}, {"-j", "1", "--isolation", "batch"});
        INFO("stderr:\n" << batched.err);
        CHECK(batched.exit_code == 0);
        CHECK(contains(batched.err, "300 tests ran in batches, 0 of them re-run alone"));
        CHECK_FALSE(contains(batched.err, k_hint));

        TempDir few;
        const Result handful = run_fixtures(few, {"gtest_many"},
                                            {"-j", "1", "--exact", "Many/Trivial.Passes/1",
                                             "Many/Trivial.Passes/2", "Many/Trivial.Passes/3"});
        INFO("stderr:\n" << handful.err);
        CHECK(contains(handful.err, "3 tests run: 3 passed"));
        CHECK_FALSE(contains(handful.err, k_hint));
    }

    TEST_CASE("a binary whose own arguments keep it from batches gets no hint") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                               "[[binary]]\nid = \"own-report\"\npath = \"" +
                                                   fixture("gtest_many").string() +
                                                   "\"\nargs = [\"--gtest_output=xml:own.xml\"]\n");
        const Result result = run_ptest({"run", "--color", "never", "-j", "1"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "300 tests run: 300 passed"));
        CHECK_FALSE(contains(result.err, k_hint));
    }
}
