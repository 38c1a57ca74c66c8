// BoundedCapture: head kept as it arrives, tail trimmed in amortised chunks.
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
    if (bytes.empty()) {
        return;
    }
    if (bytes.size() >= m_tail_limit) {
        m_tail.assign(bytes.substr(bytes.size() - m_tail_limit));
        return;
    }
    m_tail.append(bytes);
    // Trim only once the tail doubles, so a stream of small writes costs O(1) amortised per byte.
    if (m_tail.size() > 2 * m_tail_limit) {
        m_tail.erase(0, m_tail.size() - m_tail_limit);
    }
}

reporter::CapturedOutput BoundedCapture::take() {
    if (m_tail.size() > m_tail_limit) {
        m_tail.erase(0, m_tail.size() - m_tail_limit);
    }
    reporter::CapturedOutput out;
    out.head_bytes = m_head.size();
    out.dropped_bytes = m_total - m_head.size() - m_tail.size();
    out.text = std::move(m_head);
    out.text += m_tail;
    m_head.clear();
    m_tail.clear();
    m_total = 0;
    return out;
}

} // namespace ptest::runner
