// Lanes of a trace: each span of the run (an attempt, a batch process, a script) is drawn on one
// horizontal lane of the trace viewer, and no two spans of one lane may overlap, or the viewer
// nests or hides them. A span asks for a lane (an attempt asks for its worker slot); it gets it
// when that lane is free at its start, else the lowest free lane, else a new one. The scheduler
// never lets two tests hold one slot, so in practice every attempt lands on its slot's lane; the
// rule only guarantees the drawing stays true when the clocks disagree by a hair.
#pragma once

#include <cstdint>
#include <vector>

namespace ptest::reporter {

/// A span to place: its time as [start, end) in microseconds, and the lane it asks for.
struct LaneRequest {
    std::int64_t start = 0;
    std::int64_t end = 0; ///< At least `start`; a span with `end == start` occupies no time.
    int preferred = -1;   ///< The lane it would like (its worker slot), or -1 for any.
};

/// A lane for each request (0-based, in the order of `requests`) such that the spans given one
/// lane never overlap: spans are placed in order of start time (then end, then position), each on
/// its preferred lane when the last span placed there has ended by its start, else on the lowest
/// such lane, else on a new lane. Pure.
std::vector<int> assign_lanes(const std::vector<LaneRequest>& requests);

} // namespace ptest::reporter
