// Tests of counting markers in one pass: every count equals what one search per marker finds,
// including occurrences that overlap, markers that share their first bytes, markers too short for
// the table and markers at the very end of the bytes.
#include "runner/frameworks/marker_count.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ptest::runner {

namespace {

using namespace std::string_literals;

/// The count of `marker` in `bytes` as a search per occurrence finds it, each starting after the
/// previous one.
std::size_t searched(std::string_view bytes, std::string_view marker) {
    if (marker.empty()) {
        return 0;
    }
    std::size_t count = 0;
    for (std::size_t at = bytes.find(marker); at != std::string_view::npos;
         at = bytes.find(marker, at + marker.size())) {
        ++count;
    }
    return count;
}

std::vector<std::size_t> searched_all(std::string_view bytes,
                                      const std::vector<std::string_view>& markers) {
    std::vector<std::size_t> counts;
    for (std::string_view marker : markers) {
        counts.push_back(searched(bytes, marker));
    }
    return counts;
}

} // namespace

TEST_SUITE("runner::count_markers") {
    TEST_CASE("each marker is counted as often as a search finds it") {
        // An ELF header, padding, then NUL-terminated strings as an executable holds them.
        const std::string bytes = "\x7f"
                                  "ELF"s +
                                  std::string(100, '\0') +
                                  "--gtest_list_tests\0_ZN7testing4Test\0_ZN7testing8internal\0"
                                  "_ZN7doctest\0--gtest_filter\0_ZN7testing4TestE"s;
        const std::vector<std::string_view> markers{
            "--gtest_list_tests", "gtest_list_tests", "_ZN7testing4Test", "N7testing8internal",
            "_ZN7doctest",        "N5Catch",          "_ZN7testing4TestE"};
        const std::vector<std::size_t> counts = count_markers(bytes, markers);
        CHECK(counts == searched_all(bytes, markers));
        CHECK(counts == std::vector<std::size_t>{1, 1, 2, 1, 1, 0, 1});
    }

    TEST_CASE("occurrences of one marker that overlap count as a search steps over them") {
        const std::vector<std::string_view> markers{"abab", "aaaa"};
        CHECK(count_markers("abababab aaaaaaaaa", markers) == std::vector<std::size_t>{2, 2});
    }

    TEST_CASE("markers sharing their first four bytes are each counted") {
        const std::vector<std::string_view> markers{"_ZN7testing", "_ZN7doctest", "_ZN7"};
        CHECK(count_markers("_ZN7doctest _ZN7testing _ZN7doctest", markers) ==
              std::vector<std::size_t>{1, 2, 3});
    }

    TEST_CASE("a marker shorter than the table key is still counted, and an empty one never") {
        const std::vector<std::string_view> markers{"ab", "", "x"};
        CHECK(count_markers("ab x ab", markers) == std::vector<std::size_t>{2, 0, 1});
    }

    TEST_CASE("a marker at the very end of the bytes is found, one longer than them is not") {
        const std::vector<std::string_view> markers{"tail", "the whole tail and more"};
        CHECK(count_markers("a tail", markers) == std::vector<std::size_t>{1, 0});
        CHECK(count_markers("", markers) == std::vector<std::size_t>{0, 0});
    }

    TEST_CASE("random bytes give the counts a search per marker gives") {
        std::string bytes;
        unsigned state = 12345;
        for (int i = 0; i < 20000; ++i) {
            state = state * 1103515245U + 12345U;
            bytes += "abN_Z7"[(state >> 16) % 6];
        }
        const std::vector<std::string_view> markers{"abab",  "N_Z7",   "_Z7a",
                                                    "aaaab", "Z7Z7Z7", "bN"};
        CHECK(count_markers(bytes, markers) == searched_all(bytes, markers));
    }
}

} // namespace ptest::runner
