// Filter expressions end to end: `-E` on `ptest list` and `ptest run` selects by name, binary,
// kind and label on the real fixtures; several `-E` are a union, intersected with positional
// filters; a bad expression is exit 94 with a caret; a profile's `default-filter` limits every
// selection unless `--ignore-default-filter`, and a bad one is a config error at its position.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// `ptest list` in a fresh workspace holding `config` (if any), on the given fixtures.
Result list(const std::vector<std::string>& args, const std::vector<std::string>& binaries,
            const std::string& config = "") {
    TempDir dir;
    if (!config.empty()) {
        write_file(dir / ".config/ptest.toml", config);
    }
    std::vector<std::string> full = {"list"};
    for (const std::string& binary : binaries) {
        full.push_back("--binary");
        full.push_back(fixture(binary).string());
    }
    full.insert(full.end(), args.begin(), args.end());
    return run_ptest(full, in_dir(dir));
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

const std::vector<std::string> k_behaviour = {"gtest_behaviour", "catch2_behaviour",
                                              "doctest_behaviour"};

using Lines = std::vector<std::string>;

} // namespace

TEST_SUITE("integration::select::filter") {

    TEST_CASE("-E selects by kind and label across frameworks") {
        Result result = list({"-E", "kind(catch2) & label(slow)"}, k_behaviour);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(lines(result.out) == Lines{"catch2_behaviour slow one and a half seconds"});
    }

    TEST_CASE("-E selects by binary id with a glob and by name with a regex") {
        Result result =
            list({"-E", "binary_id(doctest_*) and test(/^(slow|quick) /)"}, k_behaviour);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(lines(result.out) == Lines{"doctest_behaviour slow one and a half seconds",
                                         "doctest_behaviour quick passes"});
    }

    TEST_CASE("several -E are a union, intersected with positional filters") {
        Result both = list({"-E", "test(=Quick.Passes)", "-E", "label(quick)"}, k_behaviour);
        INFO("stderr:\n" << both.err);
        CHECK(lines(both.out) ==
              Lines{"gtest_behaviour Quick.Passes", "catch2_behaviour quick passes"});
        Result narrowed =
            list({"-E", "test(=Quick.Passes)", "-E", "label(quick)", "Quick"}, k_behaviour);
        CHECK(lines(narrowed.out) == Lines{"gtest_behaviour Quick.Passes"});
    }

    TEST_CASE("the JSON listing holds only the selected tests") {
        Result result =
            list({"--message-format", "json", "-E", "test(Flaky)"}, {"gtest_behaviour"});
        INFO("stdout:\n" << result.out);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "\"name\":\"Flaky.PassesOnSecondAttempt\""));
        CHECK(contains(result.out, "\"name\":\"Flaky.PassesEveryThirdAttempt\""));
        CHECK_FALSE(contains(result.out, "Quick.Passes"));
    }

    TEST_CASE("ptest run runs exactly the tests an expression selects") {
        TempDir dir;
        Result result = run_ptest({"run", "--binary", fixture("gtest_basic").string(), "--color",
                                   "never", "-E", "test(Math) - test(Compares)"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "PASS ["));
        CHECK(contains(result.err, "gtest_basic Math.Adds"));
        CHECK_FALSE(contains(result.err, "Math.Compares"));
        CHECK(contains(result.err, "1 test run: 1 passed"));
    }

    TEST_CASE("a bad expression is exit 94 with the expression and a caret, before listing") {
        Result result = list({"-E", "test(foo) andd bar"}, {"not_a_test"});
        CHECK(result.exit_code == 94);
        CHECK(result.out.empty());
        // not_a_test would fail listing (104); the expression is refused first.
        CHECK(result.err == "ptest: error: invalid filter expression\n"
                            "  test(foo) andd bar\n"
                            "            ^^^^ expected an operator or end of expression\n");
    }

    TEST_CASE("default-filter limits list and run; --ignore-default-filter lifts it") {
        const std::string config = "[profile.default]\ndefault-filter = \"not test(Slow)\"\n";
        Result limited = list({"-E", "test(/^(Slow|Quick)\\./)"}, {"gtest_behaviour"}, config);
        INFO("stderr:\n" << limited.err);
        CHECK(lines(limited.out) == Lines{"gtest_behaviour Quick.Passes"});
        Result lifted = list({"-E", "test(/^(Slow|Quick)\\./)", "--ignore-default-filter"},
                             {"gtest_behaviour"}, config);
        CHECK(lines(lifted.out) ==
              Lines{"gtest_behaviour Slow.OneAndAHalfSeconds", "gtest_behaviour Quick.Passes"});
        Result outside =
            list({"-E", "not default()", "--ignore-default-filter"}, {"gtest_behaviour"}, config);
        CHECK(lines(outside.out) == Lines{"gtest_behaviour Slow.OneAndAHalfSeconds"});

        TempDir dir;
        write_file(dir / ".config/ptest.toml", config);
        Result run = run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--color",
                                "never", "Slow", "Quick"},
                               in_dir(dir));
        INFO("run stderr:\n" << run.err);
        CHECK(run.exit_code == 0);
        CHECK(contains(run.err, "1 test run: 1 passed"));
        CHECK_FALSE(contains(run.err, "Slow.OneAndAHalfSeconds"));
    }

    TEST_CASE("a bad default-filter is a config error at its line and column") {
        Result result =
            list({}, {"gtest_basic"}, "[profile.default]\ndefault-filter = \"not tset(Slow)\"\n");
        CHECK(result.exit_code == 96);
        CHECK(result.err ==
              "ptest: error: .config/ptest.toml:2:23: `profile.default.default-filter`: invalid "
              "filter expression: unknown predicate `tset`; did you mean `test`?\n"
              "default-filter = \"not tset(Slow)\"\n"
              "                      ^\n");
    }

    TEST_CASE("group() on the command line selects the tests overrides put in a group") {
        const std::string config = "[test-groups]\nserial = { max-threads = 1 }\n"
                                   "[[profile.default.overrides]]\n"
                                   "filter = 'test(Flaky) | label(flaky)'\n"
                                   "test-group = 'serial'\n";
        Result result = list({"-E", "group(serial)"}, k_behaviour, config);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(lines(result.out) == Lines{"gtest_behaviour Flaky.PassesOnSecondAttempt",
                                         "gtest_behaviour Flaky.PassesEveryThirdAttempt",
                                         "catch2_behaviour flaky passes on second attempt"});
    }
}
