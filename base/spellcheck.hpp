// "Did you mean" suggestions for misspelt names (profiles, keys): the closest candidate by edit
// distance, offered only when it is close enough to be a plausible typo.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::base {

/// The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `text`, if its distance is at most 3 and at most half the length of
/// the longer of the two; ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view text,
                                         const std::vector<std::string>& candidates);

} // namespace ptest::base
