// Edit distance and "did you mean" suggestions (see spellcheck.hpp).
#include "base/spellcheck.hpp"

#include <algorithm>
#include <numeric>

namespace ptest::base {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // One row of the classic dynamic-programming table at a time.
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view text,
                                         const std::vector<std::string>& candidates) {
    constexpr std::size_t k_max_distance = 3;
    std::optional<std::string> best;
    std::size_t best_distance = k_max_distance + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(text, candidate);
        const std::size_t longer = std::max(text.size(), candidate.size());
        if (distance < best_distance && distance * 2 <= longer) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

} // namespace ptest::base
