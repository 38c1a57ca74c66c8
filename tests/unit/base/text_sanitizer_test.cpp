// Table tests for the JUnit text pipeline (contract §4): every hostile input of §6 goes through
// the sanitiser and comes out as the exact expected text; bounding keeps the head, the tail and a
// marker line with the exact number of omitted bytes.
#include "base/text_sanitizer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace ptest::base;
using namespace std::string_literals;

namespace {

const std::string k_fffd = "\xEF\xBF\xBD";

struct Row {
    const char* what;
    std::string input;
    std::string expected;
};

} // namespace

TEST_SUITE("TextSanitizer") {

    TEST_CASE("every hostile input of the contract becomes the exact expected text") {
        const Row rows[] = {
            {"NUL", "a\0b"s, "ab"},
            {"BEL", "ding\a!", "ding!"},
            {"ESC colours", "\x1b[31mred\x1b[0m plain", "red plain"},
            {"lone CR progress bar", "10%\r20%\r100%\n", "10%\n20%\n100%\n"},
            {"CRLF", "a\r\nb", "a\nb"},
            {"bytes FF FE", "x\xFF\xFEy", "x" + k_fffd + k_fffd + "y"},
            {"encoded surrogate ED A0 80", "\xED\xA0\x80", k_fffd + k_fffd + k_fffd},
            {"U+FFFE as EF BF BE",
             "a\xEF\xBF\xBE"
             "b",
             "ab"},
            {"U+FFFF as EF BF BF",
             "a\xEF\xBF\xBF"
             "b",
             "ab"},
            {"CDATA end kept as text", "x]]>y", "x]]>y"},
            {"CDATA start kept as text", "<![CDATA[", "<![CDATA["},
            {"character reference kept as text", "&#27;", "&#27;"},
            {"closing tag kept as text", "</system-out>", "</system-out>"},
            {"name with markup", "<&\">", "<&\">"},
            {"overlong slash", "\xC0\xAF", k_fffd + k_fffd},
            {"above U+10FFFF", "\xF4\x90\x80\x80", k_fffd + k_fffd + k_fffd + k_fffd},
            {"truncated sequence",
             "\xE2\x82"
             "x",
             k_fffd + "x"},
            {"stray continuation byte",
             "\x80"
             "abc",
             k_fffd + "abc"},
            {"valid four-byte character", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
            {"OSC title ending BEL", "\x1b]0;title\atext", "text"},
            {"OSC hyperlink ending ESC backslash", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
             "link"},
            {"unterminated OSC keeps the rest", "\x1b]no end", "no end"},
            {"DCS string", "\x1bPqdata\x1b\\after", "after"},
            {"APC string", "\x1b_hidden\x1b\\shown", "shown"},
            {"two-byte escapes",
             "\x1b"
             "7saved\x1b"
             "8",
             "saved"},
            {"charset designation", "\x1b(Bx", "x"},
            {"lone ESC at the end", "end\x1b", "end"},
            {"DEL and C1 controls",
             "a\x7F"
             "b\xC2\x85"
             "c\xC2\x9F"
             "d",
             "abcd"},
            {"TAB and LF are kept", "a\tb\nc", "a\tb\nc"},
            {"control characters",
             "\x01\x08\x0B\x0C\x0E\x1F"
             "ok",
             "ok"},
        };
        for (const Row& row : rows) {
            INFO(row.what);
            CHECK(sanitize_text(row.input) == row.expected);
        }
    }

    TEST_CASE("the steps also work one by one") {
        CHECK(repair_utf8("\xFF"
                          "a") == k_fffd + "a");
        CHECK(strip_terminal_escapes("\x1b[1;32mok\x1b[K") == "ok");
        CHECK(normalize_line_ends("a\rb\r\n") == "a\nb\n");
        CHECK(remove_forbidden_chars("a\x1b"
                                     "b") == "ab");
    }

    TEST_CASE("a short text is not bounded") {
        const BoundedText text = bound_text("hello\n", 100);
        CHECK(text.str() == "hello\n");
        CHECK(text.dropped_bytes == 0);
        CHECK(text.size() == 6);
    }

    TEST_CASE("a long text keeps its head and tail around one marker line, cut at line ends") {
        std::string input;
        for (int i = 0; i < 100; ++i) {
            input += "line " + std::to_string(i) + " " + std::string(40, 'x') + "\n";
        }
        const BoundedText text = bound_text(input, 1000);
        const std::string out = text.str();
        CHECK(out.size() <= 1000);
        CHECK(out.size() == text.size());
        CHECK(out.starts_with("line 0 "));
        CHECK(out.ends_with("line 99 " + std::string(40, 'x') + "\n"));
        CHECK(text.head.back() == '\n');
        CHECK(text.tail.starts_with("line "));
        CHECK(text.head.size() + text.tail.size() + text.dropped_bytes == input.size());
        const std::string marker =
            "[ptest: truncated " + std::to_string(text.dropped_bytes) + " bytes]\n";
        CHECK(out.find("\n" + marker) == text.head.size() - 1);
    }

    TEST_CASE("bounding never cuts inside a character") {
        std::string input;
        for (int i = 0; i < 1000; ++i) {
            input += "\xC3\xA9"; // é, no line ends at all
        }
        const BoundedText text = bound_text(input, 301);
        CHECK(text.str().size() <= 301);
        CHECK(repair_utf8(text.head) == text.head);
        CHECK(repair_utf8(text.tail) == text.tail);
        CHECK(text.head.size() % 2 == 0);
        CHECK(text.tail.size() % 2 == 0);
    }

    TEST_CASE("re-bounding to a smaller cap accumulates the omitted bytes") {
        const std::string input(10000, 'a');
        const BoundedText first = bound_text(input, 4000);
        const BoundedText second = bound_text(first, 1000);
        CHECK(second.str().size() <= 1000);
        CHECK(second.head.size() + second.tail.size() + second.dropped_bytes == 10000);
    }

    TEST_CASE("5 MiB of output is truncated to the field cap") {
        std::string raw;
        raw.reserve(5U << 20U);
        while (raw.size() < (5U << 20U)) {
            raw += "\x1b[32mprogress\x1b[0m " + std::to_string(raw.size()) + "\r\n";
        }
        CapturedOutput output;
        output.text = raw;
        const BoundedText text = sanitize_output(output);
        const std::string out = text.str();
        CHECK(out.size() <= k_field_cap);
        CHECK(out.size() > k_field_cap - 4096);
        CHECK(out.starts_with("progress 0\n"));
        CHECK(out.find('\x1b') == std::string::npos);
        CHECK(out.find('\r') == std::string::npos);
        CHECK(out.find("[ptest: truncated " + std::to_string(text.dropped_bytes) + " bytes]\n") !=
              std::string::npos);
    }

    TEST_CASE("a runner capture that already lost its middle reports both omissions") {
        CapturedOutput output;
        output.text = "head line\n\xC3" // the runner cut inside an é
                      "\xA9tail line\n";
        output.head_bytes = 11;
        output.dropped_bytes = 500;
        const BoundedText text = sanitize_output(output, 1000);
        CHECK(text.str() == "head line\n[ptest: truncated 502 bytes]\ntail line\n");
    }

    TEST_CASE("repairing a capture keeps escapes and control characters and only fixes UTF-8") {
        CapturedOutput output;
        output.text = "red \x1b[31mx\x1b[0m\r\n nul [\0] bad [\xFF] caf\xC3"s;
        const BoundedText repaired = repair_output(output, 1024);
        CHECK(repaired.head == "red \x1b[31mx\x1b[0m\r\n nul [\0] bad [\xEF\xBF\xBD] "
                               "caf\xEF\xBF\xBD"s);
        CHECK(repaired.dropped_bytes == 0);
        CHECK(repaired.tail.empty());
        // A capture that lost its middle keeps both sides and counts every omission.
        output.text = std::string(2000, 'a') + std::string(2000, 'b');
        output.head_bytes = 2000;
        output.dropped_bytes = 10;
        const BoundedText bounded = repair_output(output, 1024);
        CHECK(bounded.head.find('b') == std::string::npos);
        CHECK(bounded.tail.find('a') == std::string::npos);
        CHECK(bounded.head.size() + bounded.tail.size() + bounded.dropped_bytes == 4010);
        CHECK(bounded.str().size() <= 1024);
    }

    TEST_CASE("a message is one line, trimmed and at most 512 bytes ending with an ellipsis") {
        CHECK(one_line("  a.cpp:12: Failure\n\tExpected\x1b[0m  x \r\n") ==
              "a.cpp:12: Failure Expected x");
        const std::string long_text(600, 'm');
        const std::string cut = one_line(long_text);
        CHECK(cut.size() == 512);
        CHECK(cut == std::string(509, 'm') + "\xE2\x80\xA6");
        std::string wide;
        for (int i = 0; i < 300; ++i) {
            wide += "\xC3\xA9";
        }
        const std::string wide_cut = one_line(wide);
        CHECK(wide_cut.size() <= 512);
        CHECK(repair_utf8(wide_cut) == wide_cut);
        CHECK(wide_cut.ends_with("\xC3\xA9\xE2\x80\xA6"));
        CHECK(one_line("\x01\x02") == "");
    }

} // TEST_SUITE
