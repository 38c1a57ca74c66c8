// The terminal reporter's only writer (see line_printer.hpp).
#include "reporter/terminal/line_printer.hpp"

#include "base/text_sanitizer.hpp"

#include "reporter/terminal/terminal_text.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>

namespace ptest::reporter {

namespace {

std::string_view sgr(Style style) {
    switch (style) {
    case Style::pass:
        return "\x1b[1;32m";
    case Style::fail:
        return "\x1b[1;31m";
    case Style::retry:
    case Style::binary_id:
        return "\x1b[1;35m";
    case Style::skip:
        return "\x1b[1;33m";
    case Style::count:
        return "\x1b[1m";
    case Style::test_name:
        return "\x1b[1;34m";
    }
    return "\x1b[1m";
}

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_clear_to_end_of_line = "\x1b[K";
constexpr std::string_view k_clear_below = "\x1b[J";

} // namespace

std::string paint(std::string_view text, Style style, bool color) {
    if (!color || text.empty()) {
        return std::string(text);
    }
    std::string out(sgr(style));
    out += text;
    out += k_reset;
    return out;
}

LinePrinter::LinePrinter(std::FILE* stream, bool color, bool smart, int columns, int rows)
    : m_stream(stream), m_color(color), m_smart(smart), m_columns(columns), m_rows(rows) {}

LinePrinter::LinePrinter(std::string& sink, bool color) : m_sink(&sink), m_color(color) {}

LinePrinter LinePrinter::for_stream(std::FILE* stream, ColorChoice choice,
                                    const TerminalInfo& info) {
    return LinePrinter(stream, resolve_color(choice, info), is_smart_terminal(info), info.columns,
                       info.rows);
}

std::string LinePrinter::paint(std::string_view text, Style style) const {
    return reporter::paint(text, style, m_color);
}

void LinePrinter::print_line(std::string_view line) {
    clear_progress();
    std::string out(line);
    out += '\n';
    write(out);
}

void LinePrinter::print_output(std::string_view raw) {
    if (raw.empty()) {
        return;
    }
    clear_progress();
    std::string out = sanitize_for_terminal(raw, m_color);
    if (out.empty()) {
        return; // Only escape sequences: nothing visible to print.
    }
    if (out.back() == '\n') {
        out.pop_back();
    }
    if (m_color && out.find('\x1b') != std::string::npos) {
        // A test that leaves a colour on must not paint ptest's next line.
        out += k_reset;
    }
    out += '\n';
    write(out);
}

void LinePrinter::set_progress(std::string_view text) {
    set_progress_lines({std::string(text)});
}

std::string LinePrinter::elided(std::string line) const {
    if (m_columns > 1) {
        const auto limit = static_cast<std::size_t>(m_columns - 1);
        std::string plain = base::strip_terminal_escapes(line);
        if (plain.size() > limit) {
            // Elide on the plain text: cutting inside a colour sequence would garble the line.
            plain.resize(limit > 3 ? limit - 3 : limit);
            line = plain + (limit > 3 ? "..." : "");
        }
    }
    return line;
}

void LinePrinter::set_progress_lines(const std::vector<std::string>& lines) {
    if (!m_smart || lines.empty()) {
        return;
    }
    if (m_progress_lines > 0 && lines == m_progress_text) {
        return; // Already on screen: a redraw would only flicker.
    }
    std::size_t count = lines.size();
    if (m_rows > 1) {
        // A block taller than the screen could not be found again to redraw it.
        count = std::min(count, static_cast<std::size_t>(m_rows - 1));
    }
    std::string out = to_block_start();
    for (std::size_t i = 0; i < count; ++i) {
        out += i == 0 ? "" : "\n";
        out += k_clear_to_end_of_line;
        out += elided(lines[i]);
    }
    if (static_cast<int>(count) < m_progress_lines) {
        out += k_clear_below; // The rest of a taller block drawn before.
    }
    write(out);
    m_progress_lines = static_cast<int>(count);
    m_progress_text = lines;
    if (m_stream != nullptr) {
        std::fflush(m_stream);
    }
}

void LinePrinter::clear_progress() {
    if (m_progress_lines == 0) {
        return;
    }
    const bool one = m_progress_lines == 1;
    std::string out = to_block_start();
    out += one ? k_clear_to_end_of_line : k_clear_below;
    m_progress_lines = 0;
    write(out);
}

std::string LinePrinter::to_block_start() const {
    std::string out = "\r";
    if (m_progress_lines > 1) {
        out += "\x1b[" + std::to_string(m_progress_lines - 1) + "A";
    }
    return out;
}

void LinePrinter::write(std::string_view bytes) {
    if (m_sink != nullptr) {
        m_sink->append(bytes);
        return;
    }
    if (m_stream == nullptr || m_write_failed) {
        return;
    }
    // A slow terminal (a pty whose reader lags, an ssh session) blocks the write, and SIGCHLD,
    // which Asio installs without SA_RESTART, then interrupts it part-way: carry on from where it
    // stopped. Only a real error fails the report.
    while (!bytes.empty()) {
        errno = 0;
        const std::size_t written = std::fwrite(bytes.data(), 1, bytes.size(), m_stream);
        bytes.remove_prefix(written);
        if (bytes.empty()) {
            break;
        }
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
            if (errno != EINTR) {
                // A descriptor left non-blocking by whoever shares it: wait until it can take more.
                pollfd ready{fileno(m_stream), POLLOUT, 0};
                ::poll(&ready, 1, -1);
            }
            std::clearerr(m_stream);
            continue;
        }
        m_write_failed = true;
        m_write_errno = errno;
        return;
    }
}

} // namespace ptest::reporter
