// The `leak-timeout` setting: how long ptest waits, after a test exits, for its output pipes to
// close, and whether a test that leaks a process holding them open passes or fails.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// The spellings of `result = "…"`.
inline constexpr base::EnumTable<LeakResult, 2> k_leak_results{{
    {"pass", LeakResult::pass},
    {"fail", LeakResult::fail},
}};

/// Parse `leak-timeout`: a duration string (`"100ms"`, result pass), or
/// `{ period = "500ms", result = "pass" | "fail" }` where `period` is required. Unknown keys warn.
LeakTimeout parse_leak_timeout(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// The setting as a TOML inline table: `{ period = "100ms", result = "pass" }`.
std::string format_leak_timeout(const LeakTimeout& timeout);

} // namespace ptest::profiles
