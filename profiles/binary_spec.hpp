// The `[[binary]]` tables: which test binaries a workspace runs, with their framework, working
// directory, extra environment and extra arguments. A ptest extension; nextest finds binaries
// through cargo instead.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/config.hpp"
#include "profiles/parse_context.hpp"

#include <string_view>
#include <vector>

namespace ptest::profiles {

/// The spellings of `kind = "…"`.
inline constexpr base::EnumTable<FrameworkKind, 5> k_framework_kinds{{
    {"auto", FrameworkKind::auto_detect},
    {"gtest", FrameworkKind::gtest},
    {"catch2", FrameworkKind::catch2},
    {"doctest", FrameworkKind::doctest},
    {"command", FrameworkKind::command},
}};

/// Parse the top-level `binary` value: an array of tables, each with a required non-empty `path`
/// and optional `id`, `kind`, `cwd`, `env` (a table of strings) and `args` (an array of strings).
/// Two tables with the same `id` are an error. Unknown keys warn.
std::vector<BinarySpec> parse_binaries(const toml::node& node, ParseContext& context);

/// Parse a `--kind` value. Throws `ptest::Error` (`ExitCode::usage`) listing the valid kinds.
FrameworkKind parse_framework_kind(std::string_view text);

} // namespace ptest::profiles
