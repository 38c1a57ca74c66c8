// What GoogleTest's XML report says about one `testcase` element, shared by the one-case judge
// (judge_gtest_report in gtest.hpp) and the batch judge (gtest_batch.cpp). Not for other callers:
// it exposes pugixml nodes.
#pragma once

#include "runner/frameworks/adapter.hpp"

namespace pugi {
class xml_node;
}

namespace ptest::runner {

/// Fill `verdict`'s `file`, `line`, failure and skip fields from the `testcase` element `test`.
/// `outside_failure`, when not null, is the first `failure` GoogleTest recorded outside any test
/// that fails this case too (a failing SetUpTestSuite). Leaves `from_report`, `disagreement` and
/// `cases_run` alone.
void read_gtest_case(const pugi::xml_node& test, const pugi::xml_node& outside_failure,
                     FrameworkVerdict& verdict);

} // namespace ptest::runner
