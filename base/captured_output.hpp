// What a test process wrote on one stream, bounded by the process seam (`runner/process/`) and
// carried to the reporters inside the run's events. It lives in base/ so that the OS seam can
// return it without knowing any reporter.
#pragma once

#include <cstdint>
#include <string>

namespace ptest::base {

/// Captured output of one stream, bounded: the head and the tail are kept, the middle dropped.
struct CapturedOutput {
    std::string text;                ///< Raw bytes as the test wrote them (head, then tail).
    std::uint64_t dropped_bytes = 0; ///< Bytes cut from the middle; 0 when nothing was cut.
    std::uint64_t head_bytes = 0;    ///< Where the cut is in `text` when `dropped_bytes > 0`.
};

} // namespace ptest::base
