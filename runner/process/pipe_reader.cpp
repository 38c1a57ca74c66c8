// PipeReader: async_read_some in a loop until EOF.
#include "runner/process/pipe_reader.hpp"

#include "base/fd.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

namespace ptest::runner {

PipeReader::PipeReader(boost::asio::io_context& io, base::Fd fd, std::uint64_t capture_limit)
    : m_stream(io, fd.release()), m_capture(capture_limit) {}

void PipeReader::start(std::function<void()> on_eof) {
    m_on_eof = std::move(on_eof);
    read_some();
}

void PipeReader::read_some() {
    m_stream.async_read_some(
        boost::asio::buffer(m_buffer),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
            if (n > 0) {
                self->m_capture.append(std::string_view(self->m_buffer.data(), n));
            }
            if (ec) {
                boost::system::error_code ignored;
                self->m_stream.close(ignored);
                self->finish();
                return;
            }
            self->read_some();
        });
}

void PipeReader::close() {
    boost::system::error_code ignored;
    m_stream.cancel(ignored);
    m_stream.close(ignored);
    finish();
}

void PipeReader::finish() {
    if (m_eof) {
        return;
    }
    m_eof = true;
    if (m_on_eof) {
        auto callback = std::move(m_on_eof);
        m_on_eof = nullptr;
        callback();
    }
}

} // namespace ptest::runner
