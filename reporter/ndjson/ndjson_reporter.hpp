// The NDJSON event stream (`ptest run --message-format ndjson`): every run event as one JSON
// object per line (ndjson_event.hpp), each line written whole and at once to a descriptor the
// caller owns, so a consumer reading the pipe sees each event as it happens. The stream's last
// line carries the command's exit code, which is known only after the other sinks are finished:
// the reporter holds back each `run-finished` and `stress-run-finished` line until the next
// event, and writes the last one from `close`.
#pragma once

#include "base/error.hpp"
#include "base/json.hpp"

#include "reporter/event_sink.hpp"
#include "reporter/ndjson/ndjson_event.hpp"

#include <optional>
#include <vector>

namespace ptest::reporter {

/// Writes the NDJSON stream of one command. Not thread-safe: call it from the event loop.
class NdjsonReporter final : public EventSink {
public:
    /// Write to the open descriptor `fd`, which the caller owns and keeps open until the
    /// reporter is closed or destroyed; `context` says what no event carries.
    NdjsonReporter(int fd, NdjsonContext context);
    NdjsonReporter(const NdjsonReporter&) = delete;
    NdjsonReporter& operator=(const NdjsonReporter&) = delete;
    /// Writes a line still held back (without an exit code) unless `close` was called.
    ~NdjsonReporter() override;

    /// Write the lines `event` stands for. After a failed write the stream is broken and
    /// nothing more is written; the failure is reported by `finish` and `close`.
    void report(const Event& event) override;

    /// A failed write so far, as an error (`write_output_error`) with the OS's reason. The held-
    /// back last line is not written yet: `close` writes it.
    FinishResult finish() override;

    /// Write the held-back last line with `exit_code` as its `exit-code` and end the stream.
    /// Returns the error of a failed write (once: `finish` may have reported an earlier one).
    std::optional<Error> close(int exit_code);

private:
    void write_line(const base::json::Value& line);
    void flush_held();

    int m_fd;
    NdjsonContext m_context;
    std::optional<base::json::Value> m_held;
    std::vector<TestTime> m_times; ///< Every finished test's, for `show-slowest`.
    bool m_closed = false;
    int m_write_errno = 0;
    bool m_error_reported = false;
};

} // namespace ptest::reporter
