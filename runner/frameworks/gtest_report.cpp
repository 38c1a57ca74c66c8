// GoogleTest's XML report (`--gtest_output=xml:FILE`) judged for one attempt and cross-checked
// with the exit code. GoogleTest writes the report only when the program ends normally, so its
// absence means the process never got there. The shapes read here are those of GoogleTest 1.12
// and 1.18.0, captured in tests/data/reports/gtest-1.12 and gtest-1.18.0 (FINDINGS.md there).
#include "runner/frameworks/gtest_report.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/gtest.hpp"

#include <pugixml.hpp>

#include <vector>

namespace ptest::runner {

namespace {

constexpr std::string_view k_unknown_file = "unknown file";

/// The `testcase` elements of a report, split into the case judged and the rest.
struct ReportCases {
    pugi::xml_node found;      ///< The case whose full name is the one judged; empty when none.
    int run = 0;               ///< Every case with status `run`, the judged one included.
    bool other_failed = false; ///< A case other than the judged one has failures.
    /// The first failure GoogleTest recorded outside any test (a failing SetUpTestSuite or
    /// global environment): it fails every case of the run.
    pugi::xml_node outside_failure;
    std::string first_other; ///< The full name of the first other case that ran.
};

ReportCases find_cases(const pugi::xml_node& root, std::string_view name) {
    ReportCases cases;
    for (pugi::xml_node suite : root.children("testsuite")) {
        const std::string_view suite_name = suite.attribute("name").as_string();
        for (pugi::xml_node test : suite.children("testcase")) {
            const std::string_view test_name = test.attribute("name").as_string();
            pugi::xml_node failure = test.child("failure");
            if (test_name.empty()) {
                if (failure && !cases.outside_failure) {
                    cases.outside_failure = failure;
                }
                continue;
            }
            if (std::string_view(test.attribute("status").as_string()) != "run") {
                continue;
            }
            ++cases.run;
            const bool judged = name.size() == suite_name.size() + 1 + test_name.size() &&
                                name.starts_with(suite_name) && name[suite_name.size()] == '.' &&
                                name.ends_with(test_name);
            if (judged && !cases.found) {
                cases.found = test;
                continue;
            }
            cases.other_failed = cases.other_failed || static_cast<bool>(failure);
            if (cases.first_other.empty()) {
                cases.first_other = std::string(suite_name) + "." + std::string(test_name);
            }
        }
    }
    return cases;
}

/// The lines of `text` after its first (the `file:line` location), trimmed and joined by spaces.
std::string lines_after_location(std::string_view text) {
    std::string joined;
    bool first = true;
    for (std::string_view line : base::split_lines(text)) {
        if (first) {
            first = false;
            continue;
        }
        std::string_view trimmed = base::trim(line);
        if (!trimmed.empty()) {
            joined += joined.empty() ? "" : " ";
            joined += trimmed;
        }
    }
    return joined;
}

/// `file:line: <every detail line>` from a failure's "file:line\nmessage" text, made one line (so
/// `Expected equality of these values:` keeps the values it is about); the detail alone for an
/// exception thrown outside an assertion (`unknown file`).
std::string failure_line(std::string_view failure) {
    const std::size_t newline = failure.find('\n');
    const std::string_view location = failure.substr(0, newline);
    const std::string_view detail =
        newline == std::string_view::npos ? std::string_view() : failure.substr(newline + 1);
    const bool has_detail = !base::trim(detail).empty();
    if (location == k_unknown_file) {
        return base::one_line(has_detail ? detail : failure);
    }
    return base::one_line(std::string(location) + ": " +
                          std::string(has_detail ? detail : "Failure"));
}

/// Record the failures starting at `failure` (siblings of one element) in `verdict`.
void read_failures(pugi::xml_node failure, FrameworkVerdict& verdict) {
    verdict.failed = true;
    verdict.failure_message = failure_line(failure.attribute("message").as_string());
    for (; failure; failure = failure.next_sibling("failure")) {
        std::string_view text = failure.attribute("message").as_string();
        verdict.failure_description += text;
        if (!text.empty() && text.back() != '\n') {
            verdict.failure_description += '\n';
        }
    }
}

/// The verdict of a run without a report: a non-zero exit fails as it always did; a zero exit
/// without the report GoogleTest writes at program end is a process that ended early.
FrameworkVerdict missing_report(int exit_code) {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    verdict.finished = false;
    if (exit_code != 0) {
        verdict.failed = true;
    } else {
        // GoogleTest writes its report at program end: without it the case never finished.
        verdict.disagreement = "the process exited with code 0 before the test case finished";
    }
    return verdict;
}

/// Why a report without the judged case disagrees.
std::string absent_case(const ReportCases& cases, std::string_view name) {
    if (cases.run == 0) {
        return "no test case ran (GoogleTest's filter matched nothing)";
    }
    return "GoogleTest's report names test case `" + cases.first_other + "`, not `" +
           std::string(name) + "`";
}

/// The exit code's disagreement with the verdict, or empty when they agree. Other cases the
/// filter also ran (a `?` in it) may explain a non-zero exit.
std::string exit_disagreement(const FrameworkVerdict& verdict, const ReportCases& cases,
                              int exit_code) {
    if (verdict.failed && exit_code == 0) {
        return "GoogleTest's report says the test case failed, but the process exited with code 0";
    }
    if (!verdict.failed && exit_code != 0 && !cases.other_failed) {
        return std::string("GoogleTest's report says the test case ") +
               (verdict.skipped ? "skipped" : "passed") + ", but the process exited with code " +
               std::to_string(exit_code);
    }
    return {};
}

} // namespace

void read_gtest_case(const pugi::xml_node& test, const pugi::xml_node& outside_failure,
                     FrameworkVerdict& verdict) {
    verdict.file = test.attribute("file").as_string();
    verdict.line = test.attribute("line").as_uint();
    if (pugi::xml_node failure = test.child("failure")) {
        read_failures(failure, verdict);
    } else if (outside_failure) {
        read_failures(outside_failure, verdict);
    } else if (std::string_view(test.attribute("result").as_string()) == "skipped") {
        verdict.skipped = true;
        verdict.skip_message = base::one_line(
            lines_after_location(test.child("skipped").attribute("message").as_string()));
    }
}

FrameworkVerdict judge_gtest_report(const TestCase& test, const std::optional<std::string>& report,
                                    int exit_code) {
    if (!report) {
        return missing_report(exit_code);
    }
    FrameworkVerdict verdict;
    verdict.from_report = true;
    pugi::xml_document document;
    pugi::xml_node root;
    if (document.load_buffer(report->data(), report->size())) {
        root = document.child("testsuites");
    }
    if (!root) {
        verdict.disagreement = "GoogleTest's XML report is unreadable (the process exited with "
                               "code " +
                               std::to_string(exit_code) + ")";
        return verdict;
    }
    const ReportCases cases = find_cases(root, test.name);
    verdict.cases_run = cases.run;
    if (!cases.found) {
        verdict.disagreement = absent_case(cases, test.name);
        return verdict;
    }
    read_gtest_case(cases.found, cases.outside_failure, verdict);
    verdict.disagreement = exit_disagreement(verdict, cases, exit_code);
    return verdict;
}

} // namespace ptest::runner
