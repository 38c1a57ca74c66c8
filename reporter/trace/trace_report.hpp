// The trace of a run (`--trace FILE`): a Chrome trace-event JSON document that Perfetto
// (ui.perfetto.dev) and chrome://tracing open, showing where the run's time went. One process,
// ptest, with one lane for ptest's own work (listing the tests, setup and teardown scripts and
// their health checks) and one lane per worker slot; each attempt of each test is one complete
// span (`"ph": "X"`) named by the test, coloured by its verdict, with its binary, attempt and
// verdict as arguments. A batch process (`isolation = "batch"`) is a span on its slot's lane with
// the cases it vouched for nested inside it. The sink collects spans from the events and writes
// the whole document atomically when finished, so a cancelled run (SIGINT) still leaves a valid
// trace, and a run that dies leaves none rather than half of one.
#pragma once

#include "base/json.hpp"

#include "reporter/event_sink.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// One span of the trace, before it is placed on a lane.
struct TraceSpan {
    std::string name;
    std::string category; ///< `test`, `batch`, `script`, `listing`.
    std::string color;    ///< A trace viewer colour name (`good`, `bad`, ...).
    WallClock::time_point start;
    Duration duration{0};
    /// Drawn on ptest's own lane (listing, scripts) rather than a worker slot's.
    bool ptest_lane = false;
    int slot = -1;   ///< The worker slot it ran on (the lane it asks for), or -1.
    int parent = -1; ///< The index of the batch span it is nested in, or -1.
    base::json::Value args = base::json::Value::object();
};

/// The trace document of `spans` (object form: `traceEvents`, `displayTimeUnit`, `otherData`),
/// timestamps in microseconds from the earliest span, lanes by `assign_lanes`, with `other` as
/// `otherData`. Pure.
base::json::Value trace_document(const std::vector<TraceSpan>& spans, base::json::Value other);

/// The trace sink. Not thread-safe: call from the event loop.
class TraceReport final : public EventSink {
public:
    /// Write the trace to `path` when finished (its directory is made if missing).
    explicit TraceReport(std::filesystem::path path);

    /// The tests were listed from `start` for `duration`, `binaries` of them: a span on ptest's
    /// lane. Call before the run's first event.
    void add_listing(WallClock::time_point start, Duration duration, std::size_t binaries);

    void report(const Event& event) override;

    /// Write the trace atomically; a failure is an error (`write_output_error`).
    FinishResult finish() override;

    /// The spans collected so far, in the order they were reported.
    [[nodiscard]] const std::vector<TraceSpan>& spans() const noexcept { return m_spans; }

private:
    void on_finished(const TestFinished& event);
    void on_batch(const BatchFinished& event);

    std::filesystem::path m_path;
    std::vector<TraceSpan> m_spans;
    base::json::Value m_other = base::json::Value::object();
    /// The batch span whose cases are being reported now (right after its BatchFinished), with
    /// its binary and cases.
    std::optional<std::size_t> m_open_batch;
    std::string m_batch_binary;
    std::vector<std::string> m_batch_cases;
};

} // namespace ptest::reporter
