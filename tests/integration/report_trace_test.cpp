// `--trace FILE` on the real fixtures (issue 19): the file is JSON that Perfetto and
// chrome://tracing load (`traceEvents` of complete spans with `ph`, `ts`, `dur`, `pid`, `tid`),
// holds exactly one span per attempt, retries included, never overlaps two spans on one lane (a
// batch's cases nest inside the batch), and is still written whole when the run is interrupted.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace ptest::itest;
using Json = nlohmann::json;

namespace {

/// The trace at `path`, parsed; fails the test when it is no JSON document.
Json read_trace(const fs::path& path) {
    const std::string text = read_file(path);
    INFO("trace: " << text.substr(0, 2000));
    Json trace = Json::parse(text, nullptr, false);
    REQUIRE_FALSE(trace.is_discarded());
    REQUIRE(trace.is_object());
    REQUIRE(trace.contains("traceEvents"));
    REQUIRE(trace.at("traceEvents").is_array());
    return trace;
}

/// The complete spans of `trace`, each checked to carry what a trace viewer needs.
std::vector<Json> spans_of(const Json& trace) {
    std::vector<Json> spans;
    for (const Json& event : trace.at("traceEvents")) {
        REQUIRE(event.contains("ph"));
        if (event.at("ph") != "X") {
            continue;
        }
        CAPTURE(event.dump());
        CHECK(event.at("name").is_string());
        CHECK(event.at("ts").is_number());
        CHECK(event.at("dur").is_number());
        CHECK(event.at("dur").get<std::int64_t>() >= 0);
        CHECK(event.at("pid").is_number());
        CHECK(event.at("tid").is_number());
        spans.push_back(event);
    }
    return spans;
}

std::int64_t start_of(const Json& span) {
    return span.at("ts").get<std::int64_t>();
}

std::int64_t end_of(const Json& span) {
    return start_of(span) + span.at("dur").get<std::int64_t>();
}

/// True when every two spans of one lane are disjoint or one holds the other (a batch and its
/// cases); with `nesting` false, only disjoint spans are allowed.
bool lanes_are_consistent(const std::vector<Json>& spans, bool nesting) {
    for (std::size_t a = 0; a < spans.size(); ++a) {
        for (std::size_t b = a + 1; b < spans.size(); ++b) {
            if (spans[a].at("tid") != spans[b].at("tid") ||
                spans[a].at("pid") != spans[b].at("pid")) {
                continue;
            }
            const bool disjoint =
                end_of(spans[a]) <= start_of(spans[b]) || end_of(spans[b]) <= start_of(spans[a]);
            const auto holds = [](const Json& outer, const Json& inner) {
                return start_of(outer) <= start_of(inner) && end_of(inner) <= end_of(outer);
            };
            if (!disjoint &&
                !(nesting && (holds(spans[a], spans[b]) || holds(spans[b], spans[a])))) {
                INFO("overlapping on one lane: " << spans[a].dump() << " and " << spans[b].dump());
                return false;
            }
        }
    }
    return true;
}

/// The attempt numbers of each test's spans, by test name.
std::map<std::string, std::multiset<int>> attempts_by_test(const std::vector<Json>& spans) {
    std::map<std::string, std::multiset<int>> attempts;
    for (const Json& span : spans) {
        if (span.at("cat") == "test") {
            attempts[span.at("name").get<std::string>()].insert(
                span.at("args").at("attempt").get<int>());
        }
    }
    return attempts;
}

/// The span of `name`'s attempt `attempt`.
Json span_of(const std::vector<Json>& spans, const std::string& name, int attempt) {
    for (const Json& span : spans) {
        if (span.at("name") == name && span.at("args").at("attempt") == attempt) {
            return span;
        }
    }
    FAIL("no span for " << name << " attempt " << attempt);
    return {};
}

/// The name of the lane of `span`, from the trace's `thread_name` metadata.
std::string lane_name(const Json& trace, const Json& span) {
    for (const Json& event : trace.at("traceEvents")) {
        if (event.at("ph") == "M" && event.at("name") == "thread_name" &&
            event.at("tid") == span.at("tid")) {
            return event.at("args").at("name").get<std::string>();
        }
    }
    return {};
}

} // namespace

