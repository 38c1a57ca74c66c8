// Placing trace spans on lanes (see trace_lanes.hpp).
#include "reporter/trace/trace_lanes.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace ptest::reporter {

std::vector<int> assign_lanes(const std::vector<LaneRequest>& requests) {
    std::vector<std::size_t> order(requests.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(requests[a].start, requests[a].end, a) <
               std::tie(requests[b].start, requests[b].end, b);
    });
    // When each lane's last span ends; spans are placed by start, so that is the lane's latest.
    std::vector<std::int64_t> lane_end;
    std::vector<bool> used;
    std::vector<int> lanes(requests.size(), 0);
    const auto free_at = [&](std::size_t lane, std::int64_t start) {
        return !used[lane] || lane_end[lane] <= start;
    };
    for (std::size_t index : order) {
        const LaneRequest& request = requests[index];
        const std::int64_t end = std::max(request.start, request.end);
        std::size_t lane = lane_end.size();
        if (request.preferred >= 0) {
            const auto wanted = static_cast<std::size_t>(request.preferred);
            if (wanted >= lane_end.size()) {
                lane_end.resize(wanted + 1, 0);
                used.resize(wanted + 1, false);
            }
            if (free_at(wanted, request.start)) {
                lane = wanted;
            }
        }
        for (std::size_t candidate = 0; lane == lane_end.size() && candidate < lane_end.size();
             ++candidate) {
            if (free_at(candidate, request.start)) {
                lane = candidate;
            }
        }
        if (lane == lane_end.size()) {
            lane_end.push_back(0);
            used.push_back(false);
        }
        lane_end[lane] = end;
        used[lane] = true;
        lanes[index] = static_cast<int>(lane);
    }
    return lanes;
}

} // namespace ptest::reporter
