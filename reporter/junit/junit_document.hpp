// The JUnit report as plain data, one step before XML: suites, test cases and their outcome
// elements, with every string already sanitised (contract §4 steps 1–5). This file also holds the
// two whole-document steps: the per-file size budget (§5) and the rendering to XML text with
// pugixml (§1, §2, §4 step 6), including the counts, which are derived here so they always add up.
#pragma once

#include "base/text_sanitizer.hpp"

#include "reporter/events.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ptest::reporter {

/// A child of `testcase` that describes an outcome: `failure`, `error`, `skipped`, or one attempt
/// (`rerunFailure`, `rerunError`, `flakyFailure`, `flakyError`).
struct JunitElement {
    std::string tag;
    std::string message; ///< One line; omitted when empty (only `skipped` may omit it).
    std::string type;    ///< Omitted when empty (only `skipped` omits it).
    std::optional<WallClock::time_point> timestamp; ///< Attempt elements only.
    std::optional<Duration> time;                   ///< Attempt elements only.
    base::BoundedText text;                         ///< The description.
    std::optional<base::BoundedText> system_out;    ///< Attempt elements only.
    std::optional<base::BoundedText> system_err;    ///< Attempt elements only.
};

/// One `testcase`.
struct JunitCase {
    std::string name;
    std::string classname;
    std::optional<WallClock::time_point> timestamp; ///< Absent for tests that never ran.
    Duration time{0};
    /// Where the case is declared, as its framework reported it (sanitised, never made
    /// absolute): written as `file` when not empty, with `line` when also above 0. Empty unless
    /// the profile sets `junit.source-location`.
    std::string file;
    std::uint32_t line = 0;
    /// `<properties>` of the testcase as (name, value), written before the outcome elements;
    /// empty unless the profile sets `junit.flaky-properties` and the test is flaky.
    std::vector<std::pair<std::string, std::string>> properties;
    std::vector<JunitElement> elements; ///< The first decides failure/error/skipped counts.
    std::optional<base::BoundedText> system_out;
    std::optional<base::BoundedText> system_err;
    /// The stored output belongs to a passing test, so the size budget may drop it first.
    bool success_output = false;
};

/// One `testsuite` (one test binary).
struct JunitSuite {
    std::string name;
    WallClock::time_point timestamp;
    Duration time{0};
    std::vector<JunitCase> cases;
};

/// The whole report.
struct JunitDocument {
    std::string name;
    std::string uuid;
    WallClock::time_point timestamp;
    Duration time{0};
    std::vector<JunitSuite> suites;
};

/// The contract's per-file limits; tests shrink them.
struct SizeBudget {
    std::size_t file_bytes = std::size_t{20} * 1024U * 1024U; ///< Stored text per file.
    std::size_t field_cap = base::k_field_cap;                ///< The cap fields were bounded with.
    std::size_t min_field_cap = std::size_t{4} * 1024U;       ///< Halving stops here.
};

/// Text that replaces passing tests' output when the file is over budget.
inline constexpr std::string_view k_output_omitted = "(output omitted: JUnit size budget)";

/// Total bytes of stored text (descriptions and outputs) in `document`.
[[nodiscard]] std::size_t stored_text_size(const JunitDocument& document);

/// Shrinks `document` to `budget.file_bytes` of stored text: first replaces the output of
/// passing tests with `k_output_omitted`, then halves the per-field cap down to
/// `budget.min_field_cap`. Returns false when it still does not fit (the caller warns).
bool apply_size_budget(JunitDocument& document, const SizeBudget& budget);

/// The document as XML text: UTF-8 without BOM, an XML declaration, four-space indentation,
/// LF line ends, and no whitespace added inside text-bearing elements.
[[nodiscard]] std::string render_junit_xml(const JunitDocument& document);

} // namespace ptest::reporter
