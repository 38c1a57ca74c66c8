// Linux implementation of process-group signalling and descendant clean-up.
#include "runner/process/process_group.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <dirent.h>
#include <fstream>
#include <string>

namespace ptest::runner {

bool signal_group(pid_t pgid, int signal) noexcept {
    if (pgid <= 1) {
        return false; // Never signal our own group or everything.
    }
    return ::kill(-pgid, signal) == 0;
}

bool become_subreaper() noexcept {
    return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

std::vector<pid_t> list_children() {
    std::vector<pid_t> children;
    // Each thread's children are listed under its task; ptest's loop is one thread, but read all.
    DIR* dir = ::opendir("/proc/self/task");
    if (dir == nullptr) {
        return children;
    }
    while (dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        std::ifstream in(std::string("/proc/self/task/") + entry->d_name + "/children");
        pid_t pid = 0;
        while (in >> pid) {
            children.push_back(pid);
        }
    }
    ::closedir(dir);
    return children;
}

void kill_all_children() noexcept {
    try {
        for (pid_t pid : list_children()) {
            ::kill(-pid, SIGKILL); // Its group, if it leads one.
            ::kill(pid, SIGKILL);
        }
    } catch (...) { // NOLINT(bugprone-empty-catch): out of memory; the exit guard still reaps.
    }
}

void kill_and_reap_all_children() {
    // Orphans re-parent to us as their parents die, so repeat until no child is left.
    for (int round = 0; round < 100; ++round) {
        std::vector<pid_t> children = list_children();
        if (children.empty()) {
            break;
        }
        for (pid_t pid : children) {
            ::kill(-pid, SIGKILL); // Its group, if it leads one.
            ::kill(pid, SIGKILL);
        }
        for (pid_t pid : children) {
            int status = 0;
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    }
    // Reap any zombie that is no longer listed (already dead before we looked).
    int status = 0;
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
}

} // namespace ptest::runner
