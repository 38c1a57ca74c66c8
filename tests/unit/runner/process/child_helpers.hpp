// Helpers for tests that start real children: a shell-script SpawnRequest, bounded blocking reads
// of a child's pipe, a bounded wait for its exit, a guard that kills and reaps whatever a failed
// assertion left running, and a scratch directory removed at the end of the test. The timeouts the
// tests give these helpers (5 s, 10 s) are deadlines for a child that is stuck, not timing
// expectations: each condition normally holds within milliseconds, so they are all margin.
#pragma once

#include "runner/process/spawn.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace ptest::runner::test_support {

using namespace std::chrono_literals;

/// A request that runs `script` with `/bin/sh -c`, capturing, with `PATH` set so it finds tools.
inline SpawnRequest shell(const std::string& script) {
    SpawnRequest request;
    request.program = "/bin/sh";
    request.args = {"-c", script};
    request.env = {"PATH=/usr/bin:/bin"};
    return request;
}

/// Read `fd` until EOF or until `timeout` passes. Returns what was read; `eof` says which.
struct ReadResult {
    std::string text;
    bool eof = false;
};

/// Read `fd` until EOF, `timeout`, or (when `stop_at_newline`) the first newline.
inline ReadResult read_until(int fd, std::chrono::milliseconds timeout,
                             bool stop_at_newline = false) {
    ReadResult result;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return result;
        }
        pollfd pfd{fd, POLLIN, 0};
        int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return result;
        }
        char buffer[4096];
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            result.eof = true;
            return result;
        }
        result.text.append(buffer, static_cast<std::size_t>(n));
        if (stop_at_newline && result.text.find('\n') != std::string::npos) {
            return result;
        }
    }
}

/// Wait up to `timeout` for `pid` to exit and reap it. Returns its raw wait status, or nothing
/// when it is still running at the deadline (it is then left for a `ReapGuard`).
inline std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return status;
        }
        if (done < 0 && errno != EINTR) {
            return std::nullopt;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(2ms);
    }
}

/// Kills the process group led by `pid` and reaps `pid` when the test ends, passed or not.
class ReapGuard {
public:
    explicit ReapGuard(pid_t pid) : m_pid(pid) {}
    ReapGuard(const ReapGuard&) = delete;
    ReapGuard& operator=(const ReapGuard&) = delete;
    ~ReapGuard() {
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            ::kill(m_pid, SIGKILL);
            int status = 0;
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    }

private:
    pid_t m_pid;
};

/// True when `pid` no longer runs: it is gone or a zombie waiting for its parent.
inline bool is_dead(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) {
        return true;
    }
    auto close = text.rfind(')');
    return close == std::string::npos || text.substr(close + 2, 1) == "Z" ||
           text.substr(close + 2, 1) == "X";
}

/// Poll `is_dead(pid)` for up to `timeout`.
inline bool dies_within(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!is_dead(pid)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

/// A fresh directory under the system temp directory, removed with its contents at scope exit.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "ptest-unit-XXXXXX").string();
        if (::mkdtemp(pattern.data()) != nullptr) {
            m_path = std::filesystem::canonical(pattern);
        }
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace ptest::runner::test_support
