// Small text helpers shared by the framework adapters: splitting captured output into lines,
// trimming, recognising a `file:line:` location prefix and building the one-line failure message
// and the failure description. Pure functions over string views; nothing here knows a framework.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Split `text` into lines on LF, dropping one trailing CR from each line. A final line without
/// LF is kept; a trailing LF does not produce an empty last line. The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

/// `text` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view text);

/// `text` in ASCII lower case.
std::string to_lower_ascii(std::string_view text);

/// Parse the leading decimal number of `text` (no sign); nullopt when it does not start with a
/// digit or the number does not fit an int.
std::optional<int> leading_int(std::string_view text);

/// A `file:line: rest` location at the start of a line, as the frameworks print it.
struct SourceLocationPrefix {
    std::string_view location; ///< `file:line` (without the colon that follows).
    std::string_view rest;     ///< What follows `file:line: ` (may be empty).
};

/// Split `line` at its last `:<digits>:` before `suffix` when the line is exactly
/// `<file>:<digits>: <suffix>...`; nullopt otherwise. `suffix` is searched as a prefix of the rest.
std::optional<SourceLocationPrefix> split_location(std::string_view line, std::string_view suffix);

/// Make `text` one line: TABs, CRs and LFs become spaces, runs of spaces stay as they are, and the
/// result is trimmed.
std::string one_line(std::string_view text);

/// Join the failure blocks (each a list of lines) into a description: each line ends with LF,
/// and `separator` (for example an empty line) goes between blocks.
std::string join_blocks(const std::vector<std::vector<std::string_view>>& blocks,
                        std::string_view separator);

} // namespace ptest::runner
