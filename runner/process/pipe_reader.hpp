// PipeReader drains one child pipe on the event loop into a BoundedCapture and reports EOF.
#pragma once

#include "base/fd.hpp"

#include "runner/process/bounded_capture.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <array>
#include <functional>
#include <memory>

namespace ptest::runner {

/// Reads a pipe until EOF (or `close()`), appending to its capture, then calls `on_eof` once.
/// Owned through a shared_ptr so that pending reads keep it alive.
class PipeReader : public std::enable_shared_from_this<PipeReader> {
public:
    PipeReader(boost::asio::io_context& io, base::Fd fd, std::uint64_t capture_limit);

    /// Start reading; `on_eof` runs on the loop once the pipe is closed by every writer or by
    /// `close()`.
    void start(std::function<void()> on_eof);

    /// Stop reading and close ptest's end (a leaked descendant may still hold the write end).
    void close();

    [[nodiscard]] bool at_eof() const noexcept { return m_eof; }
    BoundedCapture& capture() noexcept { return m_capture; }

private:
    void read_some();
    void finish();

    boost::asio::posix::stream_descriptor m_stream;
    BoundedCapture m_capture;
    std::function<void()> m_on_eof;
    bool m_eof = false;
    /// Left uninitialised on purpose: zeroing 64 KiB for each of a test's two pipes was most of
    /// ptest's own CPU time on a suite of trivial tests, and reads only ever fill it.
    std::array<char, 65536> m_buffer; // NOLINT(cppcoreguidelines-pro-type-member-init)
};

} // namespace ptest::runner
