// Tests of BoundedCapture: everything is kept under the limit; past it exactly the head half and
// the tail half survive, the dropped middle is counted to the byte, and the result does not depend
// on how the bytes were split into appends.
#include "runner/process/bounded_capture.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ptest::runner {

namespace {

/// `count` bytes cycling through the alphabet, so every position is recognisable.
std::string letters(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += static_cast<char>('a' + i % 26);
    }
    return text;
}

/// Feed `text` to a capture of `limit` in pieces of `piece` bytes.
base::CapturedOutput capture_in_pieces(std::uint64_t limit, const std::string& text,
                                       std::size_t piece) {
    BoundedCapture capture(limit);
    for (std::size_t at = 0; at < text.size(); at += piece) {
        capture.append(std::string_view(text).substr(at, piece));
    }
    return capture.take();
}

} // namespace

TEST_SUITE("runner::BoundedCapture") {
    TEST_CASE("output under the limit is kept whole with nothing dropped") {
        BoundedCapture capture(16);
        capture.append("hello ");
        capture.append("world");
        CHECK(capture.total_bytes() == 11);
        base::CapturedOutput out = capture.take();
        CHECK(out.text == "hello world");
        CHECK(out.dropped_bytes == 0);
    }

    TEST_CASE("output exactly at the limit is kept whole") {
        base::CapturedOutput out = capture_in_pieces(10, "0123456789", 3);
        CHECK(out.text == "0123456789");
        CHECK(out.dropped_bytes == 0);
    }

    TEST_CASE("output over the limit keeps the head half and the tail half") {
        BoundedCapture capture(10);
        capture.append("0123456789abcdefghij");
        CHECK(capture.total_bytes() == 20);
        base::CapturedOutput out = capture.take();
        CHECK(out.text == "01234fghij");
        CHECK(out.head_bytes == 5);
        CHECK(out.dropped_bytes == 10);
    }

    TEST_CASE("one byte over the limit drops exactly that byte from the middle") {
        base::CapturedOutput out = capture_in_pieces(10, "0123456789X", 1);
        CHECK(out.text == "012346789X");
        CHECK(out.head_bytes == 5);
        CHECK(out.dropped_bytes == 1);
    }

    TEST_CASE("many small appends give the same result as one big append") {
        const std::string text = letters(10'000);
        for (std::uint64_t limit : {0U, 1U, 7U, 64U, 1000U, 9999U, 10'000U, 20'000U}) {
            base::CapturedOutput whole = capture_in_pieces(limit, text, text.size());
            for (std::size_t piece : {1U, 3U, 64U, 4096U}) {
                CAPTURE(limit);
                CAPTURE(piece);
                base::CapturedOutput split = capture_in_pieces(limit, text, piece);
                CHECK(split.text == whole.text);
                CHECK(split.dropped_bytes == whole.dropped_bytes);
                CHECK(split.head_bytes == whole.head_bytes);
            }
            CAPTURE(limit);
            std::uint64_t kept = std::min<std::uint64_t>(limit, text.size());
            CHECK(whole.text.size() == kept);
            CHECK(whole.dropped_bytes == text.size() - kept);
            CHECK(whole.text == text.substr(0, whole.head_bytes) +
                                    text.substr(text.size() - (kept - whole.head_bytes)));
        }
    }

    TEST_CASE("a limit of zero keeps nothing and counts every byte as dropped") {
        BoundedCapture capture(0);
        capture.append("abc");
        capture.append("");
        capture.append("defg");
        CHECK(capture.total_bytes() == 7);
        base::CapturedOutput out = capture.take();
        CHECK(out.text.empty());
        CHECK(out.head_bytes == 0);
        CHECK(out.dropped_bytes == 7);
    }

    TEST_CASE("an odd limit gives the extra byte to the tail") {
        base::CapturedOutput out = capture_in_pieces(5, "abcdefghij", 2);
        CHECK(out.text == "abhij");
        CHECK(out.head_bytes == 2);
        CHECK(out.dropped_bytes == 5);

        base::CapturedOutput one = capture_in_pieces(1, "abcdefghij", 4);
        CHECK(one.text == "j");
        CHECK(one.head_bytes == 0);
        CHECK(one.dropped_bytes == 9);
    }

    TEST_CASE("take leaves the capture empty and ready for more") {
        BoundedCapture capture(4);
        capture.append("abcdef");
        CHECK(capture.take().text == "abef");
        CHECK(capture.total_bytes() == 0);
        capture.append("xy");
        base::CapturedOutput again = capture.take();
        CHECK(again.text == "xy");
        CHECK(again.dropped_bytes == 0);
    }
}

} // namespace ptest::runner
