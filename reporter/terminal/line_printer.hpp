// The single way ptest's human report reaches the terminal. Everything the terminal reporter says
// goes through a LinePrinter, which knows whether it may write colour, whether it may overprint a
// progress line (a smart terminal), and how to print captured test output: sanitised, as whole
// blocks that always start on a fresh line. It writes to a FILE* (stderr in ptest) or, for tests,
// appends to a std::string.
#pragma once

#include "reporter/terminal/color_choice.hpp"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::reporter {

/// The reporter's palette, after nextest's: what a piece of text means, not its colour.
enum class Style {
    pass,      ///< Green bold: PASS, Starting, a successful Summary.
    fail,      ///< Red bold: failures, Cancelling, a failed Summary.
    retry,     ///< Magenta bold: TRY n FAIL, RETRY, DELAY.
    skip,      ///< Yellow bold: SKIP, SLOW, LEAK, FLAKY, warnings.
    count,     ///< Bold: numbers.
    binary_id, ///< Magenta bold.
    test_name, ///< Blue bold.
};

/// `text` wrapped in the SGR sequence for `style` when `color` is true; `text` unchanged otherwise.
std::string paint(std::string_view text, Style style, bool color);

/// Writes whole lines to one output. Not thread-safe; the reporter calls it from the event loop.
class LinePrinter {
public:
    /// Write to `stream`, which must outlive the printer (it is not closed). `smart` allows a
    /// progress line that is overwritten with `\r...\x1b[K`; `columns` (0 = unknown) bounds its
    /// width and `rows` (0 = unknown) how many lines a progress block may take.
    LinePrinter(std::FILE* stream, bool color, bool smart, int columns = 0, int rows = 0);
    /// Append to `sink`, which must outlive the printer. Never smart.
    LinePrinter(std::string& sink, bool color);

    /// A printer for `stream` with colour and smartness resolved from `choice` and `info`.
    static LinePrinter for_stream(std::FILE* stream, ColorChoice choice, const TerminalInfo& info);

    /// Whether styled text carries colour.
    [[nodiscard]] bool color() const noexcept { return m_color; }
    /// Whether a progress line may be drawn.
    [[nodiscard]] bool smart() const noexcept { return m_smart; }
    /// The terminal's width in columns; 0 when unknown or not a terminal.
    [[nodiscard]] int columns() const noexcept { return m_columns; }
    /// `paint(text, style, color())`.
    [[nodiscard]] std::string paint(std::string_view text, Style style) const;

    /// Clear any progress line, then write `line` and a newline. `line` is the reporter's own
    /// text (it may contain the printer's colour codes) and must not contain a newline's worth
    /// of untrusted bytes: captured output goes through `print_output`.
    void print_line(std::string_view line);

    /// Print captured test output as one block: sanitised (see `sanitize_for_terminal`, colours
    /// kept only when the printer writes colour), starting on a fresh line and ending with a
    /// newline. Empty text prints nothing.
    void print_output(std::string_view raw);

    /// On a smart terminal, replace the progress line with `text` (elided to the width); a no-op
    /// otherwise.
    void set_progress(std::string_view text);

    /// On a smart terminal, replace the progress block with `lines`, each elided to the width so
    /// none wraps, and no more of them than fit the terminal's height. The block is redrawn in
    /// one write: the cursor goes back to the block's first line, each line is rewritten and
    /// cleared to its end, and lines left over from a taller block are erased. The same lines
    /// as on screen are not drawn again. A no-op otherwise.
    void set_progress_lines(const std::vector<std::string>& lines);

    /// Erase the progress block, if one is shown, leaving the cursor where it began.
    void clear_progress();

    /// True once a write to the stream has failed; later writes are skipped.
    [[nodiscard]] bool write_failed() const noexcept { return m_write_failed; }
    /// The `errno` of the first failed write (0 when unknown or none failed).
    [[nodiscard]] int write_errno() const noexcept { return m_write_errno; }

private:
    void write(std::string_view bytes);
    /// `line` cut to the width (with `...`) when it would wrap.
    [[nodiscard]] std::string elided(std::string line) const;
    /// `\r`, and the cursor moves up to the first line of the progress block.
    [[nodiscard]] std::string to_block_start() const;

    std::FILE* m_stream = nullptr;
    std::string* m_sink = nullptr;
    bool m_color = false;
    bool m_smart = false;
    int m_columns = 0;
    int m_rows = 0;
    int m_progress_lines = 0;                 ///< Lines of the progress block on screen (0: none).
    std::vector<std::string> m_progress_text; ///< What the block on screen was drawn from.
    bool m_write_failed = false;
    int m_write_errno = 0;
};

} // namespace ptest::reporter
