// Implementation of the JUnit tests' helpers (temp directories, running commands).
#include "junit_test_support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::reporter::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ptest-junit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, error);
    std::filesystem::remove_all(m_path, error);
}

CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        result.output = "popen failed for: " + command;
        return result;
    }
    std::array<char, 4096> buffer{};
    std::size_t read = 0;
    while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        result.output.append(buffer.data(), read);
    }
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out.push_back(c);
        }
    }
    return out + "'";
}

} // namespace ptest::reporter::test

namespace ptest::reporter::test {
namespace {

[[nodiscard]] TestFinished finished(const std::string& binary, const std::string& name,
                                    std::vector<AttemptResult> attempts) {
    TestFinished event;
    event.test = {binary, name};
    event.attempts = std::move(attempts);
    return event;
}

} // namespace

WallClock::time_point run_start() {
    return WallClock::time_point(std::chrono::milliseconds(1736409012664LL));
}

AttemptResult make_attempt(AttemptStatus status, int offset_ms, int duration_ms,
                           std::uint32_t attempt, std::uint32_t total_attempts) {
    AttemptResult result;
    result.status = status;
    result.attempt = attempt;
    result.total_attempts = total_attempts;
    result.start_time = run_start() + std::chrono::milliseconds(offset_ms);
    result.duration = std::chrono::milliseconds(duration_ms);
    if (status == AttemptStatus::pass || status == AttemptStatus::skip) {
        result.exit_code = 0;
    }
    return result;
}

RunStarted make_run_started() {
    RunStarted event;
    event.run_id = "3f0c8d2e-6b1a-4c55-9a7e-2d9b4f61c0aa";
    event.profile.slow_timeout.period = std::chrono::seconds(1);
    event.profile.slow_timeout.terminate_after = 3;
    event.start_time = run_start();
    event.binary_ids = {"io_tests", "math_tests", "empty_bin"};
    event.test_count = 13;
    event.binary_count = 3;
    return event;
}

std::vector<Event> every_outcome_events() {
    std::vector<Event> events;
    events.emplace_back(make_run_started());

    // math_tests: pass, fail by exit code, flaky pass, fail on every attempt, leak pass,
    // leak fail, runtime skip, an ignored test, a fail with exit 0, a name with markup.
    AttemptResult pass = make_attempt(AttemptStatus::pass, 1, 4);
    pass.stdout_output.text = "[ RUN      ] Math.Adds\n[       OK ] Math.Adds (0 ms)\n";
    events.emplace_back(finished("math_tests", "Math.Adds", {pass}));

    AttemptResult fail = make_attempt(AttemptStatus::fail, 2, 5);
    fail.exit_code = 1;
    fail.failure_message = "math_test.cpp:12: Expected equality of these values:";
    fail.failure_description = "math_test.cpp:12: Failure\nExpected equality of these values:\n"
                               "  a < b && ok\n";
    fail.stdout_output.text = "[ RUN      ] Math.Compares\n\x1b[31m[  FAILED  ]\x1b[0m\r\n"
                              "hostile: \a ]]> <![CDATA[ &#27; </system-out> \xFF\xFE "
                              "\xED\xA0\x80 \xEF\xBF\xBE end\n";
    fail.stdout_output.text += std::string("NUL here:\0:done\n", 17);
    events.emplace_back(finished("math_tests", "Math.Compares", {fail}));

    AttemptResult flaky_first = make_attempt(AttemptStatus::fail, 10, 7, 1, 3);
    flaky_first.exit_code = 1;
    flaky_first.failure_message = "net_test.cpp:40: Value of: connected";
    flaky_first.failure_description = "net_test.cpp:40: Failure\nValue of: connected\n";
    flaky_first.stdout_output.text = "[ RUN      ] Net.Retries\n";
    events.emplace_back(finished("math_tests", "Net.Retries",
                                 {flaky_first, make_attempt(AttemptStatus::pass, 20, 6, 2, 3)}));

    std::vector<AttemptResult> always;
    for (std::uint32_t i = 1; i <= 3; ++i) {
        AttemptResult attempt =
            make_attempt(AttemptStatus::fail, 30 + 10 * static_cast<int>(i), 4, i, 3);
        attempt.exit_code = 1;
        attempt.stderr_output.text = "attempt " + std::to_string(i) + " failed\n";
        always.push_back(attempt);
    }
    always[1].status = AttemptStatus::abort;
    always[1].exit_code.reset();
    always[1].signal = 6;
    events.emplace_back(finished("math_tests", "Math.AlwaysFails", always));

    AttemptResult leak_pass = make_attempt(AttemptStatus::pass, 3, 105);
    leak_pass.leak = LeakStatus::leaked_pass;
    events.emplace_back(finished("math_tests", "Leak.Passes", {leak_pass}));

    AttemptResult leak_fail = make_attempt(AttemptStatus::pass, 4, 106);
    leak_fail.leak = LeakStatus::leaked_fail;
    events.emplace_back(finished("math_tests", "Leak.Fails", {leak_fail}));

    AttemptResult skip = make_attempt(AttemptStatus::skip, 5, 1);
    skip.skip_message = "math_test.cpp:80: Skipped\nnot on this platform";
    events.emplace_back(finished("math_tests", "Math.SkipsItself", {skip}));

    events.emplace_back(TestSkipped{{"math_tests", "Math.DISABLED_Slow"}, SkipReason::ignored});
    events.emplace_back(TestSkipped{{"math_tests", "Math.Filtered"}, SkipReason::filtered});

    AttemptResult none_ran = make_attempt(AttemptStatus::fail, 6, 2);
    none_ran.exit_code = 0;
    none_ran.reason = "no test case ran";
    events.emplace_back(finished("math_tests", "Math.Vanished", {none_ran}));

    events.emplace_back(
        finished("math_tests", "Markup<&\">", {make_attempt(AttemptStatus::pass, 7, 1)}));

    // io_tests: abort by signal, timeout, exec failure, cancelled, 5 MiB of output, and a test
    // still running when the run ended.
    AttemptResult crash = make_attempt(AttemptStatus::abort, 8, 12);
    crash.signal = 11;
    crash.failure_description = "io_test.cpp:77: about to dereference\n";
    crash.stderr_output.text = "io_test.cpp:77: about to dereference\n";
    events.emplace_back(finished("io_tests", "crashes", {crash}));

    AttemptResult timeout = make_attempt(AttemptStatus::timeout, 6, 3001);
    timeout.signal = 15;
    timeout.stdout_output.text = "waiting for lock...\n";
    events.emplace_back(finished("io_tests", "reads config", {timeout}));

    AttemptResult exec = make_attempt(AttemptStatus::exec_fail, 9, 0);
    exec.reason = "No such file or directory (os error 2)";
    events.emplace_back(finished("io_tests", "missing binary", {exec}));

    AttemptResult noisy = make_attempt(AttemptStatus::fail, 11, 900);
    noisy.exit_code = 1;
    while (noisy.stdout_output.text.size() < (5U << 20U)) {
        noisy.stdout_output.text +=
            "noise line " + std::to_string(noisy.stdout_output.text.size()) + "\n";
    }
    events.emplace_back(finished("io_tests", "prints a lot", {noisy}));

    events.emplace_back(TestStarted{{"io_tests", "hangs"}, 2});
    events.emplace_back(RunCancelling{CancelReason::signal, 15, 2});
    AttemptResult cancelled = make_attempt(AttemptStatus::cancelled, 12, 12345);
    cancelled.reason = "SIGTERM";
    cancelled.stdout_output.text = "partial output\n";
    events.emplace_back(finished("io_tests", "sleeps", {cancelled}));

    RunFinished done;
    done.run_id = "3f0c8d2e-6b1a-4c55-9a7e-2d9b4f61c0aa";
    done.start_time = run_start();
    done.elapsed = std::chrono::milliseconds(13517);
    events.emplace_back(done);
    return events;
}

} // namespace ptest::reporter::test
