// The `[archive]` table: the files `ptest archive` puts beside the test binaries (test data the
// tests read). A ptest extension (nextest's archive has `include` under `[profile.NAME.archive]`).
#pragma once

#include "profiles/config.hpp"
#include "profiles/parse_context.hpp"

namespace ptest::profiles {

/// Parse the top-level `archive` value: a table with an optional `include` (an array of path or
/// glob strings relative to the workspace root). Unknown keys warn.
ArchiveConfig parse_archive_config(const toml::node& node, ParseContext& context);

} // namespace ptest::profiles
