// nextest's top-level `nextest-version` key, by which a configuration file states the nextest
// version it needs (`required`) or wants (`recommended`). ptest reads configuration as one nextest
// version does, its compatibility version; this file holds that constant and checks the key
// against it.
#pragma once

#include "profiles/parse_context.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace ptest::profiles {

/// The nextest version whose documented configuration keys ptest implements (the last one to add
/// a key ptest reads: `relative-to = "workspace-root"` of script commands).
inline constexpr std::string_view k_nextest_compat_version = "0.9.99";

/// A `MAJOR.MINOR.PATCH` version, compared field by field.
using Version = std::array<unsigned long, 3>;

/// `text` as `MAJOR.MINOR.PATCH` (digits only), or nothing when it is not one.
std::optional<Version> parse_version(std::string_view text);

/// Check the `nextest-version` value `node`: a version string (the required one) or a table with
/// `required` and/or `recommended`. A required version above `k_nextest_compat_version` is a
/// setup error at the value; a recommended one above it is a warning; a malformed version is an
/// error.
void parse_nextest_version(const toml::node& node, ParseContext& context);

} // namespace ptest::profiles
