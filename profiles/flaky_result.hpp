// `flaky-result` (nextest's key of the same name): whether a test that failed and then passed on a
// retry counts as passed ("pass", the default) or as failed ("fail"), for the exit code, the
// summary, fail-fast and the JUnit report. One table maps each enumerator to its spelling, so
// parsing, printing and error messages agree.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string_view>

namespace ptest::profiles {

/// Every `FlakyResult` and its spelling, in documented order.
inline constexpr base::EnumTable<FlakyResult, 2> k_flaky_results{{
    {"pass", FlakyResult::pass},
    {"fail", FlakyResult::fail},
}};

/// Parse a configuration value (a string from the table); errors point at the value and list
/// the valid values.
FlakyResult parse_flaky_result(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// The spelling of `value`.
std::string_view to_string(FlakyResult value);

} // namespace ptest::profiles
