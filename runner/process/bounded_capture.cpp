// BoundedCapture: the head is kept as it arrives; the tail lives in a ring buffer of exactly the
// tail limit, so memory never exceeds the limit however much the child writes.
#include "runner/process/bounded_capture.hpp"

#include <algorithm>

namespace ptest::runner {

BoundedCapture::BoundedCapture(std::uint64_t limit)
    : m_head_limit(limit / 2), m_tail_limit(limit - limit / 2) {}

void BoundedCapture::append(std::string_view bytes) {
    m_total += bytes.size();
    if (m_head.size() < m_head_limit) {
        std::size_t take = std::min<std::size_t>(bytes.size(), m_head_limit - m_head.size());
        m_head.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
    }
    if (bytes.empty() || m_tail_limit == 0) {
        return;
    }
    if (bytes.size() >= m_tail_limit) {
        // Only the last `m_tail_limit` bytes can survive; restart the ring with them.
        m_tail.assign(bytes.substr(bytes.size() - m_tail_limit));
        m_tail_start = 0;
        return;
    }
    if (m_tail.capacity() < m_tail_limit) {
        m_tail.reserve(m_tail_limit); // Once: the ring never grows past the limit.
    }
    while (!bytes.empty()) {
        if (m_tail.size() < m_tail_limit) {
            std::size_t take = std::min<std::size_t>(bytes.size(), m_tail_limit - m_tail.size());
            m_tail.append(bytes.substr(0, take));
            bytes.remove_prefix(take);
            continue;
        }
        // Full: overwrite the oldest bytes, which start at m_tail_start.
        std::size_t take = std::min<std::size_t>(bytes.size(), m_tail_limit - m_tail_start);
        m_tail.replace(m_tail_start, take, bytes.data(), take);
        m_tail_start = (m_tail_start + take) % m_tail_limit;
        bytes.remove_prefix(take);
    }
}

base::CapturedOutput BoundedCapture::take() {
    base::CapturedOutput out;
    out.head_bytes = m_head.size();
    out.dropped_bytes = m_total - m_head.size() - m_tail.size();
    std::string_view ring(m_tail);
    if (m_tail.empty()) {
        out.text = std::move(m_head);
    } else {
        out.text.reserve(m_head.size() + m_tail.size());
        out.text = m_head;
        out.text.append(ring.substr(m_tail_start));
        out.text.append(ring.substr(0, m_tail_start));
    }
    // Give the memory back: a finished attempt's capture should not pin the limit.
    std::string().swap(m_head);
    std::string().swap(m_tail);
    m_tail_start = 0;
    m_total = 0;
    return out;
}

} // namespace ptest::runner
