// The OS seam for starting a test process: posix_spawn into its own process group, stdin from
// /dev/null, stdout and stderr on pipes ptest reads (or inherited, for --no-capture), default
// signal dispositions and an empty signal mask. Everything above this talks in SpawnRequest and
// SpawnedChild, never in fork/exec.
#pragma once

#include "base/fd.hpp"

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

/// The descriptor on which a child started with `SpawnRequest::report` finds its report file,
/// and the path by which a framework opens it (`--gtest_output=json:/dev/fd/3`). Opening the
/// path reopens the in-memory file itself on Linux (truncating it), so a framework that
/// writes its report with fopen or std::ofstream needs no file system entry, and nothing is left
/// behind when ptest or the test dies.
inline constexpr int k_report_fd = 3;
inline constexpr const char* k_report_path = "/dev/fd/3";

/// What to start.
struct SpawnRequest {
    std::filesystem::path program; ///< Executed as is (no PATH search).
    std::vector<std::string> args; ///< argv[1...]; argv[0] is `program`.
    std::vector<std::string> env;  ///< The environment, `NAME=value` each (after `base_env`).
    /// Entries placed before `env`, shared by many requests so that starting a test does not
    /// copy the whole environment; null for none. Not owned: it must outlive the request. The
    /// caller keeps the names in `env` and `base_env` distinct.
    const std::vector<std::string>* base_env = nullptr;
    std::filesystem::path cwd; ///< Working directory; empty inherits ptest's.
    bool capture = true;       ///< Pipes for stdout/stderr; false inherits ptest's.
    /// Give the child an empty in-memory file as descriptor `k_report_fd`, for the framework's
    /// structured report (with or without capture).
    bool report = false;
};

/// A started child. Its process group id equals its pid.
struct SpawnedChild {
    pid_t pid = -1;
    base::Fd stdout_read; ///< Empty when not capturing.
    base::Fd stderr_read; ///< Empty when not capturing.
    base::Fd report;      ///< ptest's descriptor of the report file; empty without `report`.
};

/// The outcome of a spawn: a child, or the errno that prevented it (ENOENT, EACCES, ...).
struct SpawnResult {
    SpawnedChild child;
    int error = 0;
    [[nodiscard]] bool ok() const noexcept { return error == 0; }
};

/// Start `request` in a new process group. Never throws for a failure of the child to start;
/// returns its errno instead. Safe to call from the single event-loop thread only.
SpawnResult spawn_process(const SpawnRequest& request);

/// What the child wrote to its report file `fd` (`SpawnedChild::report`), read from the start;
/// nullopt when it is empty (the framework wrote nothing, or never opened it).
std::optional<std::string> read_report(const base::Fd& fd);

} // namespace ptest::runner
