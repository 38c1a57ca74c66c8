// The trace sink and the trace document (see trace_report.hpp). Spans are collected as the run
// reports them; lanes and timestamps are worked out once, when the document is written, because a
// lane can only be chosen knowing every span that might share it.
#include "reporter/trace/trace_report.hpp"

#include "base/atomic_file.hpp"
#include "base/error.hpp"

#include "reporter/trace/trace_lanes.hpp"

#include <algorithm>
#include <chrono>
#include <type_traits>

namespace ptest::reporter {

namespace {

using Json = base::json::Value;

/// An attempt's verdict as the trace names it, and the colour it is drawn in.
struct Verdict {
    const char* name;
    const char* color;
};

Verdict verdict_of(const AttemptResult& result) {
    switch (result.status) {
    case AttemptStatus::pass:
        if (result.leak == LeakStatus::leaked_fail) {
            return {"leak-fail", "terrible"};
        }
        return result.leak == LeakStatus::leaked_pass ? Verdict{"leak", "yellow"}
                                                      : Verdict{"pass", "good"};
    case AttemptStatus::fail:
        return {"fail", "bad"};
    case AttemptStatus::abort:
        return {"abort", "terrible"};
    case AttemptStatus::timeout:
        return {"timeout", "terrible"};
    case AttemptStatus::exec_fail:
        return {"exec-fail", "black"};
    case AttemptStatus::skip:
        return {"skip", "grey"};
    case AttemptStatus::cancelled:
        return {"cancelled", "grey"};
    }
    return {"fail", "bad"};
}

std::int64_t micros(Duration duration) {
    return std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
}

bool known(WallClock::time_point time) {
    return time.time_since_epoch().count() != 0;
}

Json metadata(const char* name, int tid, Json args) {
    return Json{{"name", name}, {"ph", "M"}, {"pid", 1}, {"tid", tid}, {"args", std::move(args)}};
}

/// Timestamps in microseconds from the earliest span; a nested span is kept inside its parent
/// and after its earlier siblings, so it can never overlap either.
std::vector<std::pair<std::int64_t, std::int64_t>>
placed_times(const std::vector<TraceSpan>& spans) {
    WallClock::time_point origin = WallClock::time_point::max();
    for (const TraceSpan& span : spans) {
        origin = std::min(origin, span.start);
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> times; // (start, end)
    std::vector<std::int64_t> last_child_end(spans.size(), 0);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        std::int64_t start = micros(spans[i].start - origin);
        std::int64_t end = start + std::max<std::int64_t>(0, micros(spans[i].duration));
        if (spans[i].parent >= 0) {
            const auto parent = static_cast<std::size_t>(spans[i].parent);
            const auto [parent_start, parent_end] = times[parent];
            start = std::clamp(start, std::max(parent_start, last_child_end[parent]), parent_end);
            end = std::clamp(end, start, parent_end);
            last_child_end[parent] = end;
        }
        times.emplace_back(start, end);
    }
    return times;
}

} // namespace

Json trace_document(const std::vector<TraceSpan>& spans, Json other) {
    const auto times = placed_times(spans);
    // Two pools of lanes: ptest's own first, then the worker slots'.
    std::vector<LaneRequest> own;
    std::vector<LaneRequest> workers;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (spans[i].parent < 0) {
            LaneRequest request{times[i].first, times[i].second,
                                spans[i].ptest_lane ? 0 : spans[i].slot};
            (spans[i].ptest_lane ? own : workers).push_back(request);
        }
    }
    const std::vector<int> own_lanes = assign_lanes(own);
    const std::vector<int> worker_lanes = assign_lanes(workers);
    const int own_count = std::max(
        1, own_lanes.empty() ? 0 : *std::max_element(own_lanes.begin(), own_lanes.end()) + 1);
    std::vector<int> tids(spans.size(), 0);
    std::vector<bool> used_tid;
    std::size_t next_own = 0;
    std::size_t next_worker = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (spans[i].parent >= 0) {
            tids[i] = tids[static_cast<std::size_t>(spans[i].parent)];
        } else if (spans[i].ptest_lane) {
            tids[i] = own_lanes[next_own++];
        } else {
            tids[i] = own_count + worker_lanes[next_worker++];
        }
        used_tid.resize(std::max(used_tid.size(), static_cast<std::size_t>(tids[i]) + 1), false);
        used_tid[static_cast<std::size_t>(tids[i])] = true;
    }

    Json events = Json::array();
    events.push_back(metadata("process_name", 0, Json{{"name", "ptest"}}));
    for (std::size_t tid = 0; tid < used_tid.size(); ++tid) {
        if (!used_tid[tid] && tid != 0) {
            continue;
        }
        const int lane = static_cast<int>(tid);
        const std::string name =
            lane < own_count ? (lane == 0 ? std::string("ptest") : "ptest " + std::to_string(lane))
                             : "slot " + std::to_string(lane - own_count);
        events.push_back(metadata("thread_name", lane, Json{{"name", name}}));
        events.push_back(metadata("thread_sort_index", lane, Json{{"sort_index", lane}}));
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const TraceSpan& span = spans[i];
        events.push_back(Json{{"name", span.name},
                              {"cat", span.category},
                              {"ph", "X"},
                              {"ts", times[i].first},
                              {"dur", times[i].second - times[i].first},
                              {"pid", 1},
                              {"tid", tids[i]},
                              {"cname", span.color},
                              {"args", span.args}});
    }
    return Json{{"traceEvents", std::move(events)},
                {"displayTimeUnit", "ms"},
                {"otherData", std::move(other)}};
}

