// Tests of placing trace spans on lanes: no two spans of one lane overlap, and a span gets the
// lane it asks for (its worker slot) whenever that lane is free.
#include "reporter/trace/trace_lanes.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace ptest::reporter;

namespace {

/// True when no two requests given the same lane overlap (touching ends do not overlap).
bool no_overlap(const std::vector<LaneRequest>& requests, const std::vector<int>& lanes) {
    for (std::size_t a = 0; a < requests.size(); ++a) {
        for (std::size_t b = a + 1; b < requests.size(); ++b) {
            if (lanes[a] == lanes[b] && requests[a].start < requests[b].end &&
                requests[b].start < requests[a].end) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

TEST_SUITE("reporter::assign_lanes") {
    TEST_CASE("spans take the lanes they ask for when those are free") {
        const std::vector<LaneRequest> requests{{0, 10, 1}, {0, 5, 0}, {5, 9, 0}, {10, 20, 1}};
        CHECK(assign_lanes(requests) == std::vector<int>{1, 0, 0, 1});
    }

    TEST_CASE("a span whose lane is still busy moves to the lowest free lane") {
        // The second asks for lane 0 while the first still holds it; lane 1 is free.
        const std::vector<LaneRequest> requests{{0, 10, 0}, {5, 15, 0}, {0, 3, 2}};
        const std::vector<int> lanes = assign_lanes(requests);
        CHECK(lanes == std::vector<int>{0, 1, 2});
        CHECK(no_overlap(requests, lanes));
    }

    TEST_CASE("spans that ask for no lane share as few lanes as overlap forces") {
        const std::vector<LaneRequest> requests{
            {0, 4, -1}, {1, 5, -1}, {4, 8, -1}, {5, 9, -1}, {2, 3, -1}};
        const std::vector<int> lanes = assign_lanes(requests);
        CHECK(lanes == std::vector<int>{0, 1, 0, 1, 2});
        CHECK(no_overlap(requests, lanes));
    }

    TEST_CASE("a span that starts as another ends may share its lane") {
        CHECK(assign_lanes({{0, 10, 0}, {10, 10, 0}, {10, 12, 0}}) == std::vector<int>{0, 0, 0});
    }

    TEST_CASE("many overlapping spans that all ask for one lane never overlap on any lane") {
        std::vector<LaneRequest> requests;
        for (int i = 0; i < 50; ++i) {
            requests.push_back({i * 3, i * 3 + 10, i % 4});
        }
        CHECK(no_overlap(requests, assign_lanes(requests)));
    }

    TEST_CASE("no spans need no lanes") {
        CHECK(assign_lanes({}).empty());
    }
}
