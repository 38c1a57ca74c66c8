// `ptest run --rerun-failed` end to end (issue 18) on real fixtures: after a run with failures it
// runs exactly the failed tests; after a fail-fast stop, also the ones that never ran; once they
// pass it says there is nothing to re-run and exits 0; a re-run narrowed by a filter that passes
// while other tests are still outstanding exits 5; without a recorded run it is a setup error.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// `binary name` of every test that got a result line other than SKIP before the summary.
std::set<std::string> ran_tests(const std::string& err) {
    static const std::regex k_status(R"(^ {0,11}([A-Z0-9 ]+) \[ *[0-9]+\.[0-9]{3}s\] (.+)$)");
    std::set<std::string> out;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line) && line.rfind("     Summary [", 0) != 0;) {
        std::smatch match;
        if (std::regex_match(line, match, k_status) && match[1] != "SKIP" &&
            match[1] != "TRY 2 FAIL" && match[1] != "TRY 3 FAIL") {
            out.insert(match[2]);
        }
    }
    return out;
}

/// The tests whose final status line says they failed.
std::set<std::string> failed_tests(const std::string& err) {
    static const std::regex k_failed(
        R"(^ {0,11}(FAIL|SIGSEGV|SIGABRT|TIMEOUT) \[ *[0-9.]+s\] (.+)$)");
    std::set<std::string> out;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line) && line.rfind("     Summary [", 0) != 0;) {
        std::smatch match;
        if (std::regex_match(line, match, k_failed)) {
            out.insert(match[2]);
        }
    }
    return out;
}

/// `ptest run` in `dir` (a workspace whose default profile has `fail-fast = fail_fast`) on
/// `binary` with `extra` arguments.
Result run_in(const TempDir& dir, const std::string& binary, bool fail_fast,
              const std::vector<std::string>& extra) {
    write_file(dir / ".config/ptest.toml", std::string("[profile.default]\nfail-fast = ") +
                                               (fail_fast ? "true" : "false") + "\n");
    std::vector<std::string> args = {
        "run", "--color", "never", "--status-level", "all", "--binary", fixture(binary).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

} // namespace

TEST_SUITE("integration::scale::rerun") {

    TEST_CASE("after a run with failures, --rerun-failed runs exactly the failed tests") {
        TempDir dir;
        Result first = run_in(dir, "gtest_basic", false, {});
        INFO("first stderr:\n" << first.err);
        REQUIRE(first.exit_code == 100);
        const std::set<std::string> failed = failed_tests(first.err);
        REQUIRE(failed.size() >= 3);
        REQUIRE(ran_tests(first.err).size() > failed.size());
        Result again = run_in(dir, "gtest_basic", false, {"--rerun-failed"});
        INFO("rerun stderr:\n" << again.err);
        CHECK(again.exit_code == 100);
        CHECK(ran_tests(again.err) == failed);
        CHECK(contains(again.err, "ptest: note: re-running " + std::to_string(failed.size()) +
                                      " tests that failed or did not run in the last run"));
        // Still failing: the next re-run runs them again.
        Result third = run_in(dir, "gtest_basic", false, {"--rerun-failed"});
        CHECK(ran_tests(third.err) == failed);
        // A filter narrows the re-run to its intersection with the failed tests.
        Result narrowed =
            run_in(dir, "gtest_basic", false, {"--rerun-failed", "-E", "test(/^Crash/)"});
        INFO("narrowed stderr:\n" << narrowed.err);
        CHECK(ran_tests(narrowed.err) ==
              std::set<std::string>{"gtest_basic Crash.Aborts", "gtest_basic Crash.Segfault"});
        CHECK(narrowed.exit_code == 100);
    }

    TEST_CASE("after a fail-fast stop, --rerun-failed also runs the tests that did not run") {
        TempDir dir;
        Result first = run_in(dir, "gtest_basic", true, {"-j", "1"});
        INFO("first stderr:\n" << first.err);
        REQUIRE(first.exit_code == 100);
        const std::set<std::string> ran = ran_tests(first.err);
        const std::set<std::string> failed = failed_tests(first.err);
        REQUIRE(failed.size() == 1);
        Result all = run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        std::set<std::string> expected;
        for (const std::string& line : lines_of(all.out)) {
            const std::string test = line.substr(0, line.find(" (")); // `(ignored)` and the like.
            if (!ran.count(test) || failed.count(test)) {
                expected.insert(test);
            }
        }
        Result again =
            run_in(dir, "gtest_basic", false, {"--rerun-failed", "--run-ignored", "default"});
        INFO("rerun stderr:\n" << again.err);
        const std::set<std::string> rerun = ran_tests(again.err);
        CHECK(rerun.size() > failed.size());
        for (const std::string& test : rerun) {
            CAPTURE(test);
            CHECK(expected.count(test) == 1);
            CHECK((ran.count(test) == 0 || failed.count(test) == 1));
        }
        for (const std::string& test : failed) {
            CHECK(rerun.count(test) == 1);
        }
    }

    TEST_CASE("once the re-run tests pass there is nothing to re-run; a narrowed pass exits 5") {
        TempDir dir;
        const std::vector<std::string> flaky = {"-E", "test(Flaky)"};
        Result first = run_in(dir, "gtest_behaviour", false, flaky);
        INFO("first stderr:\n" << first.err);
        REQUIRE(first.exit_code == 100);
        CHECK(failed_tests(first.err).size() == 2);
        // Retried, the second-attempt case passes; the third-attempt one is outside the filter.
        Result narrowed =
            run_in(dir, "gtest_behaviour", false,
                   {"--rerun-failed", "--retries", "1", "-E", "test(Flaky.PassesOnSecondAttempt)"});
        INFO("narrowed stderr:\n" << narrowed.err);
        CHECK(narrowed.exit_code == 5);
        CHECK(contains(narrowed.err, "ptest: note: 1 test outside this selection still failed or "
                                     "did not run"));
        Result rest = run_in(dir, "gtest_behaviour", false,
                             {"--rerun-failed", "--retries", "2", "-E", "test(Flaky)"});
        INFO("rest stderr:\n" << rest.err);
        CHECK(rest.exit_code == 0);
        CHECK(ran_tests(rest.err) ==
              std::set<std::string>{"gtest_behaviour Flaky.PassesEveryThirdAttempt"});
        Result nothing =
            run_in(dir, "gtest_behaviour", false, {"--rerun-failed", "-E", "test(Flaky)"});
        INFO("nothing stderr:\n" << nothing.err);
        CHECK(nothing.exit_code == 0);
        CHECK(ran_tests(nothing.err).empty());
        CHECK(contains(nothing.err,
                       "ptest: note: nothing to re-run: every selected test passed in the last "
                       "run\n"));
    }

    TEST_CASE("--rerun-failed without a recorded run of the profile is a setup error") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        Result result = run_ptest(
            {"run", "--rerun-failed", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "ptest: error: --rerun-failed: no recorded run of profile "
                                   "`default` to re-run from ("));
        CHECK(contains(result.err, "run `ptest run` first\n"));
    }
}