TEST_SUITE("integration::report::trace") {
    TEST_CASE("a trace holds one span per attempt, retries counted, and no lane overlaps") {
        TempDir dir;
        const fs::path trace_path = dir / "trace.json";
        Result result =
            run_fixtures(dir, {"gtest_behaviour"},
                         {"-j", "3", "--retries", "2", "--trace", trace_path.string(),
                          "Flaky.PassesOnSecondAttempt", "Flaky.PassesEveryThirdAttempt",
                          "Quick.Passes", "Slow.OneAndAHalfSeconds", "Hostile.Output"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // Hostile.Output fails on every attempt.
        const Json trace = read_trace(trace_path);
        const std::vector<Json> spans = spans_of(trace);
        CHECK(lanes_are_consistent(spans, false));

        const std::map<std::string, std::multiset<int>> expected{
            {"Flaky.PassesOnSecondAttempt", {1, 2}},
            {"Flaky.PassesEveryThirdAttempt", {1, 2, 3}},
            {"Quick.Passes", {1}},
            {"Slow.OneAndAHalfSeconds", {1}},
            {"Hostile.Output", {1, 2, 3}},
        };
        CHECK(attempts_by_test(spans) == expected);

        const Json flaky = span_of(spans, "Flaky.PassesOnSecondAttempt", 2);
        CHECK(flaky.at("args").at("verdict") == "pass");
        CHECK(flaky.at("args").at("flaky") == true);
        CHECK(flaky.at("args").at("binary") == "gtest_behaviour");
        CHECK(flaky.at("cname") == "good");
        const Json failed = span_of(spans, "Hostile.Output", 3);
        CHECK(failed.at("args").at("verdict") == "fail");
        CHECK(failed.at("cname") == "bad");
        CHECK(span_of(spans, "Flaky.PassesOnSecondAttempt", 1).at("args").at("verdict") == "fail");
        for (const Json& span : spans) {
            if (span.at("cat") == "test") {
                CHECK(lane_name(trace, span).rfind("slot ", 0) == 0);
            }
        }

        // ptest's own lane holds the listing, before every test.
        std::vector<Json> listing;
        for (const Json& span : spans) {
            if (span.at("cat") == "listing") {
                listing.push_back(span);
            }
        }
        REQUIRE(listing.size() == 1);
        CHECK(lane_name(trace, listing.front()) == "ptest");
        for (const Json& span : spans) {
            if (span.at("cat") == "test") {
                CHECK(start_of(span) >= end_of(listing.front()));
            }
        }
    }

    TEST_CASE("in batch isolation a batch is a span with its cases nested inside it") {
        TempDir dir;
        const fs::path trace_path = dir / "trace.json";
        Result result =
            run_fixtures(dir, {"gtest_basic"},
                         {"--isolation", "batch", "-j", "2", "--trace", trace_path.string()});
        INFO("stderr:\n" << result.err);
        const Json trace = read_trace(trace_path);
        const std::vector<Json> spans = spans_of(trace);
        CHECK(lanes_are_consistent(spans, true));
        std::vector<Json> batches;
        for (const Json& span : spans) {
            if (span.at("cat") == "batch") {
                batches.push_back(span);
            }
        }
        REQUIRE_FALSE(batches.empty());
        int nested = 0;
        for (const Json& span : spans) {
            for (const Json& batch : batches) {
                if (span.at("cat") == "test" && span.at("tid") == batch.at("tid") &&
                    start_of(batch) <= start_of(span) && end_of(span) <= end_of(batch)) {
                    CHECK(span.at("args").at("binary") == batch.at("args").at("binary"));
                    ++nested;
                }
            }
        }
        CHECK(nested > 0);
        // Every attempt of every case is one span, whether a batch vouched for it or not.
        for (const auto& [name, attempts] : attempts_by_test(spans)) {
            CAPTURE(name);
            CHECK(attempts == std::multiset<int>{1});
        }
    }

    TEST_CASE("a run interrupted by SIGINT still writes a whole trace with the cancelled test") {
        TempDir dir;
        const fs::path trace_path = dir / "trace.json";
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\nslow-timeout = \"100ms\"\n");
        Running ptest(ptest_exe(),
                      {"run", "--color", "never", "--binary", fixture("gtest_behaviour").string(),
                       "--trace", trace_path.string(), "Hang.Forever", "Quick.Passes", "-j", "2"},
                      in_dir(dir.path()));
        // SLOW says Hang.Forever runs; the PASS line that Quick.Passes finished.
        REQUIRE(ptest.wait_for_stderr("SLOW [", std::chrono::seconds(60)));
        REQUIRE(
            ptest.wait_for_stderr("] gtest_behaviour Quick.Passes\n", std::chrono::seconds(60)));
        ptest.signal(SIGINT);
        Result result = ptest.wait();
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        const Json trace = read_trace(trace_path);
        const std::vector<Json> spans = spans_of(trace);
        CHECK(lanes_are_consistent(spans, false));
        CHECK(span_of(spans, "Hang.Forever", 1).at("args").at("verdict") == "cancelled");
        CHECK(span_of(spans, "Quick.Passes", 1).at("args").at("verdict") == "pass");
    }

    TEST_CASE("a trace file that cannot be written stops the run before any test starts") {
        TempDir dir;
        // The path is a directory: no file can take its place.
        Result result = run_fixtures(dir, {"gtest_behaviour"},
                                     {"--trace", dir.path().string(), "Quick.Passes"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 110);
        CHECK_FALSE(contains(result.err, "PASS"));
    }
}
