// The registry of framework adapters: the one place that knows which frameworks exist. A framework
// is named everywhere else by its adapter's config name (a string); here are the lookup by that
// name, the check of a name a user wrote, detection from an executable's bytes, and the
// per-binary helpers every caller needs. Adding a framework means writing its adapter and adding
// it here.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Every adapter, in detection precedence (GoogleTest, Catch2, doctest, Boost.Test), then
/// `command`.
/// The adapters live for the whole program.
std::span<const FrameworkAdapter* const> framework_adapters();

/// The adapter named `config_name` in config (`gtest`, `catch2`, `doctest`, `boost`, `command`);
/// null for any other spelling (including `auto` and the empty name of a binary not yet detected).
const FrameworkAdapter* find_framework(std::string_view config_name);

/// The adapter named `config_name`, which must name one (throws `std::logic_error`: an internal
/// error, since every listed binary has a framework).
const FrameworkAdapter& framework_adapter(std::string_view config_name);

/// The spelling that asks for detection instead of naming a framework: `auto`.
inline constexpr std::string_view k_detect_spelling = "auto";

/// Check a framework name as a user wrote it (`kind = "…"` in config or in a
/// `ptest_discover_tests()` record): the config name of its adapter, or empty for `auto`
/// (detect). Throws `ptest::Error` (`ExitCode::usage`):
/// ``unknown binary kind `x` (valid values: auto, gtest, catch2, doctest, boost, command)``.
std::string_view parse_framework_kind(std::string_view text);

/// The config name of the adapter that runs a program whole (`runs_whole()`): what a command
/// that is no test binary, or that ptest cannot expand, runs as.
std::string_view whole_command_framework();

/// The adapter that lists and runs `binary`: its kind's, except for a Catch2 binary of
/// `framework_version` 3, which gets the Catch2 v3 adapter (same config name, `catch2`).
const FrameworkAdapter& framework_adapter(const TestBinary& binary);

/// Whether `binary`'s adapter depends on the framework's major version (Catch2's does), so the
/// executable's bytes must be read for `detect_framework_version` even when its kind is configured.
bool framework_has_versions(const TestBinary& binary);

/// The major version of `binary`'s framework in an executable with these bytes, when it matters:
/// 3 for Catch2 when a Catch2 v3 marker is found (see `catch2_v3_markers`), else 0.
int detect_framework_version(const TestBinary& binary, std::string_view binary_bytes);

/// The framework a binary's bytes (the executable file's contents) point to, weighed as
/// `weigh_frameworks` (detection.hpp) does: the config name of the framework it decides or would
/// confirm by listing, or empty when the bytes hold no framework's markers or leave it undecided.
std::string_view detect_framework(std::string_view binary_bytes);

/// The display names of every detectable framework for messages: `GoogleTest, Catch2, doctest or
/// Boost.Test`.
std::string detectable_framework_names();

/// The arguments (after the binary path and its `args`) that run `test` of `binary`: nothing for
/// a preselected binary (its `args` select the case already), else its framework's
/// `run_arguments`.
std::vector<std::string> case_arguments(const TestBinary& binary, const TestCase& test);

} // namespace ptest::runner
