// posix_spawn-based implementation of spawn_process. posix_spawn (vfork-like on glibc) is the
// cheapest way to start a child that does not share our memory, and it lets us set the process
// group, signal mask and dispositions atomically, which is what keeps Ctrl-C from reaching the
// tests directly and lets ptest terminate a test with everything it started.
#include "base/fd.hpp"

#include "runner/process/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ptest::runner {

namespace {

/// Owns the posix_spawn attribute objects for one call.
class SpawnAttributes {
public:
    SpawnAttributes() {
        posix_spawnattr_init(&m_attr);
        posix_spawn_file_actions_init(&m_actions);
    }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
    ~SpawnAttributes() {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attr);
    }
    posix_spawnattr_t* attr() { return &m_attr; }
    posix_spawn_file_actions_t* actions() { return &m_actions; }

private:
    posix_spawnattr_t m_attr{};
    posix_spawn_file_actions_t m_actions{};
};

std::vector<char*> to_argv(const std::string& program, const std::vector<std::string>& args,
                           std::string& program_storage) {
    program_storage = program;
    std::vector<char*> argv;
    argv.reserve(args.size() + 2);
    argv.push_back(program_storage.data());
    for (const std::string& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str())); // posix_spawn does not modify them.
    }
    argv.push_back(nullptr);
    return argv;
}

} // namespace

SpawnResult spawn_process(const SpawnRequest& request) {
    SpawnResult result;
    SpawnAttributes sa;

    // Put the child in its own process group, so Ctrl-C on the terminal reaches ptest only and
    // ptest can signal the test together with everything it started.
    short flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    posix_spawnattr_setflags(sa.attr(), flags);
    posix_spawnattr_setpgroup(sa.attr(), 0);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(sa.attr(), &empty);
    sigset_t all;
    sigfillset(&all);
    posix_spawnattr_setsigdefault(sa.attr(), &all);

    posix_spawn_file_actions_addopen(sa.actions(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    base::Pipe out;
    base::Pipe err;
    if (request.capture) {
        out = base::make_pipe();
        err = base::make_pipe();
        posix_spawn_file_actions_adddup2(sa.actions(), out.write_end.get(), STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(sa.actions(), err.write_end.get(), STDERR_FILENO);
    }
    base::Fd report;
    if (request.report) {
        report = base::Fd(::memfd_create("ptest-report", MFD_CLOEXEC));
        if (!report.valid()) {
            result.error = errno;
            return result;
        }
        // Applied after the pipes' dup2s, so a pipe end that happened to be descriptor 3 has
        // already been copied to 1 or 2.
        posix_spawn_file_actions_adddup2(sa.actions(), report.get(), k_report_fd);
    }
    if (!request.cwd.empty()) {
        posix_spawn_file_actions_addchdir_np(sa.actions(), request.cwd.c_str());
    }

    std::string program = request.program.string();
    std::string argv0;
    std::vector<char*> argv = to_argv(program, request.args, argv0);
    std::vector<char*> envp;
    envp.reserve((request.base_env != nullptr ? request.base_env->size() : 0) + request.env.size() +
                 1);
    if (request.base_env != nullptr) {
        for (const std::string& entry : *request.base_env) {
            envp.push_back(const_cast<char*>(entry.c_str()));
        }
    }
    for (const std::string& entry : request.env) {
        envp.push_back(const_cast<char*>(entry.c_str()));
    }
    envp.push_back(nullptr);

    pid_t pid = -1;
    int rc = posix_spawn(&pid, program.c_str(), sa.actions(), sa.attr(), argv.data(), envp.data());
    if (rc != 0) {
        result.error = rc;
        return result;
    }
    result.child.pid = pid;
    if (request.capture) {
        result.child.stdout_read = std::move(out.read_end);
        result.child.stderr_read = std::move(err.read_end);
    }
    result.child.report = std::move(report);
    return result;
}

std::optional<std::string> read_report(const base::Fd& fd) {
    struct stat info {};
    if (!fd.valid() || ::fstat(fd.get(), &info) != 0 || info.st_size <= 0) {
        return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t got =
            ::pread(fd.get(), text.data() + done, text.size() - done, static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    text.resize(done);
    return text;
}

} // namespace ptest::runner
