// `--isolation batch` keeps process mode's semantics (issue 15, item 4), on the real fixtures the
// process-mode tests use: retries and flaky detection, fail-fast (max-fail, terminate =
// "immediate"), leak detection, slow-timeout with terminate-after, SIGINT during a batch,
// `--stress-count`, `--partition`, and test groups all end as they do in process mode, with the
// same JUnit shape.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace ptest::itest;

namespace {

using namespace std::chrono_literals;

/// Per JUnit testcase (classname, name): its outcome and how many `flakyFailure` and
/// `rerunFailure` elements it holds, as one comparable string.
std::map<std::pair<std::string, std::string>, std::string> junit_shape(const fs::path& junit) {
    std::map<std::pair<std::string, std::string>, std::string> shape;
    pugi::xml_document doc;
    if (!doc.load_file(junit.c_str())) {
        return shape;
    }
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        const pugi::xml_node testcase = node.node();
        shape[{testcase.attribute("classname").as_string(),
               testcase.attribute("name").as_string()}] =
            junit_outcome(testcase) +
            " flaky=" + std::to_string(testcase.select_nodes("flakyFailure").size()) +
            " rerun=" + std::to_string(testcase.select_nodes("rerunFailure").size());
    }
    return shape;
}

using History = std::vector<std::tuple<std::string, std::string, double>>;

/// Write a duration history (target/ptest/history.tsv) recording each (binary, test, seconds).
/// Batches are sized from it: cases recorded at a millisecond beside one recorded at a second
/// (the ballast, which then runs alone) share a process even in a run of a few cases, which a run
/// without history would not batch (each case would be a whole share of the run's work).
void write_history(const TempDir& dir, const History& entries) {
    std::string text = "# ptest history v1\n";
    for (const auto& [binary, test, seconds] : entries) {
        text += binary + "\t" + test + "\t" + std::to_string(seconds) + "\tpass\n";
    }
    write_file(dir / "target/ptest/history.tsv", text);
}

/// `tests` of gtest_behaviour at a millisecond each, and the ballast Env.PrintsSlots at a second.
History behaviour_history(const std::vector<std::string>& tests) {
    History entries;
    for (const std::string& test : tests) {
        entries.emplace_back("gtest_behaviour", test, 0.001);
    }
    entries.emplace_back("gtest_behaviour", "Env.PrintsSlots", 1.0);
    return entries;
}

/// Both runs of one scenario and their JUnit shapes (`junit_shape`).
struct BothModes {
    Result process;
    Result batch;
    std::map<std::pair<std::string, std::string>, std::string> process_shape;
    std::map<std::pair<std::string, std::string>, std::string> batch_shape;
};

/// Run ptest with `config` as `.config/ptest.toml` (plus a JUnit path), `history`, and `args`
/// after `run --color never`, once per isolation mode, each in a fresh directory.
BothModes run_both(const std::string& config, const std::vector<std::string>& args,
                   const History& history = {}) {
    BothModes both;
    for (const std::string mode : {"process", "batch"}) {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   config + "[profile.default.junit]\npath = \"junit.xml\"\n");
        write_history(dir, history);
        std::vector<std::string> full = {"run", "--color", "never", "--isolation", mode};
        full.insert(full.end(), args.begin(), args.end());
        Result result = run_ptest(full, in_dir(dir));
        CHECK(result.leftovers.empty());
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        const bool batch = mode == "batch";
        (batch ? both.batch_shape : both.process_shape) = junit_shape(dir / "junit.xml");
        (batch ? both.batch : both.process) = std::move(result);
    }
    return both;
}

/// The direct children of `pid`, from /proc.
std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> children;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream in(task.path() / "children");
        pid_t child = 0;
        while (in >> child) {
            children.push_back(child);
        }
    }
    return children;
}

