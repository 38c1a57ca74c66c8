// The `fail-fast` setting: after how many failing tests ptest stops starting new ones, and whether
// the tests already running are then left to finish or terminated.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// The spellings of `terminate = "…"`.
inline constexpr base::EnumTable<FailFastTerminate, 2> k_fail_fast_terminates{{
    {"wait", FailFastTerminate::wait},
    {"immediate", FailFastTerminate::immediate},
}};

/// Parse `fail-fast`: `true` (stop after 1 failure), `false` (never stop), or
/// `{ max-fail = N | "all", terminate = "wait" | "immediate" }` with `max-fail` required and
/// positive, `terminate` defaulting to "wait". Unknown keys warn.
FailFast parse_fail_fast(const toml::node& node, ParseContext& context, std::string_view path);

/// Parse a `--max-fail` / `PTEST_MAX_FAIL` value: `N`, `all`, `N:wait` or `N:immediate`, N > 0.
/// Throws `ptest::Error` (`ExitCode::usage`) for anything else.
FailFast parse_max_fail(std::string_view text);

/// The setting as TOML: `true`, `false`, or `{ max-fail = 3, terminate = "immediate" }`.
std::string format_fail_fast(const FailFast& fail_fast);

} // namespace ptest::profiles
