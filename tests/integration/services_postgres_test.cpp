// Setup and teardown scripts with health checks (issue 16), driven through the real ptest on the
// service example against a real PostgreSQL: the example's own configuration runs its suite as one
// command; the tests see DATABASE_URL and reach the database; no server process and no data
// folder is left after a passing run, a failing run, a fail-fast stop, a SIGINT during the tests,
// a failing health check or a failing later setup script; teardowns run once, in reverse order of
// their setups; setup scripts no selected test matches do not run.
#include "postgres_support.hpp"

#include <doctest/doctest.h>

#include <signal.h>

#include <fstream>
#include <functional>
#include <thread>

using namespace ptest::itest;
using namespace std::chrono_literals;

namespace {

/// How long to wait for a condition of a run to appear: a deadline for a stuck run, not a timing
/// expectation.
constexpr std::chrono::seconds k_patience{60};

/// Poll `condition` every 20 ms until it holds or `k_patience` passes; returns whether it held.
bool eventually(const std::function<bool()>& condition) {
    auto deadline = std::chrono::steady_clock::now() + k_patience;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

/// `path` as a TOML literal string.
std::string literal(const fs::path& path) {
    return "'" + path.string() + "'";
}

/// The example's two scripts, by absolute path, with `health` as the setup's health check. The
/// teardown copies the server's log to `service-logs/` in the workspace: its presence after a run
/// shows that the teardown ran after a server had started.
std::string postgres_scripts(const std::string& health) {
    return "[scripts.setup.postgres]\n"
           "command = " +
           literal(service_script("postgres-start")) +
           "\n"
           "capture-stdout = true\n"
           "capture-stderr = true\n"
           "health = " +
           health +
           "\n"
           "[scripts.teardown.postgres-stop]\n"
           "command = " +
           literal(service_script("postgres-stop")) +
           "\n"
           "env = { SERVICE_LOG_DIR = \"service-logs\" }\n";
}

const std::string k_pg_isready =
    R"({ command = ["pg_isready", "--quiet"], interval = "200ms", timeout = "30s" })";

/// A configuration running the example's binary and `fixtures` (by absolute path), fail-fast off
/// and a short grace period, JUnit to `junit.xml`, with `scripts` and `rules` appended.
std::string config(const std::vector<std::string>& fixtures, const std::string& scripts,
                   const std::string& rules) {
    std::string text = "[profile.default]\n"
                       "fail-fast = false\n"
                       "slow-timeout = { period = \"60s\", grace-period = \"1s\" }\n"
                       "[profile.default.junit]\n"
                       "path = \"junit.xml\"\n" +
                       rules + scripts + "[[binary]]\npath = " + literal(service_example_binary()) +
                       "\n";
    for (const std::string& name : fixtures) {
        text += "[[binary]]\npath = " + literal(fixture(name)) + "\n";
    }
    return text;
}

/// The rule of the example's configuration: the Db tests need the database.
const std::string k_postgres_rule = "[[profile.default.scripts]]\n"
                                    "filter = \"test(/Db/)\"\n"
                                    "setup = \"postgres\"\n"
                                    "teardown = \"postgres-stop\"\n";

/// Outcomes of the JUnit file's Db cases (the example's tests that use the database).
std::map<std::string, int> db_outcomes(const fs::path& junit) {
    std::map<std::string, int> counts;
    for (const auto& [key, outcome] : junit_outcomes(junit)) {
        if (key.second.rfind("Db", 0) == 0) {
            ++counts[outcome];
        }
    }
    return counts;
}

/// The number of the example's Db tests the live report shows passing.
int passed_db_tests(const std::string& err) {
    int passed = 0;
    for (const std::string& line : lines_of(err)) {
        if (contains(line, "PASS [") && contains(line, "service_db_test Db")) {
            ++passed;
        }
    }
    return passed;
}

/// True when `code` is a row of docs/exit-codes.md.
bool documented_exit_code(int code) {
    return contains(read_file(source_dir() / "docs/exit-codes.md"),
                    "\n| " + std::to_string(code) + " |");
}

/// True when a process of `binary` runs with `argument` in its command line (a test, not a
/// listing, and not ptest, whose command line names no binary).
bool running_with_argument(const std::string& binary, const std::string& argument) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        std::ifstream in(entry.path() / "cmdline");
        std::string text((std::istreambuf_iterator<char>(in)), {});
        if (contains(text, binary) && contains(text, argument)) {
            return true;
        }
    }
    return false;
}

