// One pass over the bytes for every marker: each position's next four bytes are hashed into a
// table that says whether some marker starts with them; only then are the markers with that hash
// compared. A binary holds few such positions (tens of thousands in 8 MB), so the pass costs about
// a load and a table lookup per byte, whatever the number of markers.
#include "runner/frameworks/marker_count.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace ptest::runner {

namespace {

/// The bytes of a marker that its table key is made of.
constexpr std::size_t k_key_bytes = 4;
/// The table has 2^k_table_bits slots.
constexpr unsigned k_table_bits = 16;

std::uint32_t slot_of(const char* at) {
    std::uint32_t key = 0;
    std::memcpy(&key, at, k_key_bytes);
    // Fibonacci hashing: the top bits of the product mix every byte of the key.
    return (key * 0x9E3779B1U) >> (32U - k_table_bits);
}

/// The occurrences of `marker` in `bytes`, one search after another (for markers too short to
/// have a table key).
std::size_t count_by_search(std::string_view bytes, std::string_view marker) {
    std::size_t count = 0;
    for (std::size_t at = bytes.find(marker); at != std::string_view::npos;
         at = bytes.find(marker, at + marker.size())) {
        ++count;
    }
    return count;
}

/// A marker with a table key: the slot of its first bytes and its index in the markers.
struct Keyed {
    std::uint32_t slot = 0;
    std::size_t marker = 0;
};

} // namespace

std::vector<std::size_t> count_markers(std::string_view bytes,
                                       std::span<const std::string_view> markers) {
    std::vector<std::size_t> counts(markers.size(), 0);
    std::vector<Keyed> keyed;
    std::array<std::uint64_t, (std::size_t{1} << k_table_bits) / 64> present{};
    for (std::size_t i = 0; i < markers.size(); ++i) {
        if (markers[i].empty()) {
            continue;
        }
        if (markers[i].size() < k_key_bytes) {
            counts[i] = count_by_search(bytes, markers[i]);
            continue;
        }
        std::uint32_t slot = slot_of(markers[i].data());
        keyed.push_back({slot, i});
        present[slot / 64] |= std::uint64_t{1} << (slot % 64);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const Keyed& a, const Keyed& b) { return a.slot < b.slot; });
    // Where each marker's next occurrence may start: occurrences of one marker never overlap.
    std::vector<std::size_t> next_start(markers.size(), 0);
    const char* data = bytes.data();
    const std::size_t size = bytes.size();
    for (std::size_t at = 0; at + k_key_bytes <= size; ++at) {
        std::uint32_t slot = slot_of(data + at);
        if ((present[slot / 64] >> (slot % 64) & 1U) == 0) {
            continue;
        }
        auto first = std::lower_bound(keyed.begin(), keyed.end(), slot,
                                      [](const Keyed& k, std::uint32_t s) { return k.slot < s; });
        for (auto it = first; it != keyed.end() && it->slot == slot; ++it) {
            std::string_view marker = markers[it->marker];
            if (at >= next_start[it->marker] && marker.size() <= size - at &&
                std::memcmp(data + at, marker.data(), marker.size()) == 0) {
                ++counts[it->marker];
                next_start[it->marker] = at + marker.size();
            }
        }
    }
    return counts;
}

} // namespace ptest::runner
