// Support for the integration tests on the service example (examples/service-project): where its
// scripts and its test binary are, whether PostgreSQL is installed, workspaces whose temporary
// folder is the test's own, and what a run leaves behind: PostgreSQL server processes and the
// data folders postgres-start makes.
#pragma once

#include "harness.hpp"

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace ptest::itest {

/// examples/service-project in the source tree.
fs::path service_example_dir();
/// One of the example's scripts (`postgres-start`, `postgres-stop`).
fs::path service_script(const std::string& name);
/// The example's built test binary.
fs::path service_example_binary();

/// Fail the current test, saying what to install or build, unless PostgreSQL's server programs,
/// `pg_isready` and the example's binary are all there. Never a skip: a machine without
/// PostgreSQL cannot pass these tests.
void require_postgres();

/// A workspace for one test: a TempDir the server's user (`postgres`, when the tests run as root)
/// may search, holding `tmp/`, the TMPDIR of everything the test starts, so that the data folders
/// and server processes found there are this test's alone.
class ServiceWorkspace {
public:
    ServiceWorkspace();
    [[nodiscard]] const TempDir& dir() const { return m_dir; }
    [[nodiscard]] fs::path path() const { return m_dir.path(); }
    [[nodiscard]] fs::path tmp() const { return m_dir / "tmp"; }
    /// `path() / relative`.
    [[nodiscard]] fs::path operator/(const std::string& relative) const { return m_dir / relative; }
    /// Options that start a command in `cwd` (the workspace when empty) with TMPDIR set to `tmp()`
    /// and `env` added.
    [[nodiscard]] Options options(std::map<std::string, std::string> env = {},
                                  const fs::path& cwd = {}) const;

private:
    TempDir m_dir;
};

/// Running PostgreSQL processes (zombies excepted) whose working directory is under `root`.
/// PostgreSQL's processes run in their data folder and rewrite their environment, so the
/// harness's environment marker misses them; their working directory does not.
std::vector<pid_t> postgres_processes_under(const fs::path& root);

/// The data folders postgres-start made under `tmp` (`ptest-postgres.*`) that still exist.
std::vector<fs::path> postgres_folders(const fs::path& tmp);

/// Check that nothing of a PostgreSQL started in `workspace` is left: no process, no data folder.
void check_no_postgres_left(const ServiceWorkspace& workspace);

/// SIGKILL every process `postgres_processes_under(root)` finds (cleanup after a failed test).
void kill_postgres_under(const fs::path& root);

/// The KEY=VALUE lines of an environment file (as a setup script writes to PTEST_ENV).
std::map<std::string, std::string> read_env_file(const fs::path& path);

} // namespace ptest::itest
