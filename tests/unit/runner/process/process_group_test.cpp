// Tests of process-group signalling and the end-of-run clean-up with real children: a signal to
// the group reaches a shell and the background job it started, and a subreaper finds and kills
// even a descendant that left the group and the session through a double fork.
#include "base/fd.hpp"
#include "child_helpers.hpp"

#include "runner/process/process_group.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

namespace ptest::runner {

using namespace test_support;

namespace {

bool contains(const std::vector<pid_t>& pids, pid_t pid) {
    return std::find(pids.begin(), pids.end(), pid) != pids.end();
}

/// Runs in a forked helper, so that only the helper becomes a subreaper: start a shell whose
/// `setsid` double fork leaves a `sleep` in a new session, then clean up. Returns a one-line
/// account of what it saw (the helper cannot use doctest's assertions).
std::string subreaper_scenario() {
    std::string account = "subreaper=" + std::string(become_subreaper() ? "yes" : "no");
    SpawnResult spawned =
        spawn_process(shell("setsid sh -c 'sleep 30 </dev/null >/dev/null 2>&1 & echo $!'"));
    if (!spawned.ok()) {
        return account + " spawn-failed";
    }
    ReadResult line = read_until(spawned.child.stdout_read.get(), 5000ms);
    if (!wait_for_exit(spawned.child.pid, 5000ms)) {
        return account + " shell-still-running";
    }
    pid_t grandchild = static_cast<pid_t>(std::atoi(line.text.c_str()));
    if (grandchild <= 0) {
        return account + " no-pid:" + line.text;
    }
    // The grandchild is re-parented to us once its parent has fully exited; give it a moment.
    bool adopted = false;
    for (int i = 0; i < 400 && !adopted; ++i) {
        adopted = contains(list_children(), grandchild);
        if (!adopted) {
            std::this_thread::sleep_for(5ms);
        }
    }
    account += " adopted=" + std::string(adopted ? "yes" : "no");
    account += " own-session=" + std::string(::getsid(grandchild) != ::getsid(0) ? "yes" : "no");
    kill_and_reap_all_children();
    account += " children-left=" + std::to_string(list_children().size());
    bool gone = ::kill(grandchild, 0) == -1 && errno == ESRCH;
    account += " grandchild=" + std::string(gone ? "gone" : "alive");
    return account;
}

} // namespace

TEST_SUITE("runner::process_group") {
    TEST_CASE("signalling the group kills a shell and its background grandchild together") {
        SpawnResult spawned = spawn_process(shell("sleep 30 & echo $!; wait"));
        REQUIRE(spawned.ok());
        pid_t shell_pid = spawned.child.pid;
        ReapGuard guard(shell_pid);
        ReadResult line = read_until(spawned.child.stdout_read.get(), 5000ms, true);
        pid_t grandchild = static_cast<pid_t>(std::atoi(line.text.c_str()));
        REQUIRE(grandchild > 0);
        CHECK(::getpgid(grandchild) == shell_pid);

        CHECK(signal_group(shell_pid, SIGTERM));
        std::optional<int> status = wait_for_exit(shell_pid, 5000ms);
        REQUIRE(status.has_value());
        CHECK(WIFSIGNALED(*status));
        CHECK(WTERMSIG(*status) == SIGTERM);
        // The grandchild held stdout too: EOF means it is gone as well.
        CHECK(read_until(spawned.child.stdout_read.get(), 5000ms).eof);
        CHECK(dies_within(grandchild, 5000ms));
    }

    TEST_CASE("signalling a group that no longer exists returns false") {
        SpawnRequest request;
        request.program = "/bin/true";
        SpawnResult spawned = spawn_process(request);
        REQUIRE(spawned.ok());
        REQUIRE(wait_for_exit(spawned.child.pid, 5000ms).has_value());
        CHECK_FALSE(signal_group(spawned.child.pid, 0));
    }

    TEST_CASE("ptest's own group, init and 'every process' are never signalled") {
        CHECK_FALSE(signal_group(0, 0));
        CHECK_FALSE(signal_group(1, 0));
        CHECK_FALSE(signal_group(-1, 0));
    }

    TEST_CASE("a running child is listed among the children until it is reaped") {
        SpawnResult spawned = spawn_process(shell("exec sleep 30"));
        REQUIRE(spawned.ok());
        {
            ReapGuard guard(spawned.child.pid);
            CHECK(contains(list_children(), spawned.child.pid));
        }
        CHECK_FALSE(contains(list_children(), spawned.child.pid));
    }

    TEST_CASE("kill_and_reap_all_children leaves no child, not even a setsid grandchild") {
        base::Pipe report = base::make_pipe();
        pid_t helper = ::fork();
        REQUIRE(helper >= 0);
        if (helper == 0) {
            report.read_end.reset();
            std::string account = subreaper_scenario();
            ssize_t written = ::write(report.write_end.get(), account.data(), account.size());
            ::_exit(written == static_cast<ssize_t>(account.size()) ? 0 : 1);
        }
        report.write_end.reset();
        ReadResult account = read_until(report.read_end.get(), 15000ms);
        std::optional<int> status = wait_for_exit(helper, 5000ms);
        if (!status) {
            ::kill(helper, SIGKILL);
            status = wait_for_exit(helper, 5000ms);
        }
        CHECK(account.text == "subreaper=yes adopted=yes own-session=yes children-left=0 "
                              "grandchild=gone");
        REQUIRE(status.has_value());
        CHECK(WIFEXITED(*status));
        CHECK(WEXITSTATUS(*status) == 0);
    }
}

} // namespace ptest::runner
