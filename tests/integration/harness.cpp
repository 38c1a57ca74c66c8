// The integration harness: fork/exec with pipes (deliberately not ptest's own process layer, which
// is what these tests check), a process-table scan by environment marker, temporary directories
// kept on failure, and JUnit validation through xmllint.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ; // NOLINT(readability-redundant-declaration): POSIX.

namespace ptest::itest {

namespace {

/// Set when any assertion of the current test case fails; TempDir keeps its folder then.
std::atomic<bool> g_test_failed{false};

/// Tracks failed assertions so evidence is kept for failing tests only.
struct FailureListener : doctest::IReporter {
    explicit FailureListener(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override { g_test_failed = false; }
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override { g_test_failed = true; }
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData& data) override {
        if (data.m_failed) {
            g_test_failed = true;
        }
    }
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("ptest-keep-evidence", 1, FailureListener);

std::string random_token() {
    std::random_device device;
    std::mt19937_64 rng((std::uint64_t{device()} << 32U) ^ device() ^
                        static_cast<std::uint64_t>(::getpid()));
    char text[20];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(rng()));
    return text;
}

std::vector<std::string> child_environment(const Options& options, const std::string& marker) {
    std::map<std::string, std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text(*entry);
        auto eq = text.find('=');
        if (eq != std::string::npos) {
            env[text.substr(0, eq)] = text.substr(eq + 1);
        }
    }
    // An outer ptest (dogfooding) sets per-test variables; the ptest under test must not see
    // them as its own settings.
    for (const char* name :
         {"PTEST_PROFILE", "PTEST_RETRIES", "PTEST_TEST_THREADS", "PTEST_NO_FAIL_FAST",
          "PTEST_FAIL_FAST", "PTEST_MAX_FAIL", "PTEST_STATUS_LEVEL", "PTEST_FINAL_STATUS_LEVEL",
          "PTEST_FAILURE_OUTPUT", "PTEST_SUCCESS_OUTPUT", "NO_COLOR", "CLICOLOR_FORCE",
          "FORCE_COLOR"}) {
        env.erase(name);
    }
    for (const std::string& name : options.unset) {
        env.erase(name);
    }
    for (const auto& [name, value] : options.env) {
        env[name] = value;
    }
    env["PTEST_ITEST_MARKER"] = marker;
    std::vector<std::string> out;
    out.reserve(env.size());
    for (const auto& [name, value] : env) {
        out.push_back(name + "=" + value);
    }
    return out;
}

void drain(int& fd, std::string& into) {
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0 || errno != EAGAIN) {
            ::close(fd);
            fd = -1;
        }
        return;
    }
}

} // namespace

fs::path ptest_exe() {
    return fs::path(PTEST_BINARY_DIR) / "ptest";
}
fs::path find_program(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        fs::path candidate = fs::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return {};
}

fs::path fixture(const std::string& name) {
    return fs::path(PTEST_BINARY_DIR) / "tests" / "fixtures" / name;
}
fs::path source_dir() {
    return fs::path(PTEST_SOURCE_DIR);
}
fs::path shared_dir() {
    return fs::path(PTEST_SOURCE_DIR) / ".." / "shared";
}

Running::Running(const fs::path& program, const std::vector<std::string>& args,
                 const Options& options)
    : m_marker(random_token()), m_start(std::chrono::steady_clock::now()),
      m_timeout(options.timeout) {
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
    }
    std::vector<std::string> env = child_environment(options, m_marker);
    std::vector<char*> envp;
    for (std::string& entry : env) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::string program_text = program.string();
    std::vector<std::string> argv_storage = args;
    std::vector<char*> argv{program_text.data()};
    for (std::string& arg : argv_storage) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    m_pid = ::fork();
    if (m_pid == 0) {
        ::setpgid(0, 0); // Signals the test sends go to ptest alone, as a terminal's would not.
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
            ::_exit(126);
        }
        ::execve(program_text.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    m_out = out[0];
    m_err = err[0];
    ::fcntl(m_out, F_SETFL, O_NONBLOCK);
    ::fcntl(m_err, F_SETFL, O_NONBLOCK);
}

