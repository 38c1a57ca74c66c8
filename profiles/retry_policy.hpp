// The `retries` setting: how many times a failed test runs again, and how long to wait between
// attempts (a fixed delay or an exponential backoff, optionally with jitter).
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// The spellings of `backoff = "…"`.
inline constexpr base::EnumTable<Backoff, 2> k_backoffs{{
    {"fixed", Backoff::fixed},
    {"exponential", Backoff::exponential},
}};

/// Parse `retries`: an integer count, or `{ backoff = "fixed", count, delay, jitter }`, or
/// `{ backoff = "exponential", count, delay, max-delay, jitter }`. `backoff` and `count` are
/// required in the table form; an exponential backoff needs a non-zero `delay`, and `max-delay`
/// (exponential only) may not be below it. Unknown keys warn. Errors point at the value.
RetryPolicy parse_retry_policy(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// Parse a retry count from the command line or the environment (`--retries 3`). Throws
/// `ptest::Error` (`ExitCode::usage`) unless `text` is a non-negative integer.
std::uint32_t parse_retry_count(std::string_view text);

/// The policy as TOML: `3`, or an inline table when it has a delay, a backoff or jitter.
std::string format_retry_policy(const RetryPolicy& policy);

} // namespace ptest::profiles
