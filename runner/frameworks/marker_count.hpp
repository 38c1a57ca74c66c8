// Counting a handful of short markers in a large byte string, an executable file of several
// megabytes, in one pass. Detection looks for some thirty markers of five frameworks in every test
// binary; a search per marker reads the whole file once for each marker it does not find, which
// on an 8 MB binary cost more than starting and listing it. Pure.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// How often each of `markers` occurs in `bytes`, in the order of `markers`: the occurrences a
/// left-to-right search finds, each one starting where the previous one ended (so `aa` occurs
/// twice in `aaaaa`), exactly as repeated `memmem` calls count them. An empty marker occurs 0
/// times. Reads `bytes` once for all markers of at least four bytes, and once per shorter marker.
std::vector<std::size_t> count_markers(std::string_view bytes,
                                       std::span<const std::string_view> markers);

} // namespace ptest::runner