/// Whether one of `pid`'s children is the batch of Hang.Forever and Quick.Passes.
bool batch_running(pid_t pid) {
    for (const pid_t child : children_of(pid)) {
        std::ifstream in("/proc/" + std::to_string(child) + "/cmdline");
        const std::string cmdline((std::istreambuf_iterator<char>(in)), {});
        if (contains(cmdline, "--gtest_filter=Hang.Forever:Quick.Passes")) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_SUITE("integration::batch_semantics") {

    TEST_CASE("retries and flaky detection end as in process mode, in every framework") {
        History history = behaviour_history(
            {"Flaky.PassesOnSecondAttempt", "Flaky.PassesEveryThirdAttempt", "Quick.Passes"});
        for (const char* binary : {"catch2_behaviour", "doctest_behaviour"}) {
            history.emplace_back(binary, "flaky passes on second attempt", 0.001);
            history.emplace_back(binary, "quick passes", 0.001);
        }
        const BothModes both =
            run_both("[profile.default]\nfail-fast = false\n",
                     {"--binary", fixture("gtest_behaviour").string(), "--binary",
                      fixture("catch2_behaviour").string(), "--binary",
                      fixture("doctest_behaviour").string(), "--retries", "2", "-j", "2", "Flaky.",
                      "Quick.", "Env.", "flaky passes", "quick passes"},
                     history);
        INFO("batch stderr:\n" << both.batch.err);
        CHECK(both.batch.exit_code == 0);
        CHECK(both.process.exit_code == 0);
        CHECK(contains(both.batch.err, "(4 flaky)"));
        CHECK(contains(both.process.err, "(4 flaky)"));
        CHECK(contains(both.batch.err, "FLAKY 3/3 ["));
        CHECK(contains(both.batch.err, "7 tests ran in batches, 4 of them re-run alone"));
        CHECK(both.batch_shape.size() == 8);
        CHECK(both.batch_shape == both.process_shape);
    }

    TEST_CASE("--max-fail 3 stops after the third failure, counted from lone runs") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default.junit]\npath = \"junit.xml\"\n");
        const Result result =
            run_ptest({"run", "--binary", fixture("gtest_basic").string(), "--color", "never", "-j",
                       "1", "--failure-output", "never", "--isolation", "batch", "--max-fail", "3"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "tests ran in batches"));
        CHECK(contains(result.err, " passed, 3 failed"));
        CHECK(contains(result.err, "tests were not run due to test failure"));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("fail-fast with terminate immediate cancels the case a batch is running and leaves "
              "the rest not run") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\n"
                   "fail-fast = { max-fail = 1, terminate = \"immediate\" }\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        // Math.Compares, recorded long, starts first and alone; the other two share a batch.
        write_history(dir, {{"gtest_basic", "Math.Compares", 1.0},
                            {"gtest_behaviour", "Hang.Forever", 0.001},
                            {"gtest_behaviour", "Quick.Passes", 0.001}});
        const Result result =
            run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--binary",
                       fixture("gtest_basic").string(), "--color", "never", "-j", "2",
                       "--failure-output", "never", "--isolation", "batch", "--exact",
                       "Hang.Forever", "Quick.Passes", "Math.Compares"},
                      in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(result.seconds < 8.0); // Hang.Forever alone would run for 300 s.
        CHECK(contains(result.err, "Cancelling due to test failure"));
        CHECK(contains(result.err, "2/3 tests run: 0 passed, 1 failed, 1 cancelled"));
        CHECK(contains(result.err, "warning: 1/3 tests were not run due to test failure"));
        const fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        const pugi::xpath_node error = doc.select_node("//testcase[@name='Hang.Forever']/error");
        REQUIRE(error);
        CHECK(std::string(error.node().attribute("type").as_string()) == "test cancelled");
        CHECK(doc.select_node("//testcase[@name='Math.Compares']/failure"));
        CHECK_FALSE(doc.select_node("//testcase[@name='Quick.Passes']"));
    }

    TEST_CASE("a leaking case in a batch is re-run alone and found leaky, as in process mode") {
        const BothModes both =
            run_both("[profile.default]\nleak-timeout = \"100ms\"\n",
                     {"--binary", fixture("gtest_behaviour").string(), "-j", "1", "--exact",
                      "Leak.GrandchildHoldsStdout", "Quick.Passes", "Env.PrintsSlots"},
                     behaviour_history({"Leak.GrandchildHoldsStdout", "Quick.Passes"}));
        INFO("batch stderr:\n" << both.batch.err);
        CHECK(both.batch.exit_code == 0);
        CHECK(contains(both.batch.err, "LEAK [   "));
        CHECK(contains(both.batch.err, "3 passed (1 leaky)"));
        CHECK(contains(both.process.err, "3 passed (1 leaky)"));
        CHECK(contains(both.batch.err, "2 tests ran in batches, 2 of them re-run alone"));
        CHECK(both.batch_shape == both.process_shape);
    }

    TEST_CASE("a hanging case in a batch is re-run alone and times out as alone") {
        const BothModes both = run_both(
            "[profile.default]\nfail-fast = false\n"
            "slow-timeout = { period = \"500ms\", terminate-after = 2, grace-period = \"0s\" }\n",
            {"--binary", fixture("gtest_behaviour").string(), "-j", "1", "--exact", "Hang.Forever",
             "Quick.Passes", "Env.PrintsSlots"},
            behaviour_history({"Hang.Forever", "Quick.Passes"}));
        INFO("batch stderr:\n" << both.batch.err);
        CHECK(both.batch.exit_code == 100);
        CHECK(contains(both.batch.err, "TIMEOUT [   "));
        CHECK(contains(both.batch.err, "2 passed, 0 failed, 1 timed out"));
        CHECK(contains(both.process.err, "2 passed, 0 failed, 1 timed out"));
        CHECK(contains(both.batch.err, "2 tests ran in batches, 2 of them re-run alone"));
        CHECK(both.batch_shape == both.process_shape);
    }

    TEST_CASE("SIGINT during a batch cancels its running case, leaves nothing behind and writes "
              "a complete JUnit file") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default.junit]\npath = \"junit.xml\"\n");
        write_history(dir, behaviour_history({"Hang.Forever", "Quick.Passes"}));
        Running ptest(ptest_exe(),
                      {"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never",
                       "-j", "1", "--isolation", "batch", "--exact", "Hang.Forever", "Quick.Passes",
                       "Env.PrintsSlots"},
                      in_dir(dir.path()));
        REQUIRE(ptest.wait_for_stderr("Starting 3 tests", 30s));
        // Env.PrintsSlots runs first (recorded longest), then the batch of the other two.
        const auto until = std::chrono::steady_clock::now() + 30s;
        while (!batch_running(ptest.pid()) && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(10ms);
        }
        REQUIRE(batch_running(ptest.pid()));
        ptest.signal(SIGINT);
        const Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(result.leftovers.empty());
        CHECK(contains(result.err, "Cancelling due to interrupt"));
        CHECK(contains(result.err, "2/3 tests run: 1 passed, 0 failed, 1 cancelled"));
        CHECK(contains(result.err, "warning: 1/3 tests were not run due to interrupt"));
        const fs::path junit = dir / "junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        CHECK(doc.select_node("//testcase[@name='Hang.Forever']/error"));
        CHECK_FALSE(doc.select_node("//testcase[@name='Quick.Passes']"));
    }

    TEST_CASE("--stress-count runs every case in its own process, batch isolation or not") {
        const BothModes both = run_both(
            "[profile.default]\nfail-fast = false\n",
            {"--binary", fixture("gtest_basic").string(), "-j", "1", "--stress-count", "2"});
        INFO("batch stderr:\n" << both.batch.err);
        CHECK(both.batch.exit_code == both.process.exit_code);
        CHECK_FALSE(contains(both.batch.err, "ran in batches"));
        CHECK(count_of(both.batch.err, "PASS [") == count_of(both.process.err, "PASS ["));
        CHECK(count_of(both.batch.err, "iteration 2/2: ") == 1);
        CHECK(count_of(both.process.err, "iteration 2/2: ") == 1);
    }

    TEST_CASE("--partition picks the same tests in batches as in processes") {
        for (const char* shard : {"count:1/2", "count:2/2", "hash:1/3"}) {
            CAPTURE(shard);
            const BothModes both =
                run_both("[profile.default]\nfail-fast = false\n",
                         {"--binary", fixture("gtest_basic").string(), "--binary",
                          fixture("catch2_basic").string(), "-j", "1", "--partition", shard});
            INFO("batch stderr:\n" << both.batch.err);
            CHECK_FALSE(both.batch_shape.empty());
            CHECK(both.batch_shape == both.process_shape);
        }
    }

    TEST_CASE("a case in a test group or needing two threads runs alone, with its group's slot") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[test-groups]\nserial = { max-threads = 1 }\n"
                   "[[profile.default.overrides]]\nfilter = 'test(=Env.PrintsSlots)'\n"
                   "test-group = 'serial'\n"
                   "[[profile.default.overrides]]\nfilter = 'test(=Quick.Passes)'\n"
                   "threads-required = 2\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n"
                   "store-success-output = true\n");
        write_history(dir, behaviour_history({"Flaky.PassesOnSecondAttempt",
                                              "Flaky.PassesEveryThirdAttempt", "Quick.Passes"}));
        const Result result = run_ptest(
            {"run", "--binary", fixture("gtest_behaviour").string(), "--color", "never", "-j", "2",
             "--retries", "2", "--isolation", "batch", "--exact", "Env.PrintsSlots", "Quick.Passes",
             "Flaky.PassesOnSecondAttempt", "Flaky.PassesEveryThirdAttempt"},
            in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "4 passed (2 flaky)"));
        // Only the two cases without a group or a heavy need shared a process; failing there,
        // they were re-run alone and their retries made them flaky, as in process mode.
        CHECK(contains(result.err, "2 tests ran in batches, 2 of them re-run alone"));
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        const std::string out = doc.select_node("//testcase[@name='Env.PrintsSlots']/system-out")
                                    .node()
                                    .text()
                                    .as_string();
        CHECK(contains(out, "group=serial global_slot="));
        CHECK(contains(out, "group_slot=0"));
    }
}
