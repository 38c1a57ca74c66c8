// One table per configuration enum, mapping each enumerator to the spelling the configuration file
// and the command line use. Parsing and printing share the table, so an error can list every valid
// value and a printed value always parses back.
#pragma once

#include "base/error.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace ptest::base {

/// One enumerator and its spelling.
template <class E>
struct EnumEntry {
    std::string_view name;
    E value;
};

/// A complete enum table, in the order the values are documented.
template <class E, std::size_t N>
using EnumTable = std::array<EnumEntry<E>, N>;

/// The valid spellings of `table`, comma-separated: `none, fail, retry`.
template <class E, std::size_t N>
std::string enum_names(const EnumTable<E, N>& table) {
    std::string names;
    for (const auto& entry : table) {
        if (!names.empty()) {
            names += ", ";
        }
        names += entry.name;
    }
    return names;
}

/// The spelling of `value`; every enumerator is in its table, so this never fails.
template <class E, std::size_t N>
std::string_view enum_name(const EnumTable<E, N>& table, E value) {
    for (const auto& entry : table) {
        if (entry.value == value) {
            return entry.name;
        }
    }
    return "?";
}

/// Parse `text` with `table`. Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown WHAT `text` (valid values: a, b, c)``.
template <class E, std::size_t N>
E parse_enum(const EnumTable<E, N>& table, std::string_view text, std::string_view what) {
    for (const auto& entry : table) {
        if (entry.name == text) {
            return entry.value;
        }
    }
    throw Error(ExitCode::usage, "unknown " + std::string(what) + " `" + std::string(text) +
                                     "` (valid values: " + enum_names(table) + ")");
}

} // namespace ptest::base
