// Measures what starting one test process costs with the two strategies ptest could use:
// posix_spawn (ptest's process layer) and fork + exec (what Boost.Process v1, the only
// Boost.Process in Debian 12's default Boost 1.74, does in
// boost/process/detail/posix/executor.hpp). Each child runs the given command to completion; the
// parent optionally holds a large heap first, since fork copies the parent's page tables and
// posix_spawn does not.
//
// Usage: spawn_cost [-n COUNT] [-m HEAP_MIB] -- PROGRAM [ARGS...]
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX.

namespace {

pid_t start_posix_spawn(char* const* argv) {
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return pid;
}

pid_t start_fork_exec(char* const* argv) {
    pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::execve(argv[0], argv, environ);
        ::_exit(127);
    }
    return pid;
}

double measure(pid_t (*start)(char* const*), char* const* argv, int count) {
    auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        pid_t pid = start(argv);
        int status = 0;
        ::waitpid(pid, &status, 0);
    }
    std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - begin;
    return elapsed.count() / count;
}

} // namespace

int main(int argc, char** argv) {
    int count = 500;
    std::size_t heap_mib = 0;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            count = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
            heap_mib = static_cast<std::size_t>(std::atoi(argv[++i]));
        }
    }
    if (i + 1 >= argc) {
        std::fprintf(stderr, "usage: spawn_cost [-n COUNT] [-m HEAP_MIB] -- PROGRAM [ARGS...]\n");
        return 2;
    }
    char* const* child_argv = argv + i + 1;
    std::vector<char> heap(heap_mib << 20U, 1); // Touched, so its pages are really mapped.
    // Alternate the strategies so drift in the machine's load affects both alike.
    double spawn_total = 0;
    double fork_total = 0;
    for (int round = 0; round < 4; ++round) {
        spawn_total += measure(start_posix_spawn, child_argv, count / 4);
        fork_total += measure(start_fork_exec, child_argv, count / 4);
    }
    std::printf("heap %zu MiB, %d spawns each: posix_spawn %.3f ms, fork+exec %.3f ms, "
                "ratio %.2f\n",
                heap_mib, count, spawn_total / 4, fork_total / 4, fork_total / spawn_total);
    return heap.empty() ? 0 : 0;
}
