// Tests of spawn_process with real children: each child leads its own process group, reads EOF
// from /dev/null, writes to ptest's pipes, runs in the requested directory with exactly the given
// environment, starts with an empty signal mask and default dispositions, and a program that
// does not exist is an errno, not an exception.
#include "child_helpers.hpp"

#include "runner/process/spawn.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string>

namespace ptest::runner {

using namespace test_support;

namespace {

/// The value of a `Name:\tvalue` line of /proc/PID/status.
std::string proc_status_field(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            return line.substr(line.find_first_not_of(" \t", field.size() + 1));
        }
    }
    return "";
}

/// The target of /proc/PID/fd/FD (`pipe:[1234]`, `/dev/null`), or "" when there is none.
std::string fd_target(pid_t pid, int fd) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(
        "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(fd), ec);
    return ec ? "" : target.string();
}

/// Run `script`, read its stdout to EOF, reap it; returns stdout and the raw wait status.
std::pair<std::string, int> run_script(const SpawnRequest& request) {
    SpawnResult spawned = spawn_process(request);
    REQUIRE(spawned.ok());
    ReapGuard guard(spawned.child.pid);
    ReadResult out = read_until(spawned.child.stdout_read.get(), 5000ms);
    CHECK(out.eof);
    std::optional<int> status = wait_for_exit(spawned.child.pid, 5000ms);
    REQUIRE(status.has_value());
    spawned.child.pid = -1;
    return {out.text, *status};
}

/// Restores the signal mask and SIGTERM's disposition a test changed.
class SigtermBlocked {
public:
    SigtermBlocked() {
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        ::pthread_sigmask(SIG_BLOCK, &term, &m_old_mask);
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGTERM, &ignore, &m_old_action);
    }
    SigtermBlocked(const SigtermBlocked&) = delete;
    SigtermBlocked& operator=(const SigtermBlocked&) = delete;
    ~SigtermBlocked() {
        ::sigaction(SIGTERM, &m_old_action, nullptr);
        ::pthread_sigmask(SIG_SETMASK, &m_old_mask, nullptr);
    }

private:
    sigset_t m_old_mask{};
    struct sigaction m_old_action {};
};

} // namespace

