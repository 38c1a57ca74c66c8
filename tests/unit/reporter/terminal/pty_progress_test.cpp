// The smart-terminal path on a real pseudo-terminal: detection sees a tty, and the reporter draws
// a `\r...\x1b[K` progress block that it clears before each status line. What was written is
// read through a small terminal emulator before comparing, as a user would see the screen.
#include "../../../support/terminal_screen.hpp"
#include "terminal_fixture.hpp"

#include "reporter/terminal/color_choice.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/terminal_reporter.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ptest::reporter;
using namespace ptest::reporter::fixture;
using ptest::testing::screen_text;

namespace {

/// A pseudo-terminal pair: the slave as a FILE* to write to, the master to read what it showed.
class Pty {
public:
    Pty() {
        m_master = posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(m_master >= 0);
        REQUIRE(grantpt(m_master) == 0);
        REQUIRE(unlockpt(m_master) == 0);
        const int slave = open(ptsname(m_master), O_RDWR | O_NOCTTY);
        REQUIRE(slave >= 0);
        termios settings{};
        REQUIRE(tcgetattr(slave, &settings) == 0);
        settings.c_oflag &= ~static_cast<tcflag_t>(OPOST); // no \n -> \r\n translation
        REQUIRE(tcsetattr(slave, TCSANOW, &settings) == 0);
        m_slave = fdopen(slave, "w");
        REQUIRE(m_slave != nullptr);
    }
    ~Pty() {
        if (m_slave != nullptr) {
            std::fclose(m_slave);
        }
        close(m_master);
    }
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;

    std::FILE* slave() { return m_slave; }

    /// Everything written so far.
    std::string drain() {
        std::fflush(m_slave);
        std::string out;
        char buffer[4096];
        pollfd fd{m_master, POLLIN, 0};
        while (poll(&fd, 1, 100) > 0 && (fd.revents & POLLIN) != 0) {
            const ssize_t n = read(m_master, buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

private:
    int m_master = -1;
    std::FILE* m_slave = nullptr;
};

} // namespace

TEST_SUITE("reporter::TerminalReporter") {
    TEST_CASE("on a pty the progress line is drawn, then cleared before each status line") {
        Pty pty;
        TerminalInfo info = TerminalInfo::detect(pty.slave());
        CHECK(info.is_tty);
        info.term = "xterm";
        info.no_color = "1";
        info.columns = 80;
        LinePrinter printer = LinePrinter::for_stream(pty.slave(), ColorChoice::auto_, info);
        REQUIRE(printer.smart());
        REQUIRE_FALSE(printer.color());

        TerminalReporter reporter(printer, ptest::profiles::Profile{});
        RunStarted started = run_started(2, 1);
        started.run_id.clear();
        started.start_time = ptest::reporter::WallClock::now();
        reporter.report(started);
        reporter.report(TestStarted{id("b", "one"), 1});
        const std::string during = pty.drain();
        CHECK(during.find("\r\x1b[K     Running [00:00:0") != std::string::npos);
        CHECK(during.find("0/2: 1 running") != std::string::npos);

        RunStats stats;
        stats.initial_run_count = 2;
        stats.finished_count = 2;
        stats.passed = 2;
        reporter.report(finished(id("b", "one"), {attempt(AttemptStatus::pass, 5)}, 0));
        reporter.report(finished(id("b", "two"), {attempt(AttemptStatus::pass, 6)}, 0));
        reporter.report(run_finished(stats, 20));
        const std::string after = pty.drain();
        CHECK(after.find("\r\x1b[K") != std::string::npos);
        CHECK(screen_text(during + after) ==
              "    Starting 2 tests across 1 binary\n"
              "        PASS [   0.005s] b one\n"
              "        PASS [   0.006s] b two\n"
              "------------\n"
              "     Summary [   0.020s] 2 tests run: 2 passed, 0 failed, 0 "
              "skipped\n");
    }
}
