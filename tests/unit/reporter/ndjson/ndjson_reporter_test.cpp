// Tests of the NDJSON stream: events built by hand go through the reporter into a temporary
// file, and each line is read back as JSON. Every event's members are checked against the
// definition docs/ndjson-schema.json gives its type, so the schema and the writer cannot drift;
// the integration tests validate real runs against the whole schema.
#include "base/json.hpp"

#include "reporter/ndjson/ndjson_reporter.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace ptest::reporter;
using ptest::base::json::Value;

namespace {

/// A temporary file the reporter writes to, read back line by line.
class StreamFile {
public:
    StreamFile() : m_file(std::tmpfile()) { REQUIRE(m_file != nullptr); }
    StreamFile(const StreamFile&) = delete;
    StreamFile& operator=(const StreamFile&) = delete;
    ~StreamFile() { std::fclose(m_file); }

    [[nodiscard]] int fd() const { return ::fileno(m_file); }

    /// Everything written so far.
    [[nodiscard]] std::string text() const {
        std::string text;
        char buffer[4096];
        for (off_t at = 0;;) {
            const ssize_t got = ::pread(fd(), buffer, sizeof buffer, at);
            if (got <= 0) {
                return text;
            }
            text.append(buffer, static_cast<std::size_t>(got));
            at += got;
        }
    }

    /// Each line parsed; a line that is not JSON fails the test.
    [[nodiscard]] std::vector<Value> lines() const {
        std::vector<Value> parsed;
        const std::string all = text();
        for (std::size_t start = 0; start < all.size();) {
            const std::size_t end = all.find('\n', start);
            REQUIRE(end != std::string::npos);
            ptest::base::json::ParseResult result =
                ptest::base::json::parse(std::string_view(all).substr(start, end - start));
            REQUIRE_MESSAGE(result.value, all.substr(start, end - start));
            parsed.push_back(std::move(*result.value));
            start = end + 1;
        }
        return parsed;
    }

private:
    std::FILE* m_file;
};

const NdjsonContext k_context{"1.2.3", false};

TestId id(const std::string& name) {
    return {"fixtures/basic", name};
}

AttemptResult attempt(AttemptStatus status, std::uint32_t number, std::uint32_t total) {
    AttemptResult result;
    result.status = status;
    result.attempt = number;
    result.total_attempts = total;
    result.exit_code = status == AttemptStatus::pass ? 0 : 1;
    result.duration = std::chrono::milliseconds(1500);
    return result;
}

RunStarted run_started() {
    RunStarted started;
    started.run_id = "0b5e1a2c-7d3f-4e6a-9b8c-1d2e3f4a5b6c";
    started.profile.name = "ci";
    started.test_count = 2;
    started.binary_count = 1;
    started.test_threads = 4;
    started.binary_ids = {"fixtures/basic"};
    started.binaries = {{"fixtures/basic", "gtest", "/build/basic", 2}};
    return started;
}

/// The JSON Schema file.
Value schema() {
    std::ifstream in(std::string(PTEST_SOURCE_DIR) + "/docs/ndjson-schema.json");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    ptest::base::json::ParseResult parsed = ptest::base::json::parse(text);
    REQUIRE(parsed.value);
    return *parsed.value;
}

/// One of every event, as a run would emit them.
std::vector<Event> every_event() {
    AttemptResult failed = attempt(AttemptStatus::fail, 1, 2);
    failed.location = {"basic_test.cpp", 12};
    failed.signal = std::nullopt;
    AttemptResult crashed = attempt(AttemptStatus::abort, 2, 2);
    crashed.exit_code = std::nullopt;
    crashed.signal = 11;
    ScriptResult script;
    script.name = "db";
    script.command = "scripts/db start";
    script.exit_code = 0;
    StressLimits limits{3, std::nullopt};
    RunFinished finished;
    finished.batch_hint = BatchHint{12, {"fixtures/basic"}, std::chrono::seconds(3)};
    return {StressIterationStarted{limits, 1, {}},
            run_started(),
            TestSkipped{id("Math.DISABLED_Divides"), SkipReason::ignored},
            ScriptStarted{ScriptKind::setup, "db", "scripts/db start", 1, 1},
            ScriptFinished{script, 1, 1},
            ScriptHealthChecked{"db", "tcp 127.0.0.1:5432", true, "", {}, {}, 1, {}, {}, {}},
            BatchStarted{"fixtures/basic", {"Math.Adds", "Math.Compares"}, 0},
            BatchFinished{"fixtures/basic", 0, 1, {{"Math.Compares", "no result"}}, 0, {}, {}, {}},
            TestStarted{id("Crash.Segfault"), 1},
            TestSlow{id("Crash.Segfault"), 1, 2, std::chrono::seconds(60), false},
            TestAttemptFailedWillRetry{id("Crash.Segfault"), failed, std::chrono::seconds(1)},
            TestRetryStarted{id("Crash.Segfault"), 2, 2, false},
            TestFinished{id("Crash.Segfault"), {failed, crashed}, 0},
            RunPaused{1},
            RunContinued{1},
            RunCancelling{CancelReason::signal, 2, 1},
            finished,
            StressIterationFinished{limits, 1, {}, true},
            StressRunFinished{limits, 0, 1, {}}};
}

} // namespace