/// The example as checked in (its configuration and scripts), copied to
/// `workspace/examples/service-project`, beside a `build` that is this build tree, so that its
/// relative binary path (../../build/examples/service-project/...) resolves. Returns its folder.
fs::path copy_example(const ServiceWorkspace& workspace) {
    fs::path example = workspace / "examples/service-project";
    fs::create_directories(example);
    fs::copy(service_example_dir() / ".config", example / ".config", fs::copy_options::recursive);
    fs::copy(service_example_dir() / "scripts", example / "scripts", fs::copy_options::recursive);
    fs::create_directory_symlink(PTEST_BINARY_DIR, workspace / "build");
    return example;
}

/// The teardown ran after a server had started: postgres-stop copied the server's log.
bool teardown_kept_the_log(const fs::path& logs) {
    return contains(read_file(logs / "postgres.log"), "ready to accept connections");
}

} // namespace

TEST_SUITE("integration::services") {

    TEST_CASE("the example's own configuration runs its suite against a real PostgreSQL as one "
              "command and leaves nothing behind") {
        require_postgres();
        ServiceWorkspace workspace;
        fs::path example = copy_example(workspace);
        Result result = run_ptest({"run", "--profile", "ci", "--color", "never"},
                                  workspace.options({}, example));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        for (const char* line : {"SETUP", "READY", "TEARDOWN"}) {
            CHECK(contains(result.err, line));
        }
        fs::path junit = example / "target/nextest/ci/junit.xml";
        CHECK(db_outcomes(junit) == std::map<std::string, int>{{"pass", 7}});
        CHECK(junit_validation_errors(junit) == "");
        CHECK(teardown_kept_the_log(example / "target/service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("a setup script that no selected test matches does not run") {
        require_postgres();
        ServiceWorkspace workspace;
        fs::path example = copy_example(workspace);
        Result result = run_ptest({"run", "--color", "never", "ConnectionString"},
                                  workspace.options({}, example));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "1 test run: 1 passed"));
        CHECK_FALSE(contains(result.err, "SETUP"));
        CHECK_FALSE(fs::exists(example / "target/service-logs"));
        CHECK(postgres_folders(workspace.tmp()).empty());
    }

    TEST_CASE("a failing run still tears the database down") {
        require_postgres();
        ServiceWorkspace workspace;
        write_file(workspace / ".config/ptest.toml",
                   config({"gtest_basic"}, postgres_scripts(k_pg_isready), k_postgres_rule));
        Result result =
            run_ptest({"run", "--color", "never", "Db", "Math.Compares"}, workspace.options());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(db_outcomes(workspace / "junit.xml") == std::map<std::string, int>{{"pass", 7}});
        CHECK(junit_outcomes(workspace / "junit.xml")[{"gtest_basic", "Math.Compares"}] == "fail");
        CHECK(teardown_kept_the_log(workspace / "service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("a fail-fast stop still tears the database down") {
        require_postgres();
        ServiceWorkspace workspace;
        write_file(workspace / ".config/ptest.toml",
                   config({"gtest_basic"}, postgres_scripts(k_pg_isready), k_postgres_rule));
        Result result = run_ptest({"run", "--color", "never", "--fail-fast", "-j", "1", "--order",
                                   "declared", "Math.Compares", "Db"},
                                  workspace.options());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(teardown_kept_the_log(workspace / "service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("SIGINT during the tests cancels them, then tears the database down") {
        require_postgres();
        ServiceWorkspace workspace;
        write_file(workspace / ".config/ptest.toml",
                   config({"gtest_behaviour"}, postgres_scripts(k_pg_isready), k_postgres_rule));
        Running ptest(ptest_exe(), {"run", "--color", "never", "-j", "2", "Db", "Hang.Forever"},
                      workspace.options());
        // The server passed its health check and the hanging test runs: the signal comes during
        // the tests.
        REQUIRE(ptest.wait_for_stderr("READY", k_patience));
        REQUIRE(
            eventually([] { return running_with_argument("gtest_behaviour", "Hang.Forever"); }));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Cancelling due to interrupt"));
        CHECK(contains(result.err, "TEARDOWN"));
        CHECK(teardown_kept_the_log(workspace / "service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("SIGINT during the setup script stops the run and leaves nothing behind") {
        require_postgres();
        ServiceWorkspace workspace;
        write_file(workspace / ".config/ptest.toml",
                   config({}, postgres_scripts(k_pg_isready), k_postgres_rule));
        Running ptest(ptest_exe(), {"run", "--color", "never"}, workspace.options());
        // postgres-start has made its folder; initdb then takes seconds.
        REQUIRE(eventually([&] { return !postgres_folders(workspace.tmp()).empty(); }));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(passed_db_tests(result.err) == 0);
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("a health check that never passes fails the run within its timeout, shows the "
              "script's output and still tears down") {
        require_postgres();
        ServiceWorkspace workspace;
        const std::string never = R"({ command = ["false"], interval = "100ms", timeout = "2s" })";
        write_file(workspace / ".config/ptest.toml",
                   config({}, postgres_scripts(never), k_postgres_rule));
        Result result = run_ptest({"run", "--color", "never"}, workspace.options());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code != 0);
        CHECK(documented_exit_code(result.exit_code));
        // The setup script's captured output, which says where the server and its log are.
        CHECK(contains(result.err, "postgres-start: PostgreSQL"));
        CHECK(passed_db_tests(result.err) == 0);
        // The 2 s timeout, not the 30 s default: initdb and the margin of a loaded machine fit in
        // the rest.
        CHECK(result.seconds < 25);
        CHECK(teardown_kept_the_log(workspace / "service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("teardowns run once, in reverse order of their setups") {
        require_postgres();
        ServiceWorkspace workspace;
        // Each script records itself in order.log, then (for PostgreSQL's) does its real work.
        auto recording = [](const std::string& name, const std::string& then) {
            return "command = [\"sh\", \"-c\", 'echo " + name + " >> order.log" + then + "']\n";
        };
        std::string scripts =
            "[scripts.setup.postgres]\n" +
            recording("setup-postgres",
                      "; exec \"" + service_script("postgres-start").string() + "\"") +
            "health = " + k_pg_isready + "\n" + "[scripts.setup.second]\n" +
            recording("setup-second", "") + "[scripts.teardown.postgres-stop]\n" +
            recording("teardown-postgres",
                      "; exec \"" + service_script("postgres-stop").string() + "\"") +
            "[scripts.teardown.second-stop]\n" + recording("teardown-second", "");
        std::string rules = k_postgres_rule + "[[profile.default.scripts]]\n"
                                              "filter = \"test(/Db/)\"\n"
                                              "setup = \"second\"\n"
                                              "teardown = \"second-stop\"\n";
        write_file(workspace / ".config/ptest.toml", config({}, scripts, rules));
        Result result = run_ptest({"run", "--color", "never"}, workspace.options());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(db_outcomes(workspace / "junit.xml") == std::map<std::string, int>{{"pass", 7}});
        CHECK(read_file(workspace / "order.log") ==
              "setup-postgres\nsetup-second\nteardown-second\nteardown-postgres\n");
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("a later setup script that fails stops the run with its output, and the earlier "
              "one's teardown runs") {
        require_postgres();
        ServiceWorkspace workspace;
        std::string scripts = postgres_scripts(k_pg_isready) +
                              "[scripts.setup.broken]\n"
                              "command = [\"sh\", \"-c\", 'echo broken setup says why; exit 3']\n"
                              "capture-stdout = true\n";
        std::string rules = k_postgres_rule + "[[profile.default.scripts]]\n"
                                              "filter = \"test(/Db/)\"\n"
                                              "setup = \"broken\"\n";
        write_file(workspace / ".config/ptest.toml", config({}, scripts, rules));
        Result result = run_ptest({"run", "--color", "never"}, workspace.options());
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code != 0);
        CHECK(documented_exit_code(result.exit_code));
        CHECK(contains(result.err + result.out, "broken setup says why"));
        CHECK(passed_db_tests(result.err) == 0);
        CHECK(teardown_kept_the_log(workspace / "service-logs"));
        CHECK(result.leftovers.empty());
        check_no_postgres_left(workspace);
    }
}
