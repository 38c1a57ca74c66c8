// ptest's own one-line messages on stderr: `ptest: error: ...`, `ptest: warning: ...` and
// `ptest: note: ...`. Every such line the command line prints goes through these functions, so
// the prefix and the flushing of stdout before it are decided in one place.
#pragma once

#include <string_view>

namespace ptest::cli {

/// Print `ptest: error: <message>` on stderr, after flushing stdout so that the line comes after
/// whatever was printed before it.
void print_error(std::string_view message);

/// Print `ptest: warning: <message>` on stderr.
void print_warning(std::string_view message);

/// Print `ptest: note: <message>` on stderr.
void print_note(std::string_view message);

/// Print `ptest: internal error: <message>` on stderr (a bug in ptest), after flushing stdout.
void print_internal_error(std::string_view message);

/// Print a diagnostic that already carries its prefix (configuration warnings, formatted with
/// their file position by the loader) as one line on stderr.
void print_diagnostic(std::string_view line);

} // namespace ptest::cli
