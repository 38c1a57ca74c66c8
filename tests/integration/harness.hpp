// The integration-test harness: run the real `ptest` executable on the real fixture binaries,
// in fresh temporary workspaces that are kept (and named) when a test fails, and inspect what it
// leaves behind: exit codes, output, JUnit files, and the process table.
#pragma once

#include <pugixml.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ptest::itest {

namespace fs = std::filesystem;

/// The built `ptest` executable.
fs::path ptest_exe();
/// A fixture binary by name (`gtest_basic`, ...).
fs::path fixture(const std::string& name);

/// A program found on PATH (the harness executes absolute paths only), or an empty path.
fs::path find_program(const std::string& name);
/// The repository root and the `shared/` folder beside it.
fs::path source_dir();
fs::path shared_dir();

/// How to start a command.
struct Options {
    fs::path cwd;                              ///< Empty: the current directory.
    std::map<std::string, std::string> env;    ///< Added to (or replacing in) the environment.
    std::vector<std::string> unset;            ///< Removed from the environment.
    std::chrono::milliseconds timeout{120000}; ///< SIGKILL after this (the test then fails).
};

/// How a command ended.
struct Result {
    int exit_code = -1; ///< -1 when killed by a signal.
    int signal = 0;
    std::string out;
    std::string err;
    double seconds = 0;
    bool timed_out = false;
    /// Every process that carried this run's marker and was still alive when it ended.
    std::vector<pid_t> leftovers;
};

/// Run `program` with `args` to completion, capturing stdout and stderr. Every process started
/// carries a unique marker in its environment, so processes it leaves behind are found (and
/// killed) afterwards and listed in `leftovers`.
Result run(const fs::path& program, const std::vector<std::string>& args,
           const Options& options = {});

/// `run(ptest_exe(), args, options)`.
Result run_ptest(const std::vector<std::string>& args, const Options& options = {});

/// A started process that the test drives (signals) before waiting for it.
class Running {
public:
    Running(const fs::path& program, const std::vector<std::string>& args,
            const Options& options = {});
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;
    ~Running();

    [[nodiscard]] pid_t pid() const { return m_pid; }
    /// Send `signal` to the process (not its group).
    void signal(int signal) const;
    /// Wait until stderr contains `text` or `timeout` passes; returns whether it appeared.
    bool wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout);
    /// Wait for the process to end and collect everything (as `run` does).
    Result wait();

private:
    void pump(int timeout_ms);

    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    std::string m_marker;
    Result m_result;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::milliseconds m_timeout;
    bool m_done = false;
};

/// Processes whose environment holds `PTEST_ITEST_MARKER=marker`.
std::vector<pid_t> processes_with_marker(const std::string& marker);

/// A fresh temporary directory, removed at the end of the test unless the test failed, in which
/// case its path is printed so the evidence can be inspected.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    [[nodiscard]] const fs::path& path() const { return m_path; }
    /// `path() / relative`.
    [[nodiscard]] fs::path operator/(const std::string& relative) const {
        return m_path / relative;
    }

private:
    fs::path m_path;
};

/// Options that start a command in `cwd`, with `env` added to the environment.
Options in_dir(const fs::path& cwd, std::map<std::string, std::string> env = {});
/// Options that start a command in `dir`.
Options in_dir(const TempDir& dir);

void write_file(const fs::path& path, const std::string& text);
std::string read_file(const fs::path& path);

/// True if `haystack` contains `needle`.
bool contains(const std::string& haystack, const std::string& needle);

/// `text` split into lines (without their line ends).
std::vector<std::string> lines_of(const std::string& text);

/// A JUnit `testcase` element's outcome: `pass`, `fail`, `abort` (a failure of type `test abort`),
/// `error` or `skip`.
std::string junit_outcome(const pugi::xml_node& testcase);

/// The outcome (`junit_outcome`) of every JUnit `testcase` in the file at `junit`, by
/// (classname, name); empty when the file cannot be read.
std::map<std::pair<std::string, std::string>, std::string> junit_outcomes(const fs::path& junit);

/// Run `ptest run --color never` on the fixtures `binaries` (by `--binary`, in order) with `extra`
/// arguments, in `dir` with a `.config/ptest.toml` that turns fail-fast off and writes the JUnit
/// file `dir/junit.xml`, plus `junit_extra` (lines of the junit table, e.g.
/// `store-success-output = true\n`).
Result run_fixtures(const TempDir& dir, const std::vector<std::string>& binaries,
                    const std::vector<std::string>& extra, const std::string& junit_extra = "");

/// Check the JUnit `outcomes` (`junit_outcomes`) against every modelled case of `binaries`: an
/// ignored case has no testcase, a case its framework cannot run on its own is a skip, and every
/// other case has the model's outcome. Returns how many cases were compared.
int compare_with_model(const std::map<std::pair<std::string, std::string>, std::string>& outcomes,
                       const std::vector<std::string>& binaries);

/// The number of non-overlapping occurrences of `needle` in `haystack`.
std::size_t count_of(const std::string& haystack, const std::string& needle);

/// The part of a terminal report from its `Summary [` line on (the closing list), or empty.
std::string closing_part(const std::string& err);

/// Validate a JUnit file with xmllint against ptest-junit.xsd and, through the compatibility
/// XSL, junit-10.xsd. Returns an empty string when valid, else the tools' complaints.
std::string junit_validation_errors(const fs::path& junit);

/// One case of tests/fixtures/expected.toml.
struct ExpectedCase {
    std::string binary;
    std::string name;
    std::string outcome;
    std::optional<std::string> signal;
    std::optional<std::string> message_contains;
    std::optional<int> flaky_passes_on;
    bool slow = false;
};

/// Every case of the expected-results model, in file order, named as ptest names them (doctest
/// `suite/name`; a name repeated in one binary gets ` #2`, ` #3`, ...).
std::vector<ExpectedCase> expected_cases();

} // namespace ptest::itest
