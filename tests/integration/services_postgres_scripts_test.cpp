// The service example's scripts on their own, against a real PostgreSQL, as a developer checks
// them by hand: postgres-start starts a server that the example's tests reach through the
// DATABASE_URL it exports, postgres-stop leaves no process and no folder, even when the server is
// already gone, and deletes no folder it did not make. When the tests run as root (CI), the
// server runs as `postgres`. ptest's scripts runner drives the same scripts in
// services_postgres_test.cpp.
#include "postgres_support.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <thread>

using namespace ptest::itest;

namespace {

/// Run one of the example's scripts, in `workspace` with `env`, without the harness's marker:
/// the server postgres-start leaves running is the point, not a leak (the tests check it).
Result run_script(const ServiceWorkspace& workspace, const std::string& name,
                  std::map<std::string, std::string> env) {
    return run(find_program("env"), {"-u", "PTEST_ITEST_MARKER", service_script(name).string()},
               workspace.options(std::move(env)));
}

/// Whatever a test leaves running in its workspace is killed when it ends, failed or not.
struct KillServersAtExit {
    const ServiceWorkspace& workspace;
    ~KillServersAtExit() { kill_postgres_under(workspace.path()); }
};

/// The user id of process `pid` (its real uid, from /proc), or -1.
long uid_of(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "Uid:") {
            long uid = -1;
            status >> uid;
            return uid;
        }
    }
    return -1;
}

/// Start a server with postgres-start and return the variables it exported.
std::map<std::string, std::string> start_server(const ServiceWorkspace& workspace) {
    fs::path env_file = workspace / "env";
    write_file(env_file, "");
    Result started = run_script(workspace, "postgres-start", {{"PTEST_ENV", env_file.string()}});
    INFO("postgres-start stdout:\n" << started.out << "stderr:\n" << started.err);
    REQUIRE(started.exit_code == 0);
    return read_env_file(env_file);
}

} // namespace