Running::~Running() {
    if (!m_done && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        wait();
    }
}

void Running::signal(int signal) const {
    ::kill(m_pid, signal);
}

void Running::pump(int timeout_ms) {
    pollfd fds[2] = {{m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
    int n = ::poll(fds, 2, timeout_ms);
    if (n <= 0) {
        return;
    }
    if (m_out >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        drain(m_out, m_result.out);
    }
    if (m_err >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        drain(m_err, m_result.err);
    }
}

bool Running::wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (contains(m_result.err, text)) {
            return true;
        }
        if (m_out < 0 && m_err < 0) {
            return false;
        }
        pump(50);
    }
    return contains(m_result.err, text);
}

Result Running::wait() {
    auto deadline = m_start + m_timeout;
    while (m_out >= 0 || m_err >= 0) {
        if (std::chrono::steady_clock::now() > deadline && !m_result.timed_out) {
            m_result.timed_out = true;
            ::kill(m_pid, SIGKILL);
        }
        pump(100);
    }
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_done = true;
    m_result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (WIFSIGNALED(status)) {
        m_result.signal = WTERMSIG(status);
    } else {
        m_result.exit_code = WEXITSTATUS(status);
    }
    // Give the kernel a moment to finish tearing down anything that was killed at exit.
    for (int i = 0; i < 20; ++i) {
        m_result.leftovers = processes_with_marker(m_marker);
        if (m_result.leftovers.empty()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (pid_t pid : m_result.leftovers) {
        ::kill(pid, SIGKILL); // Never leave a mess for the next test, whatever ptest did.
    }
    return m_result;
}

Result run(const fs::path& program, const std::vector<std::string>& args, const Options& options) {
    Running running(program, args, options);
    return running.wait();
}

Result run_ptest(const std::vector<std::string>& args, const Options& options) {
    return run(ptest_exe(), args, options);
}

std::vector<pid_t> processes_with_marker(const std::string& marker) {
    std::vector<pid_t> found;
    std::string needle = "PTEST_ITEST_MARKER=" + marker;
    DIR* proc = ::opendir("/proc");
    if (proc == nullptr) {
        return found;
    }
    while (dirent* entry = ::readdir(proc)) {
        char* end = nullptr;
        long pid = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || pid == ::getpid()) {
            continue;
        }
        // A process may exit while we read its files: skip it rather than fail the test.
        std::string stat_text;
        std::string text;
        try {
            std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
            stat_text.assign(std::istreambuf_iterator<char>(stat), {});
            std::ifstream environ_file(std::string("/proc/") + entry->d_name + "/environ");
            text.assign(std::istreambuf_iterator<char>(environ_file), {});
        } catch (const std::exception&) {
            continue;
        }
        auto close = stat_text.rfind(')');
        if (close != std::string::npos && close + 2 < stat_text.size() &&
            stat_text[close + 2] == 'Z') {
            continue; // A zombie runs nothing; its parent reaps it.
        }
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t end_pos = text.find('\0', pos);
            if (end_pos == std::string::npos) {
                end_pos = text.size();
            }
            if (text.compare(pos, end_pos - pos, needle) == 0) {
                found.push_back(static_cast<pid_t>(pid));
                break;
            }
            pos = end_pos + 1;
        }
    }
    ::closedir(proc);
    return found;
}

TempDir::TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ptest-itest-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    if (g_test_failed) {
        std::fprintf(stderr, "test evidence kept in %s\n", m_path.c_str());
        return;
    }
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

