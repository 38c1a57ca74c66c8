// The floor runner: the least work a process-per-test-case runner can do, as the yardstick
// ptest's overhead is measured against. It starts each case with posix_spawn in its own process
// group (stdin from /dev/null, stdout and stderr on two pipes, signal mask and dispositions
// reset, as ptest does), keeps J running, captures their output with poll(), and reaps them
// with waitpid(). No timeouts, no retries, no report: only what every such runner must do.
//
// Usage: ptest_bench_floor -j N CASES_FILE
//   CASES_FILE: one case per line, its argv separated by tabs (the program first).
// Prints `cases N failed M wall SECONDS` on stdout; exits 1 if a case failed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX.

namespace {

struct Job {
    pid_t pid = -1;
    int fds[2] = {-1, -1}; ///< stdout and stderr read ends; -1 once at EOF.
    std::string output;
};

std::vector<std::vector<std::string>> read_cases(const char* path) {
    std::vector<std::vector<std::string>> cases;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> argv;
        std::size_t start = 0;
        for (;;) {
            std::size_t tab = line.find('\t', start);
            argv.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos) {
                break;
            }
            start = tab + 1;
        }
        cases.push_back(std::move(argv));
    }
    return cases;
}

bool start(const std::vector<std::string>& args, Job& job) {
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        return false;
    }
    std::vector<char*> argv;
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t empty;
    sigset_t defaults;
    sigemptyset(&empty);
    sigfillset(&defaults);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    int rc = posix_spawn(&job.pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(out[1]);
    ::close(err[1]);
    job.fds[0] = out[0];
    job.fds[1] = err[0];
    job.output.clear();
    return rc == 0;
}

} // namespace

int main(int argc, char** argv) {
    int workers = 1;
    int opt = 0;
    while ((opt = ::getopt(argc, argv, "j:")) != -1) {
        if (opt == 'j') {
            workers = std::atoi(optarg);
        } else {
            return 2;
        }
    }
    if (optind + 1 != argc || workers < 1) {
        std::fprintf(stderr, "usage: ptest_bench_floor -j N CASES_FILE\n");
        return 2;
    }
    const auto cases = read_cases(argv[optind]);
    const auto began = std::chrono::steady_clock::now();

    std::vector<Job> jobs(static_cast<std::size_t>(workers));
    std::size_t next = 0;
    std::size_t running = 0;
    std::size_t failed = 0;
    for (Job& job : jobs) {
        if (next < cases.size()) {
            if (!start(cases[next++], job)) {
                ++failed;
                continue;
            }
            ++running;
        }
    }
    std::vector<pollfd> fds;
    std::vector<std::size_t> owners;
    std::vector<bool> restarted(jobs.size());
    char buffer[65536];
    while (running > 0) {
        fds.clear();
        owners.clear();
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            for (int fd : jobs[i].fds) {
                if (fd >= 0) {
                    fds.push_back({fd, POLLIN, 0});
                    owners.push_back(i);
                }
            }
        }
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::perror("poll");
            return 2;
        }
        restarted.assign(jobs.size(), false);
        for (std::size_t k = 0; k < fds.size(); ++k) {
            // A job that finished and started its next case in this round has new pipes, maybe
            // with the old numbers: its remaining entries are stale.
            if (fds[k].revents == 0 || restarted[owners[k]]) {
                continue;
            }
            Job& job = jobs[owners[k]];
            ssize_t got = ::read(fds[k].fd, buffer, sizeof buffer);
            if (got > 0) {
                job.output.append(buffer, static_cast<std::size_t>(got));
                continue;
            }
            ::close(fds[k].fd);
            for (int& fd : job.fds) {
                if (fd == fds[k].fd) {
                    fd = -1;
                }
            }
            if (job.fds[0] >= 0 || job.fds[1] >= 0) {
                continue;
            }
            // Both pipes closed: the case has exited (or is about to); reap it.
            int status = 0;
            while (::waitpid(job.pid, &status, 0) < 0 && errno == EINTR) {
            }
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                ++failed;
            }
            --running;
            restarted[owners[k]] = true;
            while (next < cases.size()) {
                if (start(cases[next++], job)) {
                    ++running;
                    break;
                }
                ++failed;
            }
        }
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::printf("cases %zu failed %zu wall %.3f\n", cases.size(), failed, wall);
    return failed == 0 ? 0 : 1;
}
