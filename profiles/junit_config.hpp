// The `[profile.NAME.junit]` table: where the JUnit report goes, its name, and which captured
// output it stores. Unlike the other settings, each junit key is layered on its own, so a profile
// that only sets `junit.path` keeps the inherited `store-failure-output`.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"
#include "profiles/profile_layer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// The junit keys, as `show-config` lists them.
inline constexpr std::string_view k_junit_keys[] = {
    "junit.path", "junit.report-name", "junit.store-success-output", "junit.store-failure-output"};

/// Parse the junit table `node` at `path` (such as `profile.ci.junit`) and append one assignment
/// per key to `layer`: `path` and `report-name` are non-empty strings, the `store-*` keys booleans.
/// Unknown keys (such as nextest's `report-format`) warn.
void parse_junit_config(const toml::node& node, ParseContext& context, std::string_view path,
                        ProfileLayer& layer);

/// The value of one junit key (`junit.path`, …) of `config` as TOML; an unset path is `(none)`.
std::string format_junit_value(const JunitConfig& config, std::string_view key);

} // namespace ptest::profiles
