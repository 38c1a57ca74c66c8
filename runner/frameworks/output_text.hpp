// Text helpers shared by the framework adapters: recognising a `file:line:` location prefix and
// joining failure blocks into a description. Pure functions over string views.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// A `file:line: rest` location at the start of a line, as the frameworks print it.
struct SourceLocationPrefix {
    std::string_view location; ///< `file:line` (without the colon that follows).
    std::string_view rest;     ///< What follows `file:line: ` (may be empty).
};

/// Split `line` at its last `:<digits>:` before `suffix` when the line is exactly
/// `<file>:<digits>: <suffix>...`; nullopt otherwise. `suffix` is searched as a prefix of the rest.
std::optional<SourceLocationPrefix> split_location(std::string_view line, std::string_view suffix);

/// Join the failure blocks (each a list of lines) into a description: each line ends with LF,
/// and `separator` (for example an empty line) goes between blocks.
std::string join_blocks(const std::vector<std::vector<std::string_view>>& blocks,
                        std::string_view separator);

} // namespace ptest::runner
