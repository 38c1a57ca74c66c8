// Tests of the trace sink: the document it writes has what Perfetto and chrome://tracing need, one
// span per attempt on its worker slot's lane, a batch's cases inside the batch, and ptest's own
// work (listing, scripts) on a lane of its own.
#include "../../base/temp_dir.hpp"

#include "reporter/trace/trace_report.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace ptest::reporter;
using Json = ptest::base::json::Value;

namespace {

Duration ms(int count) {
    return std::chrono::milliseconds(count);
}

const WallClock::time_point k_origin = WallClock::time_point{} + std::chrono::hours(24 * 365 * 50);

AttemptResult attempt_at(int start_ms, int millis, AttemptStatus status, std::uint32_t slot,
                         std::uint32_t number = 1, std::uint32_t total = 1) {
    AttemptResult result;
    result.status = status;
    result.start_time = k_origin + ms(start_ms);
    result.duration = ms(millis);
    result.slot = slot;
    result.attempt = number;
    result.total_attempts = total;
    return result;
}

TestFinished finished(std::string name, std::vector<AttemptResult> attempts) {
    TestFinished event;
    event.test = {"bin", std::move(name)};
    event.attempts = std::move(attempts);
    return event;
}

/// The complete (`X`) events of `document`, in order.
std::vector<Json> spans_of(const Json& document) {
    std::vector<Json> spans;
    for (const Json& event : document.at("traceEvents")) {
        if (event.at("ph") == "X") {
            spans.push_back(event);
        }
    }
    return spans;
}

/// The name of lane `tid` from the document's `thread_name` metadata; empty when unnamed.
std::string lane_name(const Json& document, int tid) {
    for (const Json& event : document.at("traceEvents")) {
        if (event.at("ph") == "M" && event.at("name") == "thread_name" && event.at("tid") == tid) {
            return event.at("args").at("name").get<std::string>();
        }
    }
    return {};
}

Json document_of(const TraceReport& report) {
    return trace_document(report.spans(), Json::object());
}

} // namespace

TEST_SUITE("reporter::TraceReport") {
    TEST_CASE("every attempt is one complete span named by its test, on its slot's lane") {
        TraceReport report("unused.json");
        report.add_listing(k_origin, ms(40), 2);
        report.report(finished("passes", {attempt_at(50, 100, AttemptStatus::pass, 0)}));
        report.report(finished("flaky", {attempt_at(50, 30, AttemptStatus::fail, 1, 1, 2),
                                         attempt_at(90, 30, AttemptStatus::pass, 1, 2, 2)}));
        const Json document = document_of(report);
        const std::vector<Json> spans = spans_of(document);
        REQUIRE(spans.size() == 4);
        CHECK(spans[0].at("name") == "listing");
        CHECK(lane_name(document, spans[0].at("tid").get<int>()) == "ptest");
        CHECK(spans[1].at("name") == "passes");
        CHECK(spans[1].at("ts") == 50000);
        CHECK(spans[1].at("dur") == 100000);
        CHECK(spans[1].at("pid") == 1);
        CHECK(spans[1].at("cname") == "good");
        CHECK(spans[1].at("args").at("verdict") == "pass");
        CHECK(spans[1].at("args").at("binary") == "bin");
        CHECK(lane_name(document, spans[1].at("tid").get<int>()) == "slot 0");
        CHECK(spans[2].at("args").at("attempt") == 1);
        CHECK(spans[2].at("cname") == "bad");
        CHECK(spans[3].at("args").at("attempt") == 2);
        CHECK(spans[3].at("args").at("flaky") == true);
        CHECK(lane_name(document, spans[3].at("tid").get<int>()) == "slot 1");
        CHECK(document.at("displayTimeUnit") == "ms");
    }

    TEST_CASE("a batch is a span on its slot's lane with its cases inside it, one after another") {
        TraceReport report("unused.json");
        BatchFinished batch{"bin", 2, 0, {}, 0, {"first", "second"}, k_origin + ms(10), ms(100)};
        report.report(batch);
        report.report(TestStarted{{"bin", "first"}, 1});
        // The report's own times may reach outside the process: the trace keeps them inside.
        report.report(finished("first", {attempt_at(5, 60, AttemptStatus::pass, 2)}));
        report.report(TestStarted{{"bin", "second"}, 1});
        report.report(finished("second", {attempt_at(40, 200, AttemptStatus::fail, 2)}));
        const Json document = document_of(report);
        const std::vector<Json> spans = spans_of(document);
        REQUIRE(spans.size() == 3);
        CHECK(spans[0].at("cat") == "batch");
        const int lane = spans[0].at("tid").get<int>();
        CHECK(lane_name(document, lane) == "slot 2");
        CHECK(spans[1].at("tid") == lane);
        CHECK(spans[2].at("tid") == lane);
        const auto start = [](const Json& span) { return span.at("ts").get<std::int64_t>(); };
        const auto end = [&](const Json& span) {
            return start(span) + span.at("dur").get<std::int64_t>();
        };
        CHECK(start(spans[1]) >= start(spans[0]));
        CHECK(start(spans[2]) >= end(spans[1]));
        CHECK(end(spans[2]) <= end(spans[0]));
    }

    TEST_CASE("scripts are drawn on ptest's own lane") {
        TraceReport report("unused.json");
        ScriptFinished script;
        script.result.name = "db";
        script.result.start_time = k_origin;
        script.result.duration = ms(20);
        report.report(script);
        const Json document = document_of(report);
        const std::vector<Json> spans = spans_of(document);
        REQUIRE(spans.size() == 1);
        CHECK(spans[0].at("name") == "setup db");
        CHECK(lane_name(document, spans[0].at("tid").get<int>()) == "ptest");
    }

    TEST_CASE("finishing writes the whole document to its file") {
        ptest::base::test::TempDir dir;
        const std::filesystem::path path = dir.path() / "trace.json";
        TraceReport report(path);
        RunStarted started;
        started.run_id = "run-1";
        report.report(started);
        report.report(finished("passes", {attempt_at(0, 10, AttemptStatus::pass, 0)}));
        const FinishResult result = report.finish();
        CHECK(result.errors.empty());
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        const auto parsed = ptest::base::json::parse(text.str());
        REQUIRE(parsed.value);
        CHECK(parsed.value->at("otherData").at("run_id") == "run-1");
        CHECK(spans_of(*parsed.value).size() == 1);
    }

    TEST_CASE("a trace that cannot be written is an error, not a half-written file") {
        // A path under a file: no directory can be made there, not even by root.
        TraceReport report("/dev/null/trace.json");
        const FinishResult result = report.finish();
        CHECK(result.errors.size() == 1);
    }
}
