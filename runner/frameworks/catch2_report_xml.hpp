// The pieces of Catch2's XML report reading (catch2_report.cpp) that the batch judge
// (catch2_batch.cpp) shares with the one-case judge. Not for other callers: it exposes pugixml
// nodes.
#pragma once

#include "runner/frameworks/adapter.hpp"
#include "runner/frameworks/catch2_report.hpp"

#include <vector>

namespace pugi {
class xml_node;
}

namespace ptest::runner {

/// Every `TestCase` element of the report under `root` (v2 nests them in a `Group`), in report
/// order.
std::vector<pugi::xml_node> catch2_report_cases(const pugi::xml_node& root, Catch2Major major);

/// Whether the reported case `node` is `test`: its trimmed name, and its file and line when the
/// listing gave them.
bool catch2_report_names(const pugi::xml_node& node, const TestCase& test);

/// Whether the reported case `node` has its `OverallResult` (Catch2 wrote it when the case ended).
bool catch2_case_finished(const pugi::xml_node& node);

/// Fill `verdict` (failed, skipped, messages, file, line, and v2's captured output) from the
/// finished reported case `node`.
void read_catch2_case(const pugi::xml_node& node, Catch2Major major, FrameworkVerdict& verdict);

/// Whether the exit code agrees with every case of a complete report (v2: non-zero exactly when
/// one failed; v3: 42 when one failed, else 0, or 4 when all skipped).
bool catch2_exit_agrees(const std::vector<pugi::xml_node>& cases, int exit_code, Catch2Major major);

} // namespace ptest::runner
