// The `[profile.NAME.junit]` table: where the JUnit report goes, its name, and which captured
// output it stores. Unlike the other settings, each junit key is layered on its own (each is its
// own entry in the key table, profile_keys.hpp), so a profile that only sets `junit.path` keeps the
// inherited `store-failure-output`.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse `junit.path` or `junit.report-name` (the value `node` at `path`): a non-empty string.
std::string parse_junit_text(const toml::node& node, ParseContext& context, std::string_view path);

/// The value of one junit key (`junit.path`, …) of `config` as TOML; an unset path is `(none)`.
std::string format_junit_value(const JunitConfig& config, std::string_view key);

} // namespace ptest::profiles
