// The `[[binary]]` tables: which test binaries a workspace runs, with their framework, working
// directory, extra environment and extra arguments. A ptest extension; nextest finds binaries
// through cargo instead.
#pragma once

#include "profiles/config.hpp"
#include "profiles/parse_context.hpp"

#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Parse the top-level `binary` value: an array of tables, each with a required non-empty `path`
/// and optional `id`, `kind`, `cwd`, `env` (a table of strings) and `args` (an array of strings).
/// Two tables with the same `id` are an error. Unknown keys warn. `kind` must be a string; which
/// names are frameworks is the runner's to check (see `WrittenValue`).
std::vector<BinarySpec> parse_binaries(const toml::node& node, ParseContext& context);

} // namespace ptest::profiles
