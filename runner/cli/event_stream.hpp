// Where `ptest run --message-format ndjson` writes its stream: ptest's own standard output,
// moved aside for the run. Descriptor 1 then points at stderr, so nothing else can reach the
// stream: not a test run with `--no-capture`, not a script whose output is not captured, not a
// stray print. A reader that goes away must not kill ptest with SIGPIPE before it has cleaned up,
// so SIGPIPE is ignored meanwhile (tests and scripts still start with the default disposition).
#pragma once

namespace ptest::cli {

/// Holds the run's original stdout as a private descriptor. Restores stdout and SIGPIPE when
/// destroyed. One at a time per process.
class EventStream {
public:
    /// Move stdout aside. Throws `ptest::Error` (`write_output_error`) when stdout is closed.
    EventStream();
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;
    ~EventStream();

    /// The descriptor of the original stdout (close-on-exec), open while this object lives.
    [[nodiscard]] int fd() const noexcept { return m_fd; }

private:
    int m_fd = -1;
    void (*m_old_sigpipe)(int) = nullptr;
};

} // namespace ptest::cli
