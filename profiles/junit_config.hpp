// The `[profile.NAME.junit]` table: where the JUnit report goes, its name, and which captured
// output it stores. Unlike the other settings, each junit key is layered on its own (each is its
// own entry in the key table, profile_keys.hpp), so a profile that only sets `junit.path` keeps the
// inherited `store-failure-output`.
#pragma once

#include "base/enum_table.hpp"

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Every `ReportSkipped` and its spelling (nextest's), in documented order.
inline constexpr base::EnumTable<ReportSkipped, 3> k_report_skipped{{
    {"none", ReportSkipped::none},
    {"ignored", ReportSkipped::ignored},
    {"all", ReportSkipped::all},
}};

/// Every `FlakyFailStatus` and its spelling (nextest's), in documented order.
inline constexpr base::EnumTable<FlakyFailStatus, 2> k_flaky_fail_statuses{{
    {"failure", FlakyFailStatus::failure},
    {"success", FlakyFailStatus::success},
}};

/// Parse `junit.report-skipped`: one of `k_report_skipped`; errors list the valid values.
ReportSkipped parse_report_skipped(const toml::node& node, ParseContext& context,
                                   std::string_view path);

/// Parse `junit.flaky-fail-status`: one of `k_flaky_fail_statuses`.
FlakyFailStatus parse_flaky_fail_status(const toml::node& node, ParseContext& context,
                                        std::string_view path);

/// Parse `junit.path` or `junit.report-name` (the value `node` at `path`): a non-empty string.
std::string parse_junit_text(const toml::node& node, ParseContext& context, std::string_view path);

/// The value of one junit key (`junit.path`, …) of `config` as TOML; an unset path is `(none)`.
std::string format_junit_value(const JunitConfig& config, std::string_view key);

} // namespace ptest::profiles
