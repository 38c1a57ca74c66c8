// BoundedCapture keeps a stream's head and tail within a byte limit while the child writes, so a
// test printing gigabytes costs ptest a fixed amount of memory and the child is never blocked.
#pragma once

#include "base/captured_output.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ptest::runner {

/// Accumulates bytes, keeping at most `limit / 2` from the start and the other `limit - limit / 2`
/// (the odd byte of an odd limit) from the end; the bytes in between are counted and dropped. Not
/// thread-safe (owned by the event loop).
class BoundedCapture {
public:
    explicit BoundedCapture(std::uint64_t limit);

    /// Add bytes as they arrive.
    void append(std::string_view bytes);

    /// Total bytes seen, kept or not.
    [[nodiscard]] std::uint64_t total_bytes() const noexcept { return m_total; }

    /// The kept text (head, then tail) and how much was dropped between them. Leaves this empty.
    base::CapturedOutput take();

private:
    std::uint64_t m_head_limit;
    std::uint64_t m_tail_limit;
    std::uint64_t m_total = 0;
    std::string m_head;
    std::string m_tail;           ///< A ring of at most the tail limit, oldest byte first at
    std::size_t m_tail_start = 0; ///< this index once the ring is full.
};

} // namespace ptest::runner