void write_file(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string junit_validation_errors(const fs::path& junit) {
    fs::path shared = shared_dir() / "junit";
    std::string problems;
    Result strict = run("/bin/bash", {"-c", "xmllint --noout --schema \"$1\" \"$2\" 2>&1", "sh",
                                      (shared / "ptest-junit.xsd").string(), junit.string()});
    if (strict.exit_code != 0) {
        problems += "ptest-junit.xsd: " + strict.out + strict.err;
    }
    Result compat = run("/bin/bash", {"-c",
                                      "set -o pipefail; xsltproc \"$1\" \"$3\" | xmllint --noout "
                                      "--schema \"$2\" - 2>&1",
                                      "sh", (shared / "junit-10-compat.xsl").string(),
                                      (shared / "junit-10.xsd").string(), junit.string()});
    if (compat.exit_code != 0) {
        problems += "junit-10.xsd: " + compat.out + compat.err;
    }
    return problems;
}

std::vector<ExpectedCase> expected_cases() {
    toml::table model = toml::parse_file((source_dir() / "tests/fixtures/expected.toml").string());
    std::vector<ExpectedCase> cases;
    std::map<std::pair<std::string, std::string>, int> seen;
    if (const toml::array* array = model["case"].as_array()) {
        for (const toml::node& node : *array) {
            const toml::table& table = *node.as_table();
            ExpectedCase c;
            c.binary = table["binary"].value_or(std::string());
            c.name = table["name"].value_or(std::string());
            if (auto suite = table["suite"].value<std::string>()) {
                c.name = *suite + "/" + c.name; // How ptest names a doctest case in a suite.
            }
            if (int n = ++seen[{c.binary, c.name}]; n > 1) {
                c.name += " #" + std::to_string(n); // How ptest names a repeated name.
            }
            c.outcome = table["outcome"].value_or(std::string());
            if (auto v = table["signal"].value<std::string>()) {
                c.signal = *v;
            }
            if (auto v = table["message_contains"].value<std::string>()) {
                c.message_contains = *v;
            }
            if (auto v = table["flaky_passes_on"].value<int>()) {
                c.flaky_passes_on = *v;
            }
            c.slow = table["slow"].value_or(false);
            cases.push_back(std::move(c));
        }
    }
    return cases;
}

Options in_dir(const fs::path& cwd, std::map<std::string, std::string> env) {
    Options options;
    options.cwd = cwd;
    options.env = std::move(env);
    return options;
}

Options in_dir(const TempDir& dir) {
    return in_dir(dir.path());
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

std::string closing_part(const std::string& err) {
    std::size_t at = err.find("Summary [");
    return at == std::string::npos ? std::string() : err.substr(at);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string junit_outcome(const pugi::xml_node& testcase) {
    if (testcase.child("failure")) {
        std::string type = testcase.child("failure").attribute("type").as_string();
        return type == "test abort" ? "abort" : "fail";
    }
    if (testcase.child("error")) {
        return "error";
    }
    if (testcase.child("skipped")) {
        return "skip";
    }
    return "pass";
}

Result run_fixtures(const TempDir& dir, const std::vector<std::string>& binaries,
                    const std::vector<std::string>& extra, const std::string& junit_extra) {
    write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                           "[profile.default.junit]\npath = \"junit.xml\"\n" +
                                               junit_extra);
    std::vector<std::string> args{"run", "--color", "never"};
    for (const std::string& binary : binaries) {
        args.push_back("--binary");
        args.push_back(fixture(binary).string());
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return run_ptest(args, in_dir(dir));
}

int compare_with_model(const std::map<std::pair<std::string, std::string>, std::string>& outcomes,
                       const std::vector<std::string>& binaries) {
    int compared = 0;
    for (const ExpectedCase& expected : expected_cases()) {
        if (std::find(binaries.begin(), binaries.end(), expected.binary) == binaries.end()) {
            continue;
        }
        CAPTURE(expected.binary);
        CAPTURE(expected.name);
        auto it = outcomes.find({expected.binary, expected.name});
        if (expected.outcome == "ignored") {
            CHECK(it == outcomes.end());
            continue;
        }
        REQUIRE(it != outcomes.end());
        // Skipped with the reason, never run as something else nor a failure.
        CHECK(it->second == (expected.outcome == "unselectable" ? "skip" : expected.outcome));
        ++compared;
    }
    return compared;
}

std::map<std::pair<std::string, std::string>, std::string> junit_outcomes(const fs::path& junit) {
    std::map<std::pair<std::string, std::string>, std::string> outcomes;
    pugi::xml_document doc;
    if (doc.load_file(junit.c_str())) {
        for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
            outcomes[{node.node().attribute("classname").as_string(),
                      node.node().attribute("name").as_string()}] = junit_outcome(node.node());
        }
    }
    return outcomes;
}

} // namespace ptest::itest
