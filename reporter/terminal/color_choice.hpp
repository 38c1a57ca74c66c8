// Whether the terminal reporter writes colour and whether stderr is a "smart" terminal that can
// overprint a progress line. Both are decided once, from the `--color` choice, a few environment
// variables and isatty, in one documented order; the inputs are plain data so tests can inject
// them instead of depending on the machine that runs them.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace ptest::reporter {

/// `--color`: spelled as on the command line (`auto` is a keyword, hence `auto_`).
enum class ColorChoice { auto_, always, never };

/// Parse `auto`, `always` or `never`; empty for anything else.
std::optional<ColorChoice> parse_color_choice(std::string_view text);

/// The CLI spelling of `choice`.
std::string_view to_string(ColorChoice choice);

/// What colour resolution needs to know about the output stream and the environment. Unset
/// variables are empty optionals; `detect` fills it from the real process.
struct TerminalInfo {
    bool is_tty = false;
    std::optional<std::string> term;
    std::optional<std::string> no_color;
    std::optional<std::string> clicolor_force;
    std::optional<std::string> force_color;
    /// Columns of the terminal, when it is one and the size is known; 0 otherwise.
    int columns = 0;
    /// Rows of the terminal, when it is one and the size is known; 0 otherwise.
    int rows = 0;

    /// Read isatty and the size of `stream`, and `TERM`, `NO_COLOR`, `CLICOLOR_FORCE` and
    /// `FORCE_COLOR` from the environment.
    static TerminalInfo detect(std::FILE* stream);
};

/// True when `info` describes an interactive terminal that understands cursor control: a tty
/// with `TERM` set to something other than `dumb`.
bool is_smart_terminal(const TerminalInfo& info);

/// Decide whether to write colour. `always` and `never` win. For `auto`, in this order:
/// `NO_COLOR` with any non-empty value disables colour; `CLICOLOR_FORCE` set to anything but
/// empty or `0`, or a non-empty `FORCE_COLOR`, enables it; otherwise colour is on exactly on a
/// smart terminal.
bool resolve_color(ColorChoice choice, const TerminalInfo& info);

} // namespace ptest::reporter
