// The `[ctest]` table: how `--build-dir` treats the tests a CMake build tree registers. A ptest
// extension (nextest has no CTest import).
#pragma once

#include "profiles/config.hpp"
#include "profiles/parse_context.hpp"

namespace ptest::profiles {

/// Parse the top-level `ctest` value: a table with an optional `run-whole` (an array of glob
/// strings over CTest test names) and an optional `rerun-alone` (a boolean, default true).
/// Unknown keys warn.
CTestConfig parse_ctest_config(const toml::node& node, ParseContext& context);

} // namespace ptest::profiles
