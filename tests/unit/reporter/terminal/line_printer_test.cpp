// Tests of the LinePrinter: whole lines, output blocks on a fresh line, colour and progress.
#include "reporter/terminal/line_printer.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ptest::reporter;

namespace {

/// Everything written to a FILE* opened with open_memstream, read after closing it.
class MemoryStream {
public:
    MemoryStream() : m_file(open_memstream(&m_buffer, &m_size)) {}
    ~MemoryStream() {
        close();
        std::free(m_buffer);
    }
    MemoryStream(const MemoryStream&) = delete;
    MemoryStream& operator=(const MemoryStream&) = delete;

    std::FILE* file() { return m_file; }
    std::string text() {
        close();
        return std::string(m_buffer, m_size);
    }

private:
    void close() {
        if (m_file != nullptr) {
            std::fclose(m_file);
            m_file = nullptr;
        }
    }

    char* m_buffer = nullptr;
    std::size_t m_size = 0;
    std::FILE* m_file = nullptr;
};

} // namespace

TEST_SUITE("reporter::LinePrinter") {
    TEST_CASE("lines and output blocks each end with exactly one newline") {
        std::string out;
        LinePrinter printer(out, false);
        printer.print_line("    Starting 1 test across 1 binary");
        printer.print_output("no newline at the end");
        printer.print_output("already ends\n");
        printer.print_output("");
        CHECK(out == "    Starting 1 test across 1 binary\nno newline at the end\nalready ends\n");
    }

    TEST_CASE("captured output loses its escapes without colour and keeps SGR with it") {
        std::string plain;
        LinePrinter(plain, false).print_output("\x1b[31mred\x1b[0m\n");
        CHECK(plain == "red\n");
        std::string colored;
        LinePrinter(colored, true).print_output("\x1b[31mred\n");
        // The printer resets the colour so the test cannot paint ptest's next line.
        CHECK(colored == "\x1b[31mred\x1b[0m\n");
    }

    TEST_CASE("paint wraps text only when colour is on") {
        std::string out;
        CHECK(LinePrinter(out, true).paint("PASS", Style::pass) == "\x1b[1;32mPASS\x1b[0m");
        CHECK(LinePrinter(out, false).paint("PASS", Style::pass) == "PASS");
    }

    TEST_CASE("a string sink is never smart, so progress prints nothing") {
        std::string out;
        LinePrinter printer(out, true);
        printer.set_progress("     Running [00:00:01] 1/2: 1 running");
        CHECK_FALSE(printer.smart());
        CHECK(out.empty());
    }

    TEST_CASE("on a smart terminal the progress line is overwritten and cleared before a line") {
        MemoryStream stream;
        LinePrinter printer(stream.file(), false, true, 30);
        printer.set_progress("progress one");
        printer.set_progress("a progress line far wider than thirty columns");
        printer.print_line("        PASS [   0.001s] b t");
        CHECK(stream.text() == "\r\x1b[Kprogress one"
                               "\r\x1b[Ka progress line far wider ..."
                               "\r\x1b[K        PASS [   0.001s] b t\n");
    }

    // ---- Progress blocks of several lines (`--show-progress`) ----

    TEST_CASE("a progress block is redrawn from its first line and erased as one") {
        MemoryStream stream;
        LinePrinter printer(stream.file(), false, true, 30);
        printer.set_progress_lines({"bar", "one", "two"});
        printer.set_progress_lines({"bar", "one"});
        printer.print_line("PASS two");
        CHECK(stream.text() == "\r\x1b[Kbar\n\x1b[Kone\n\x1b[Ktwo"
                               "\r\x1b[2A\x1b[Kbar\n\x1b[Kone\x1b[J"
                               "\r\x1b[1A\x1b[JPASS two\n");
    }

    TEST_CASE("a progress block keeps a free row and cuts each line to the width") {
        MemoryStream stream;
        LinePrinter printer(stream.file(), false, true, 12, 3);
        printer.set_progress_lines({"first", "a line of twenty chars", "dropped"});
        printer.clear_progress();
        CHECK(stream.text() == "\r\x1b[Kfirst\n\x1b[Ka line o..."
                               "\r\x1b[1A\x1b[J");
    }

    TEST_CASE("a string sink draws no progress block") {
        std::string out;
        LinePrinter printer(out, false);
        printer.set_progress_lines({"bar", "one"});
        printer.clear_progress();
        CHECK(out.empty());
    }
}