TEST_SUITE("integration::services") {

    TEST_CASE("postgres-start starts a server the example's tests reach, and postgres-stop "
              "leaves nothing behind") {
        require_postgres();
        ServiceWorkspace workspace;
        KillServersAtExit cleanup{workspace};
        std::map<std::string, std::string> env = start_server(workspace);
        CHECK(env["DATABASE_URL"].rfind("postgresql://postgres@127.0.0.1:", 0) == 0);
        CHECK(env["PGHOST"] == "127.0.0.1");
        CHECK(!env["PGPORT"].empty());
        CHECK(fs::is_directory(env["PGDATA_DIR"]));
        CHECK(postgres_folders(workspace.tmp()).size() == 1);

        // PostgreSQL refuses to run as root: run as root, the script starts it as `postgres`.
        std::vector<pid_t> servers = postgres_processes_under(workspace.path());
        REQUIRE(!servers.empty());
        for (pid_t pid : servers) {
            CHECK(uid_of(pid) != 0);
        }
        // The health check of the example's configuration passes.
        Result ready = run(find_program("pg_isready"), {}, workspace.options(env));
        CHECK(ready.exit_code == 0);

        Result tests = run(service_example_binary(), {}, workspace.options(env));
        INFO("tests:\n" << tests.out << tests.err);
        CHECK(tests.exit_code == 0);
        CHECK(contains(tests.out, "[  PASSED  ] 8 tests."));

        env["SERVICE_LOG_DIR"] = (workspace / "logs").string();
        Result stopped = run_script(workspace, "postgres-stop", env);
        INFO("postgres-stop:\n" << stopped.out << stopped.err);
        CHECK(stopped.exit_code == 0);
        check_no_postgres_left(workspace);
        CHECK(contains(read_file(workspace / "logs/postgres.log"), "ready to accept connections"));

        // Run twice (the server and its folder are gone), the teardown still succeeds.
        Result again = run_script(workspace, "postgres-stop", env);
        CHECK(again.exit_code == 0);
        CHECK(contains(again.out, "already gone"));
    }

    TEST_CASE("postgres-start also writes to nextest's NEXTEST_ENV") {
        require_postgres();
        ServiceWorkspace workspace;
        KillServersAtExit cleanup{workspace};
        fs::path env_file = workspace / "nextest-env";
        write_file(env_file, "");
        Result started =
            run_script(workspace, "postgres-start", {{"NEXTEST_ENV", env_file.string()}});
        INFO(started.err);
        REQUIRE(started.exit_code == 0);
        std::map<std::string, std::string> env = read_env_file(env_file);
        CHECK(contains(env["DATABASE_URL"], "@127.0.0.1:"));
        CHECK(run_script(workspace, "postgres-stop", env).exit_code == 0);
        check_no_postgres_left(workspace);
    }

    TEST_CASE("postgres-stop cleans up after a server that was killed") {
        require_postgres();
        ServiceWorkspace workspace;
        KillServersAtExit cleanup{workspace};
        std::map<std::string, std::string> env = start_server(workspace);
        std::string pid_line = read_file(fs::path(env["PGDATA_DIR"]) / "postmaster.pid");
        pid_t postmaster = static_cast<pid_t>(std::stol(pid_line.substr(0, pid_line.find('\n'))));
        REQUIRE(::kill(postmaster, SIGKILL) == 0);
        Result stopped = run_script(workspace, "postgres-stop", env);
        INFO(stopped.out << stopped.err);
        CHECK(stopped.exit_code == 0);
        CHECK(postgres_folders(workspace.tmp()).empty());
    }

    TEST_CASE("postgres-stop deletes no folder postgres-start did not make, and without one has "
              "nothing to do") {
        require_postgres();
        ServiceWorkspace workspace;
        fs::create_directories(workspace / "precious/data");
        Result stopped = run_script(workspace, "postgres-stop",
                                    {{"PG_SERVICE_DIR", (workspace / "precious").string()}});
        CHECK(stopped.exit_code == 1);
        CHECK(contains(stopped.err, "not made by postgres-start"));
        CHECK(fs::exists(workspace / "precious/data"));

        // postgres-start interrupted or failed: it exported nothing and cleaned up itself.
        Result unset = run_script(workspace, "postgres-stop", {});
        CHECK(unset.exit_code == 0);
        CHECK(contains(unset.out, "nothing to stop"));
    }

    TEST_CASE("postgres-start interrupted stops what it started and deletes its folder") {
        require_postgres();
        ServiceWorkspace workspace;
        KillServersAtExit cleanup{workspace};
        write_file(workspace / "env", "");
        Running script(find_program("env"),
                       {"-u", "PTEST_ITEST_MARKER", service_script("postgres-start").string()},
                       workspace.options({{"PTEST_ENV", (workspace / "env").string()}}));
        // The folder exists as soon as the script has begun; initdb then takes seconds.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (postgres_folders(workspace.tmp()).empty() &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        REQUIRE(!postgres_folders(workspace.tmp()).empty());
        script.signal(SIGINT);
        Result result = script.wait();
        INFO(result.out << result.err);
        CHECK(result.exit_code == 130);
        CHECK(read_file(workspace / "env").empty());
        check_no_postgres_left(workspace);
    }

    TEST_CASE("postgres-start refuses to run outside a setup script") {
        require_postgres();
        ServiceWorkspace workspace;
        Result started = run(find_program("env"),
                             {"-u", "PTEST_ENV", "-u", "NEXTEST_ENV", "-u", "PTEST_ITEST_MARKER",
                              service_script("postgres-start").string()},
                             workspace.options());
        CHECK(started.exit_code == 2);
        CHECK(contains(started.err, "neither PTEST_ENV nor NEXTEST_ENV is set"));
        CHECK(postgres_folders(workspace.tmp()).empty());
    }

    TEST_CASE("without DATABASE_URL the database tests fail and say why; the others pass") {
        require_postgres();
        ServiceWorkspace workspace;
        Result tests =
            run(service_example_binary(), {},
                Options{workspace.path(), {}, {"DATABASE_URL"}, std::chrono::minutes(1)});
        CHECK(tests.exit_code == 1);
        CHECK(contains(tests.out, "DATABASE_URL is not set"));
        CHECK(contains(tests.out, "[  PASSED  ] 1 test."));
        CHECK(contains(tests.out, "7 FAILED TESTS"));
    }
}
