// How a listed test looks to a filter expression: the bridge from the runner's `TestRef` to the
// plain `FilterQuery` that profiles/filterset evaluates.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "runner/model/test_list.hpp"

#include <string_view>

namespace ptest::runner {

/// The query for `test`: its binary's id, file name and framework kind, its name and labels,
/// `group` and whether the default filter holds it. Views into `test` and `group`, which must
/// outlive the query.
profiles::FilterQuery filter_query(const TestRef& test, bool is_default = true,
                                   std::string_view group = "@global");

/// Whether the profile's `default_filter` holds `test` (`default()`).
bool in_default_set(const TestRef& test, const profiles::Filterset& default_filter);

} // namespace ptest::runner
