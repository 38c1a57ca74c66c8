// Helpers the adapters share to read a CTest test's command line: the three mapping results, an
// option's value, and backslash escapes as Catch2 and doctest filters use them. Pure functions.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ptest::runner {

/// `command`: run the binary whole, for `reason`.
CommandMapping run_whole(std::string reason);

/// `one_case`: the arguments select exactly the case `name`.
CommandMapping run_one_case(std::string name);

/// `expand`: list the binary and run each case on its own.
CommandMapping expand_cases();

/// The value of `arg` when it is `prefix` followed by a value (possibly empty); else nullopt.
std::optional<std::string_view> option_value(std::string_view arg, std::string_view prefix);

/// `text` with each backslash escape replaced by the character it escapes.
std::string remove_backslash_escapes(std::string_view text);

/// True when `text` holds `c` not preceded by a backslash.
bool has_unescaped(std::string_view text, char c);

} // namespace ptest::runner
