// Sanitising captured test output before it reaches the terminal. Test binaries write anything:
// colour codes meant for a tty, cursor movement, NUL bytes, half a UTF-8 character where the
// capture limit cut the stream. The reporter prints that text between its own status lines, so it
// must not be able to move the cursor, change the terminal's state or break the encoding. UTF-8
// repair, escape stripping and line-end normalisation are the JUnit sanitiser's
// (`reporter/junit/text_sanitizer.hpp`); what differs for a terminal lives here: SGR colours may
// be kept, and control characters are shown rather than deleted.
#pragma once

#include <string>
#include <string_view>

namespace ptest::reporter {

/// Make `text` safe to print on a terminal and return the result:
/// - each maximal invalid UTF-8 subsequence becomes U+FFFD (`repair_utf8`), and C1 control
///   characters become U+FFFD too;
/// - terminal escape sequences are removed (`strip_terminal_escapes`), except that SGR colour
///   sequences (`ESC [ ... m`) are kept when `keep_colors` is true;
/// - CRLF and lone CR become LF;
/// - every other C0 control byte and DEL becomes its Unicode control picture (NUL -> U+2400),
///   so it stays visible; TAB and LF are kept.
std::string sanitize_for_terminal(std::string_view text, bool keep_colors);

} // namespace ptest::reporter
