// The service example's test support: locating PostgreSQL and the example, workspaces with their
// own TMPDIR, and the process-table and folder scans that tell whether a run left a server behind.
#include "postgres_support.hpp"

#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ptest::itest {

namespace {

/// The folder holding `pg_ctl`, found as the example's scripts find it: `pg_config --bindir`,
/// then the newest /usr/lib/postgresql/*/bin, then PATH. Empty when none holds it.
fs::path postgres_bindir() {
    if (fs::path pg_config = find_program("pg_config"); !pg_config.empty()) {
        Result result = run(pg_config, {"--bindir"});
        std::string dir = result.out.substr(0, result.out.find('\n'));
        if (result.exit_code == 0 && ::access((fs::path(dir) / "pg_ctl").c_str(), X_OK) == 0) {
            return dir;
        }
    }
    fs::path newest;
    std::error_code ec;
    for (const auto& version : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        fs::path bin = version.path() / "bin";
        if (::access((bin / "pg_ctl").c_str(), X_OK) == 0 && bin > newest) {
            newest = bin;
        }
    }
    if (!newest.empty()) {
        return newest;
    }
    fs::path pg_ctl = find_program("pg_ctl");
    return pg_ctl.empty() ? fs::path() : pg_ctl.parent_path();
}

/// True when process `pid` is a zombie (or gone): it runs nothing and holds nothing.
bool is_zombie_or_gone(const std::string& pid) {
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    auto close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() || text[close + 2] == 'Z';
}

} // namespace

fs::path service_example_dir() {
    return source_dir() / "examples" / "service-project";
}
fs::path service_script(const std::string& name) {
    return service_example_dir() / "scripts" / name;
}
fs::path service_example_binary() {
    return fs::path(PTEST_BINARY_DIR) / "examples" / "service-project" / "service_db_test";
}

void require_postgres() {
    REQUIRE_MESSAGE(!postgres_bindir().empty(),
                    "PostgreSQL's server programs (initdb, pg_ctl) were not found: install the "
                    "Debian package postgresql (scripts/bootstrap does)");
    REQUIRE_MESSAGE(!find_program("pg_isready").empty(),
                    "pg_isready is not on PATH: install the Debian package postgresql-client "
                    "(postgresql brings it; scripts/bootstrap installs it)");
    REQUIRE_MESSAGE(fs::exists(service_example_binary()),
                    "the service example is not built: cmake --build build --target "
                    "ptest_service_example");
}

ServiceWorkspace::ServiceWorkspace() {
    // The server's user must reach its data folder through every folder above it.
    fs::permissions(m_dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
    fs::create_directory(tmp());
    fs::permissions(tmp(), fs::perms::all | fs::perms::sticky_bit);
}

Options ServiceWorkspace::options(std::map<std::string, std::string> env,
                                  const fs::path& cwd) const {
    env["TMPDIR"] = tmp().string();
    return in_dir(cwd.empty() ? path() : cwd, std::move(env));
}

std::vector<pid_t> postgres_processes_under(const fs::path& root) {
    std::vector<pid_t> found;
    std::string prefix = root.string() + "/";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        std::string pid = entry.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::error_code link_error;
        std::string cwd = fs::read_symlink(entry.path() / "cwd", link_error).string();
        if (link_error || cwd.compare(0, prefix.size(), prefix) != 0 || is_zombie_or_gone(pid)) {
            continue;
        }
        found.push_back(static_cast<pid_t>(std::stol(pid)));
    }
    return found;
}

std::vector<fs::path> postgres_folders(const fs::path& tmp) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(tmp, ec)) {
        if (entry.path().filename().string().rfind("ptest-postgres.", 0) == 0) {
            found.push_back(entry.path());
        }
    }
    return found;
}

void check_no_postgres_left(const ServiceWorkspace& workspace) {
    std::vector<pid_t> processes = postgres_processes_under(workspace.path());
    std::vector<fs::path> folders = postgres_folders(workspace.tmp());
    std::ostringstream text;
    for (pid_t pid : processes) {
        text << " " << pid;
    }
    for (const fs::path& folder : folders) {
        text << " " << folder.string();
    }
    INFO("left behind:" << text.str());
    CHECK(processes.empty());
    CHECK(folders.empty());
}

void kill_postgres_under(const fs::path& root) {
    for (pid_t pid : postgres_processes_under(root)) {
        ::kill(pid, SIGKILL);
    }
}

std::map<std::string, std::string> read_env_file(const fs::path& path) {
    std::map<std::string, std::string> env;
    std::istringstream lines(read_file(path));
    std::string line;
    while (std::getline(lines, line)) {
        auto eq = line.find('=');
        if (eq != std::string::npos && eq > 0) {
            env[line.substr(0, eq)] = line.substr(eq + 1);
        }
    }
    return env;
}

} // namespace ptest::itest