TEST_SUITE("reporter::NdjsonReporter") {

    TEST_CASE("a run is one line per event, its first carrying the format and ptest versions") {
        StreamFile file;
        {
            NdjsonReporter reporter(file.fd(), k_context);
            reporter.report(run_started());
            reporter.report(TestStarted{id("Math.Adds"), 1});
            reporter.report(TestFinished{id("Math.Adds"), {attempt(AttemptStatus::pass, 1, 1)}, 0});
            reporter.report(RunFinished{});
            CHECK(!reporter.close(0));
        }
        const std::vector<Value> lines = file.lines();
        REQUIRE(lines.size() == 5);
        CHECK(lines[0]["type"] == "run-started");
        CHECK(lines[0]["format-version"] == 1);
        CHECK(lines[0]["ptest-version"] == "1.2.3");
        CHECK(lines[0]["profile"] == "ci");
        CHECK(lines[0]["binaries"][0]["tests"] == 2);
        CHECK(lines[0]["binaries"][0]["kind"] == "gtest");
        CHECK(lines[1]["type"] == "test-started");
        CHECK(lines[2]["type"] == "attempt-finished");
        CHECK(lines[2]["will-retry"] == false);
        CHECK(lines[2]["duration"] == 1.5);
        CHECK(lines[3]["type"] == "test-finished");
        CHECK(lines[3]["result"] == "pass");
        CHECK(lines[4]["type"] == "run-finished");
        CHECK(lines[4]["exit-code"] == 0);
    }

    TEST_CASE("a test that fails, then passes on its retry, is two attempts and a flaky finish") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), k_context);
        const AttemptResult failed = attempt(AttemptStatus::fail, 1, 2);
        const AttemptResult passed = attempt(AttemptStatus::pass, 2, 2);
        reporter.report(
            TestAttemptFailedWillRetry{id("Flaky.Once"), failed, std::chrono::milliseconds(250)});
        reporter.report(TestRetryStarted{id("Flaky.Once"), 2, 2, false});
        reporter.report(TestFinished{id("Flaky.Once"), {failed, passed}, 0});
        const std::vector<Value> lines = file.lines();
        REQUIRE(lines.size() == 4);
        CHECK(lines[0]["type"] == "attempt-finished");
        CHECK(lines[0]["status"] == "fail");
        CHECK(lines[0]["exit-code"] == 1);
        CHECK(lines[0]["will-retry"] == true);
        CHECK(lines[0]["delay-before-next"] == 0.25);
        CHECK(lines[1]["type"] == "test-retry-started");
        CHECK(lines[2]["attempt"] == 2);
        CHECK(lines[2]["status"] == "pass");
        CHECK(lines[3]["flaky"] == true);
        CHECK(lines[3]["attempts"] == 2);
    }

    TEST_CASE("the last run-finished waits for the exit code; an iteration's is written bare") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), k_context);
        reporter.report(RunFinished{});
        CHECK(file.text().empty());
        reporter.report(StressIterationFinished{});
        reporter.report(StressRunFinished{});
        std::vector<Value> lines = file.lines();
        REQUIRE(lines.size() == 2);
        CHECK(lines[0]["type"] == "run-finished");
        CHECK_FALSE(lines[0].contains("exit-code"));
        CHECK(!reporter.close(100));
        lines = file.lines();
        REQUIRE(lines.size() == 3);
        CHECK(lines[2]["type"] == "stress-run-finished");
        CHECK(lines[2]["exit-code"] == 100);
    }

    TEST_CASE("with show-slowest, run-finished names the slowest tests, slowest first") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), NdjsonContext{"1.2.3", false, 2});
        AttemptResult quick = attempt(AttemptStatus::pass, 1, 1);
        quick.duration = std::chrono::milliseconds(10);
        AttemptResult slow = attempt(AttemptStatus::pass, 1, 1);
        slow.duration = std::chrono::milliseconds(900);
        AttemptResult middle = attempt(AttemptStatus::fail, 1, 1);
        middle.duration = std::chrono::milliseconds(300);
        reporter.report(TestFinished{id("Quick.One"), {quick}, 0});
        reporter.report(TestFinished{id("Slow.One"), {slow}, 0});
        reporter.report(TestFinished{id("Middle.One"), {middle}, 0});
        reporter.report(RunFinished{});
        CHECK(!reporter.close(100));
        const std::vector<Value> lines = file.lines();
        REQUIRE_FALSE(lines.empty());
        const Value& finished = lines.back();
        CHECK(finished["type"] == "run-finished");
        REQUIRE(finished["slowest"].size() == 2);
        CHECK(finished["slowest"][0]["name"] == "Slow.One");
        CHECK(finished["slowest"][0]["binary-id"] == "fixtures/basic");
        CHECK(finished["slowest"][0]["duration"] == 0.9);
        CHECK(finished["slowest"][1]["name"] == "Middle.One");
    }

    TEST_CASE("without show-slowest, run-finished has no slowest member") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), k_context);
        reporter.report(TestFinished{id("Slow.One"), {attempt(AttemptStatus::pass, 1, 1)}, 0});
        reporter.report(RunFinished{});
        CHECK(!reporter.close(0));
        CHECK_FALSE(file.lines().back().contains("slowest"));
    }

    TEST_CASE("names and output with quotes, control characters and invalid UTF-8 are valid "
              "JSON") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), k_context);
        using namespace std::string_literals;
        const std::string name = "quote \" backslash \\ nul \0 esc \x1b bad \xff end"s;
        AttemptResult result = attempt(AttemptStatus::fail, 1, 1);
        result.stdout_output.text = "line\r\n\x1b[31mred\x1b[0m \xed\xa0\x80 tab\t\n"s;
        result.stderr_output.text = "caf\xc3\xa9 \xc3"s;
        reporter.report(TestFinished{id(name), {result}, 0});
        const std::vector<Value> lines = file.lines(); // Fails the test unless valid JSON.
        REQUIRE(lines.size() == 2);
        CHECK(lines[0]["name"] == "quote \" backslash \\ nul \0 esc \x1b bad \xef\xbf\xbd end"s);
        CHECK(lines[0]["stdout"]["head"] ==
              "line\r\n\x1b[31mred\x1b[0m \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd tab\t\n"s);
        CHECK(lines[0]["stderr"]["head"] == "caf\xc3\xa9 \xef\xbf\xbd"s);
        CHECK(lines[0]["stdout"]["omitted-bytes"] == 0);
    }

    TEST_CASE("output over the bound keeps its head and tail and counts what it leaves out") {
        StreamFile file;
        NdjsonReporter reporter(file.fd(), k_context);
        AttemptResult result = attempt(AttemptStatus::pass, 1, 1);
        result.stdout_output.text = "first\n" + std::string(300 * 1024, 'x') + "\nlast\n";
        result.stdout_output.dropped_bytes = 1000; // The runner's own cut, in the middle.
        result.stdout_output.head_bytes = 150 * 1024;
        reporter.report(TestFinished{id("Noisy.Prints"), {result}, 0});
        const Value output = file.lines()[0]["stdout"];
        const std::string head = output["head"].get<std::string>();
        const std::string tail = output["tail"].get<std::string>();
        CHECK(head.rfind("first\n", 0) == 0);
        CHECK(tail.size() >= 5);
        CHECK(tail.substr(tail.size() - 5) == "last\n");
        CHECK(head.size() + tail.size() <= k_ndjson_output_cap);
        CHECK(output["omitted-bytes"].get<std::uint64_t>() ==
              result.stdout_output.text.size() + 1000 - head.size() - tail.size());
    }

    TEST_CASE("a reader that went away is reported once, and nothing more is written") {
        int ends[2];
        REQUIRE(::pipe(ends) == 0);
        ::close(ends[0]);
        // As under `ptest run`, where the stream ignores SIGPIPE while it is open.
        auto* previous = std::signal(SIGPIPE, SIG_IGN);
        NdjsonReporter reporter(ends[1], k_context);
        reporter.report(run_started());
        reporter.report(TestStarted{id("Math.Adds"), 1});
        FinishResult finished = reporter.finish();
        REQUIRE(finished.errors.size() == 1);
        CHECK(finished.errors[0].code() == ptest::ExitCode::write_output_error);
        CHECK(std::string(finished.errors[0].what()) ==
              "could not write the NDJSON stream: Broken pipe");
        CHECK_FALSE(reporter.close(100)); // Said once already.
        std::signal(SIGPIPE, previous);
        ::close(ends[1]);
    }

    TEST_CASE("every event's line has exactly the members the schema gives its type") {
        const Value schema_value = schema();
        const Value& defs = schema_value["$defs"];
        std::set<std::string> types_seen;
        StreamFile file;
        {
            NdjsonReporter reporter(file.fd(), k_context);
            for (const Event& event : every_event()) {
                reporter.report(event);
            }
            CHECK(!reporter.close(100));
        }
        for (const Value& line : file.lines()) {
            const std::string type = line["type"].get<std::string>();
            types_seen.insert(type);
            REQUIRE_MESSAGE(defs.contains("event-" + type), type);
            const Value& definition = defs["event-" + type];
            for (const auto& [member, value] : line.items()) {
                CHECK_MESSAGE(definition["properties"].contains(member), type << " " << member);
            }
            for (const Value& required : definition["required"]) {
                CHECK_MESSAGE(line.contains(required.get<std::string>()), type << " " << required);
            }
        }
        // Every type the schema knows was written, so no definition describes nothing.
        for (const Value& type : schema_value["properties"]["type"]["enum"]) {
            CHECK_MESSAGE(types_seen.count(type.get<std::string>()) == 1, type);
        }
    }

} // TEST_SUITE