TEST_SUITE("runner::spawn_process") {
    TEST_CASE("the child leads its own process group") {
        SpawnRequest request;
        request.program = "/bin/sleep";
        request.args = {"30"};
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        CHECK(::getpgid(spawned.child.pid) == spawned.child.pid);
        CHECK(::getpgid(spawned.child.pid) != ::getpgrp());
    }

    TEST_CASE("stdin is /dev/null and reading it gives EOF at once") {
        auto [out, status] = run_script(
            shell("readlink /proc/self/fd/0; if read line; then echo got; else echo eof; fi"));
        CHECK(out == "/dev/null\neof\n");
        CHECK(WIFEXITED(status));
    }

    TEST_CASE("stdout and stderr arrive on their own pipes") {
        SpawnResult spawned = spawn_process(shell("echo to-out; echo to-err >&2; exit 7"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        REQUIRE(spawned.child.stdout_read.valid());
        REQUIRE(spawned.child.stderr_read.valid());
        ReadResult out = read_until(spawned.child.stdout_read.get(), 5000ms);
        ReadResult err = read_until(spawned.child.stderr_read.get(), 5000ms);
        CHECK(out.text == "to-out\n");
        CHECK(err.text == "to-err\n");
        CHECK(out.eof);
        CHECK(err.eof);
        std::optional<int> status = wait_for_exit(spawned.child.pid, 5000ms);
        REQUIRE(status.has_value());
        CHECK(WEXITSTATUS(*status) == 7);
    }

    TEST_CASE("without capture there are no pipes to read") {
        SpawnRequest request;
        request.program = "/bin/true";
        request.capture = false;
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        CHECK_FALSE(spawned.child.stdout_read.valid());
        CHECK_FALSE(spawned.child.stderr_read.valid());
    }

    TEST_CASE("the child runs in the requested working directory") {
        ScratchDir dir;
        REQUIRE_FALSE(dir.path().empty());
        SpawnRequest request;
        request.program = "/bin/pwd";
        request.args = {"-P"};
        request.cwd = dir.path();
        auto [out, status] = run_script(request);
        CHECK(out == dir.path().string() + "\n");
        CHECK(WEXITSTATUS(status) == 0);
    }

    TEST_CASE("the environment is exactly the one given") {
        SpawnRequest request;
        request.program = "/usr/bin/env";
        request.env = {"ALPHA=1", "BETA=two words", "EMPTY="};
        auto [out, status] = run_script(request);
        CHECK(out == "ALPHA=1\nBETA=two words\nEMPTY=\n");
        CHECK(WEXITSTATUS(status) == 0);
    }

    TEST_CASE("arguments reach the program unchanged and argv[0] is its path") {
        auto [out, status] = run_script(shell("printf '[%s]' \"$0\"; echo"));
        CHECK(out == "[/bin/sh]\n");
        SpawnRequest request = shell("printf '[%s]' \"$0\" \"$@\"");
        request.args.insert(request.args.end(), {"zero", "a b", "", "*"});
        auto [args_out, args_status] = run_script(request);
        CHECK(args_out == "[zero][a b][][*]");
        CHECK(WEXITSTATUS(args_status) == 0);
    }

    TEST_CASE("a missing program returns ENOENT without throwing") {
        SpawnRequest request;
        request.program = "/nonexistent/ptest-no-such-program";
        SpawnResult spawned;
        CHECK_NOTHROW(spawned = spawn_process(request));
        CHECK_FALSE(spawned.ok());
        CHECK(spawned.error == ENOENT);
        CHECK(spawned.child.pid == -1);
        CHECK_FALSE(spawned.child.stdout_read.valid());
    }

    TEST_CASE("a missing working directory is an error, not a child in the wrong directory") {
        SpawnRequest request;
        request.program = "/bin/true";
        request.cwd = "/nonexistent/ptest-no-such-directory";
        SpawnResult spawned = spawn_process(request);
        CHECK(spawned.error == ENOENT);
        CHECK(spawned.child.pid == -1);
    }

    TEST_CASE("a file that is not executable returns EACCES") {
        ScratchDir dir;
        std::filesystem::path plain = dir.path() / "plain.txt";
        std::ofstream(plain) << "not a program\n";
        SpawnRequest request;
        request.program = plain;
        SpawnResult spawned = spawn_process(request);
        CHECK(spawned.error == EACCES);
    }

    TEST_CASE("the child's signal mask and dispositions are reset") {
        SigtermBlocked blocked;
        SpawnRequest request;
        request.program = "/bin/sleep";
        request.args = {"30"};
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        CHECK(proc_status_field(spawned.child.pid, "SigBlk") == "0000000000000000");
        // Signals 1 to 31 must all be at their default. glibc's posix_spawn leaves its own two
        // internal real-time signals (32 and 33) ignored; they cannot be named in a sigset_t.
        std::uint64_t ignored =
            std::stoull(proc_status_field(spawned.child.pid, "SigIgn"), nullptr, 16);
        CHECK((ignored & 0x7fffffffULL) == 0);
        REQUIRE(::kill(spawned.child.pid, SIGTERM) == 0);
        std::optional<int> status = wait_for_exit(spawned.child.pid, 5000ms);
        REQUIRE(status.has_value());
        CHECK(WIFSIGNALED(*status));
        CHECK(WTERMSIG(*status) == SIGTERM);
    }

    TEST_CASE("a child does not inherit ptest's end of another child's pipe") {
        SpawnResult first = spawn_process(shell("exec sleep 30"));
        REQUIRE(first.ok());
        ReapGuard first_guard(first.child.pid);
        SpawnResult second = spawn_process(shell("exec sleep 30"));
        REQUIRE(second.ok());
        ReapGuard second_guard(second.child.pid);
        std::string first_pipe = fd_target(::getpid(), first.child.stdout_read.get());
        REQUIRE(first_pipe.rfind("pipe:", 0) == 0);
        CHECK(fd_target(second.child.pid, 0) == "/dev/null");
        for (int fd = 0; fd < 64; ++fd) {
            CAPTURE(fd);
            CHECK(fd_target(second.child.pid, fd) != first_pipe);
        }
    }

    TEST_CASE("a report file is written through /dev/fd/3 and read back from the start") {
        SpawnRequest request = shell("printf 'first' > /dev/fd/3; printf '<report/>' > /dev/fd/3");
        request.report = true;
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        REQUIRE(wait_for_exit(spawned.child.pid, 5000ms).has_value());
        spawned.child.pid = -1;
        // Reopening the path truncates, as a framework's second open of its report file does.
        CHECK(read_report(spawned.child.report) == std::optional<std::string>("<report/>"));
    }

    TEST_CASE("a report file nobody wrote reads as no report") {
        SpawnRequest request = shell("exit 0");
        request.report = true;
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        REQUIRE(wait_for_exit(spawned.child.pid, 5000ms).has_value());
        spawned.child.pid = -1;
        CHECK(spawned.child.report.valid());
        CHECK_FALSE(read_report(spawned.child.report).has_value());
    }

    TEST_CASE("without a report the child gets no report file and ptest keeps none") {
        SpawnResult spawned = spawn_process(shell("exec sleep 30"));
        REQUIRE(spawned.ok());
        ReapGuard guard(spawned.child.pid);
        // Descriptor 3 is whatever this process has there (nothing, or its own report file when
        // ptest runs this test): spawning adds nothing.
        CHECK(fd_target(spawned.child.pid, k_report_fd) == fd_target(::getpid(), k_report_fd));
        CHECK_FALSE(spawned.child.report.valid());
    }
}

} // namespace ptest::runner
