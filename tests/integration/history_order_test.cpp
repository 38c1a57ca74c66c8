// The duration store and run ordering, end to end on the real fixtures: a run records every
// finished test in target/ptest/history.tsv, the next run starts last run's failure first and
// then the longest test, `--order declared` and `random:SEED` ignore the history, a corrupt or
// unwritable store is a warning, and a bad --order is a usage error.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace ptest::itest;

namespace {

/// Five cases of two binaries, in list order: two quick passes, a failure, a 1.5 s pass and
/// another quick pass.
std::vector<std::string> run_args(const std::string& order) {
    return {"run",
            "--binary",
            fixture("gtest_basic").string(),
            "--binary",
            fixture("gtest_behaviour").string(),
            "--exact",
            "Math.Adds",
            "Math.Compares",
            "Output.PrintsBothStreams",
            "Slow.OneAndAHalfSeconds",
            "Quick.Passes",
            "--no-fail-fast",
            "--test-threads",
            "1",
            "--color",
            "never",
            "--order",
            order};
}

/// The tests in the order their PASS/FAIL lines appear during the run. With one test thread, a test
/// finishes before the next starts, so this is the start order.
std::vector<std::string> finish_order(const std::string& err) {
    std::vector<std::string> names;
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("Summary [") != std::string::npos) {
            break; // The lines after the summary repeat the failures.
        }
        std::size_t first = line.find_first_not_of(' ');
        if (first == std::string::npos ||
            (line.compare(first, 6, "PASS [") != 0 && line.compare(first, 6, "FAIL [") != 0)) {
            continue;
        }
        names.push_back(line.substr(line.rfind(' ') + 1));
    }
    return names;
}

using Names = std::vector<std::string>;

const Names k_list_order{"Math.Adds", "Math.Compares", "Output.PrintsBothStreams",
                         "Slow.OneAndAHalfSeconds", "Quick.Passes"};

} // namespace

TEST_SUITE("integration::history") {

    TEST_CASE("the second run starts last run's failure first, then the longest test") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        Result first = run_ptest(run_args("duration"), {dir.path(), {}, {}});
        INFO("first stderr:\n" << first.err);
        CHECK(first.exit_code == 100);
        CHECK(first.leftovers.empty());
        CHECK(finish_order(first.err) == k_list_order); // No history yet: list order.

        const fs::path history = dir / "target/ptest/history.tsv";
        REQUIRE(fs::exists(history));
        std::string text = read_file(history);
        CHECK(text.rfind("# ptest history v1\n", 0) == 0);
        CHECK(contains(text, "gtest_basic\tMath.Compares\t"));
        CHECK(contains(text, "\tfail\n"));
        CHECK(contains(text, "gtest_behaviour\tSlow.OneAndAHalfSeconds\t1."));

        Result second = run_ptest(run_args("duration"), {dir.path(), {}, {}});
        INFO("second stderr:\n" << second.err);
        CHECK(second.exit_code == 100);
        Names order = finish_order(second.err);
        REQUIRE(order.size() == 5);
        CHECK(order[0] == "Math.Compares");
        CHECK(order[1] == "Slow.OneAndAHalfSeconds");

        // Declared order ignores the history.
        Result declared = run_ptest(run_args("declared"), {dir.path(), {}, {}});
        CHECK(finish_order(declared.err) == k_list_order);
    }

    TEST_CASE("random:SEED gives the same order every time, whatever the history") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        Result first = run_ptest(run_args("random:7"), {dir.path(), {}, {}});
        Result second = run_ptest(run_args("random:7"), {dir.path(), {}, {}});
        INFO("stderr:\n" << first.err << second.err);
        Names order = finish_order(first.err);
        CHECK(order.size() == 5);
        CHECK(order == finish_order(second.err));
        CHECK(order != k_list_order);
    }

    TEST_CASE("a corrupt history is a warning, the run goes on, and the store is rewritten") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        write_file(dir / "target/ptest/history.tsv", "garbage\x01\x02\n\tnot\ta\tstore\n");
        Result result = run_ptest(run_args("duration"), {dir.path(), {}, {}});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // Math.Compares fails; nothing else goes wrong.
        CHECK(contains(result.err, "ptest: warning: ignoring test history " +
                                       (dir / "target/ptest/history.tsv").string() +
                                       ": not a ptest history file\n"));
        CHECK(finish_order(result.err) == k_list_order);
        CHECK(read_file(dir / "target/ptest/history.tsv").rfind("# ptest history v1\n", 0) == 0);
    }

    TEST_CASE("an unwritable store is a warning, not a failure") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        write_file(dir / "target/ptest", "a file where the store's directory should be\n");
        std::vector<std::string> args = run_args("duration");
        args.erase(args.begin() + 6, args.begin() + 11);
        args.insert(args.begin() + 6, "Math.Adds"); // Only a passing test: exit 0.
        Result result = run_ptest(args, {dir.path(), {}, {}});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "ptest: warning: test history not saved: "));
        CHECK(contains(result.err, "history.tsv"));
    }

    TEST_CASE("a bad --order value is a usage error before anything runs") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "");
        Result result = run_ptest(run_args("longest"), {dir.path(), {}, {}});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "ptest: error: invalid --order value `longest` (expected duration, "
                            "declared or random:SEED)\n");
        CHECK(!fs::exists(dir / "target/ptest/history.tsv"));
    }
}
