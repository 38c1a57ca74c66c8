// Helpers shared by the JUnit reporter's unit tests: a fresh temporary directory per test and a
// way to run the contract's xmllint/xsltproc checks and see their exit status and output.
#pragma once

#include "reporter/events.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ptest::reporter::test {

/// A fresh directory under the system temp folder, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// The directory's path.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

private:
    std::filesystem::path m_path;
};

/// The exit status and combined stdout/stderr of a shell command.
struct CommandResult {
    int exit_code = -1;
    std::string output;
};

/// Runs `command` through `/bin/sh -c` (popen) and returns its exit code and output.
CommandResult run_command(const std::string& command);

/// Reads a whole file into a string; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// Quotes `text` for the shell with single quotes.
std::string shell_quote(const std::string& text);

/// 2025-01-09T07:50:12.664Z, the start of every hand-built run.
WallClock::time_point run_start();

/// An attempt that starts `offset_ms` after `run_start()` and lasts `duration_ms`.
AttemptResult make_attempt(AttemptStatus status, int offset_ms, int duration_ms,
                           std::uint32_t attempt = 1, std::uint32_t total_attempts = 1);

/// `RunStarted` for binaries `io_tests`, `math_tests` and `empty_bin` (in that order) with a
/// slow-timeout of 1 s terminated after 3 periods.
RunStarted make_run_started();

/// A run in which every outcome of contract §3 happens once (see the .cpp for the list), ending
/// with `RunFinished` after 3.517 s. Ignored test `Math.DISABLED_Slow` is skipped.
std::vector<Event> every_outcome_events();

} // namespace ptest::reporter::test