TraceReport::TraceReport(std::filesystem::path path) : m_path(std::move(path)) {}

void TraceReport::add_listing(WallClock::time_point start, Duration duration,
                              std::size_t binaries) {
    TraceSpan span{"listing", "listing", "generic_work", start, duration, true};
    span.args["binaries"] = binaries;
    m_spans.push_back(std::move(span));
}

void TraceReport::report(const Event& event) {
    std::visit(
        [this](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (!std::is_same_v<T, TestStarted> && !std::is_same_v<T, TestFinished>) {
                m_open_batch.reset(); // A batch's cases come right after it, one by one.
            }
            if constexpr (std::is_same_v<T, RunStarted>) {
                m_other["run_id"] = value.run_id;
                m_other["profile"] = value.profile.name;
                m_other["test_threads"] = value.test_threads;
            } else if constexpr (std::is_same_v<T, TestFinished>) {
                on_finished(value);
            } else if constexpr (std::is_same_v<T, BatchFinished>) {
                on_batch(value);
            } else if constexpr (std::is_same_v<T, ScriptFinished>) {
                const ScriptResult& result = value.result;
                const char* kind = result.kind == ScriptKind::setup ? "setup" : "teardown";
                TraceSpan span{std::string(kind) + " " + result.name,
                               "script",
                               result.is_success() ? "good" : "bad",
                               result.start_time,
                               result.duration,
                               true};
                span.args["command"] = result.command;
                span.args["passed"] = result.is_success();
                m_spans.push_back(std::move(span));
            } else if constexpr (std::is_same_v<T, ScriptHealthChecked>) {
                TraceSpan span{"health check " + value.name,
                               "script",
                               value.passed ? "good" : "bad",
                               value.start_time,
                               value.elapsed,
                               true};
                span.args["check"] = value.check;
                span.args["probes"] = value.probes;
                m_spans.push_back(std::move(span));
            }
        },
        event);
}

void TraceReport::on_batch(const BatchFinished& event) {
    TraceSpan span{"batch of " + std::to_string(event.cases.size()) + " (" + event.binary_id + ")",
                   "batch", "olive", event.start_time, event.duration};
    span.slot = static_cast<int>(event.global_slot);
    span.args["binary"] = event.binary_id;
    span.args["cases"] = event.cases.size();
    span.args["slot"] = event.global_slot;
    m_open_batch = m_spans.size();
    m_batch_binary = event.binary_id;
    m_batch_cases = event.cases;
    m_spans.push_back(std::move(span));
}

void TraceReport::on_finished(const TestFinished& event) {
    const bool in_batch = m_open_batch && event.attempts.size() == 1 &&
                          event.test.binary_id == m_batch_binary &&
                          std::find(m_batch_cases.begin(), m_batch_cases.end(), event.test.name) !=
                              m_batch_cases.end();
    for (const AttemptResult& attempt : event.attempts) {
        if (!known(attempt.start_time)) {
            continue; // It never ran (a fixture it needs failed to set up): nothing to draw.
        }
        const Verdict verdict = verdict_of(attempt);
        TraceSpan span{event.test.name, "test", verdict.color, attempt.start_time,
                       attempt.duration};
        span.slot = static_cast<int>(attempt.slot);
        span.parent = in_batch ? static_cast<int>(*m_open_batch) : -1;
        span.args["binary"] = event.test.binary_id;
        span.args["attempt"] = attempt.attempt;
        span.args["total_attempts"] = attempt.total_attempts;
        span.args["verdict"] = verdict.name;
        span.args["slot"] = attempt.slot;
        if (attempt.exit_code) {
            span.args["exit_code"] = *attempt.exit_code;
        }
        if (attempt.signal) {
            span.args["signal"] = *attempt.signal;
        }
        m_spans.push_back(std::move(span));
    }
    if (event.is_flaky() && !m_spans.empty()) {
        m_spans.back().args["flaky"] = true;
    }
}

FinishResult TraceReport::finish() {
    FinishResult result;
    try {
        const std::string text = base::json::dump(trace_document(m_spans, m_other)) + "\n";
        base::AtomicFile file(m_path);
        file.write(text);
        file.commit(base::Durability::synced);
    } catch (const Error& error) {
        result.errors.push_back(error);
    }
    return result;
}

} // namespace ptest::reporter
