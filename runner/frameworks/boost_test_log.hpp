// The pieces of Boost.Test's XML log reading (boost_test_log.cpp) that the batch judge
// (boost_batch.cpp) shares with the one-case judge. Not for other callers: it exposes pugixml
// nodes.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <chrono>
#include <optional>

namespace pugi {
class xml_node;
}

namespace ptest::runner {

/// What a complete log says about one case.
struct BoostLoggedCase {
    FrameworkVerdict verdict; ///< `from_report`; failed, skipped and failure lines as for one case.
    std::optional<std::chrono::nanoseconds> duration; ///< The case's `TestingTime`.
};

/// The verdict of `test` in the log whose master suite is `master`: the case ran (failed by
/// Boost.Test's own rule, with `test.expected_failures`), or it or a suite on its path was
/// skipped for a reason other than not being selected. Nullopt when the log does not show it ran.
std::optional<BoostLoggedCase> read_boost_logged_case(const pugi::xml_node& master,
                                                      const TestCase& test);

/// Whether any case that ran failed (counting every failed assertion).
bool boost_log_has_failure(const pugi::xml_node& master);

} // namespace ptest::runner
