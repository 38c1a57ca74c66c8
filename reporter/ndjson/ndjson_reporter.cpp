// The NDJSON stream's writer (see ndjson_reporter.hpp). Each line goes out in one `write` loop,
// with no buffering in between, so the stream is flushed per event; a write a signal interrupts
// carries on where it stopped.
#include "reporter/ndjson/ndjson_reporter.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <type_traits>
#include <variant>

namespace ptest::reporter {

namespace {

/// Write all of `text` to `fd`; 0, or the errno of the write that failed.
int write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

/// Whether `event` may be the stream's last: its line waits for the command's exit code.
bool may_be_last(const Event& event) {
    return std::holds_alternative<RunFinished>(event) ||
           std::holds_alternative<StressRunFinished>(event);
}

} // namespace

NdjsonReporter::NdjsonReporter(int fd, NdjsonContext context)
    : m_fd(fd), m_context(std::move(context)) {}

NdjsonReporter::~NdjsonReporter() {
    if (!m_closed) {
        flush_held();
    }
}

void NdjsonReporter::report(const Event& event) {
    flush_held();
    std::vector<base::json::Value> lines = ndjson_events(event, m_context);
    if (m_context.show_slowest > 0) {
        if (const auto* finished = std::get_if<TestFinished>(&event)) {
            m_times.push_back(test_time(*finished));
        } else if (std::holds_alternative<RunFinished>(event) && !lines.empty()) {
            lines.back()["slowest"] =
                slowest_member(slowest_tests(std::move(m_times), m_context.show_slowest));
            m_times.clear();
        }
    }
    if (may_be_last(event) && !lines.empty()) {
        m_held = std::move(lines.back());
        lines.pop_back();
    }
    for (const base::json::Value& line : lines) {
        write_line(line);
    }
}

FinishResult NdjsonReporter::finish() {
    FinishResult result;
    if (m_write_errno != 0 && !m_error_reported) {
        m_error_reported = true;
        result.errors.emplace_back(ExitCode::write_output_error,
                                   std::string("could not write the NDJSON stream: ") +
                                       std::strerror(m_write_errno));
    }
    return result;
}

std::optional<Error> NdjsonReporter::close(int exit_code) {
    if (m_held) {
        set_exit_code(*m_held, exit_code);
    }
    flush_held();
    m_closed = true;
    FinishResult result = finish();
    if (result.errors.empty()) {
        return std::nullopt;
    }
    return std::move(result.errors.front());
}

void NdjsonReporter::write_line(const base::json::Value& line) {
    if (m_write_errno != 0) {
        return;
    }
    std::string text = base::json::dump(line);
    text += '\n';
    m_write_errno = write_all(m_fd, text);
}

void NdjsonReporter::flush_held() {
    if (m_held) {
        write_line(*m_held);
        m_held.reset();
    }
}

} // namespace ptest::reporter
