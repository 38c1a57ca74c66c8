// doctest's XML report read as a verdict. Every rule here was checked against doctest 2.4.9 and
// 2.5.2 binaries, and the pass/fail rule also against 2.4.6; tests/data/reports/doctest-* hold
// captured reports and tests/data/reports/FINDINGS.md what they show. The report is small (only the
// cases that ran), so one pugixml parse is cheap.
#include "runner/frameworks/doctest_report.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <initializer_list>

namespace ptest::runner {

namespace {

/// The reporter and output options with each prefix doctest accepts for them.
constexpr std::array<std::string_view, 16> k_own_report_options = {
    "--reporters=",    "-reporters=",    "--r=",    "-r=",
    "--out=",          "-out=",          "--o=",    "-o=",
    "--dt-reporters=", "-dt-reporters=", "--dt-r=", "-dt-r=",
    "--dt-out=",       "-dt-out=",       "--dt-o=", "-dt-o="};

/// One `TestCase` element of a case that ran, with the suite of its `TestSuite`.
struct RanCase {
    pugi::xml_node node;
    std::string_view suite;
    [[nodiscard]] std::string_view name() const { return node.attribute("name").as_string(); }
    [[nodiscard]] std::string_view file() const { return node.attribute("filename").as_string(); }
    [[nodiscard]] std::uint32_t line() const { return node.attribute("line").as_uint(); }
    /// `suite/name` for a case in a suite, as ptest names it; the name alone otherwise.
    [[nodiscard]] std::string full_name() const {
        return suite.empty() ? std::string(name()) : std::string(suite) + "/" + std::string(name());
    }
    [[nodiscard]] bool finished() const { return node.child("OverallResultsAsserts"); }
    [[nodiscard]] bool failed() const { return doctest_case_failed(node); }
};

/// The cases the report says ran, in report order. doctest nests every case in a `TestSuite`;
/// cases it did not run (`skipped="true"`) are only there when `--no-skipped-summary` is off.
std::vector<RanCase> ran_cases(pugi::xml_node root) {
    std::vector<RanCase> cases;
    for (pugi::xml_node suite : root.children("TestSuite")) {
        for (pugi::xml_node node : suite.children("TestCase")) {
            if (!node.attribute("skipped").as_bool(false)) {
                cases.push_back({node, suite.attribute("name").as_string()});
            }
        }
    }
    return cases;
}

std::string backticked(std::string_view name) {
    return "`" + std::string(name) + "`";
}

std::string place(std::string_view file, std::uint32_t line) {
    return std::string(file) + ":" + std::to_string(line);
}

std::string element_text(pugi::xml_node node) {
    return std::string(base::trim(node.text().as_string()));
}

/// `parts` joined, in one allocation.
std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (std::string_view part : parts) {
        size += part.size();
    }
    std::string out;
    out.reserve(size);
    for (std::string_view part : parts) {
        out += part;
    }
    return out;
}

/// Append the failures of `node` (a test case or a subcase) as doctest's console prints them:
/// the first line of each block is `file:line: SEVERITY: what`.
void collect_failures(pugi::xml_node node, const std::string& case_place,
                      std::vector<std::string>& blocks) {
    for (pugi::xml_node child : node.children()) {
        const std::string_view kind = child.name();
        const std::string where =
            place(child.attribute("filename").as_string(), child.attribute("line").as_uint());
        if (kind == "SubCase") {
            collect_failures(child, case_place, blocks);
        } else if (kind == "Expression" && !child.attribute("success").as_bool(true)) {
            const std::string type = child.attribute("type").as_string();
            if (type.starts_with("WARN")) {
                continue; // A failed WARN is no failure.
            }
            const std::string severity = type.starts_with("REQUIRE") ? "FATAL ERROR" : "ERROR";
            const std::string head = concat(
                {where, ": ", severity, ": ", type, "( ", element_text(child.child("Original"))});
            if (pugi::xml_node thrown = child.child("Exception")) {
                blocks.push_back(
                    concat({head, " ) THREW exception: \"", element_text(thrown), "\""}));
            } else if (pugi::xml_node expanded = child.child("Expanded")) {
                blocks.push_back(concat({head, " ) is NOT correct!\n  values: ", type, "( ",
                                         element_text(expanded), " )"}));
            } else {
                blocks.push_back(concat({head, " ) failed"}));
            }
        } else if (kind == "Message") {
            const std::string type = child.attribute("type").as_string();
            if (type.find("ERROR") != std::string::npos) {
                blocks.push_back(
                    concat({where, ": ", type, ": ", element_text(child.child("Text"))}));
            }
        } else if (kind == "Exception") {
            blocks.push_back(case_place +
                             (child.attribute("crash").as_bool(false)
                                  ? ": FATAL ERROR: test case CRASHED: "
                                  : ": ERROR: test case THREW exception: ") +
                             element_text(child));
        }
    }
}

/// Whether a report case is `test`: its name, and for a listed case (one with a file) its suite.
bool names_test(const RanCase& ran, const TestCase& test) {
    const std::string& own = test.case_name.empty() ? test.name : test.case_name;
    return ran.name() == own && (test.file.empty() || ran.suite == test.suite);
}

/// Whether a report case sits where the listing put `test` (anything goes where it said nothing).
bool placed_as_listed(const RanCase& ran, const TestCase& test) {
    return (test.file.empty() || ran.file() == test.file) &&
           (test.line == 0 || ran.line() == test.line);
}

/// The one report case that is `test`, or the disagreement that says why there is none.
const RanCase* find_case(const std::vector<RanCase>& cases, const TestCase& test,
                         std::string& disagreement) {
    const std::string& own = test.case_name.empty() ? test.name : test.case_name;
    std::vector<const RanCase*> named;
    for (const RanCase& ran : cases) {
        if (names_test(ran, test)) {
            named.push_back(&ran);
        }
    }
    if (named.empty()) {
        if (cases.empty()) {
            disagreement = "doctest's report names no test case (the filters matched nothing)";
        } else if (cases.size() == 1) {
            disagreement = "doctest's report names test case " +
                           backticked(cases.front().full_name()) + ", not " + backticked(test.name);
        } else {
            disagreement = "doctest's report names " + std::to_string(cases.size()) +
                           " test cases, none of them " + backticked(test.name);
        }
        return nullptr;
    }
    std::erase_if(named, [&](const RanCase* ran) { return !placed_as_listed(*ran, test); });
    if (named.empty()) {
        disagreement = "doctest's report names " + backticked(own) + " at another place than " +
                       place(test.file, test.line);
        return nullptr;
    }
    if (named.size() > 1) {
        disagreement = "doctest's report names " + std::to_string(named.size()) + " test cases " +
                       backticked(own) + " at " + place(test.file, test.line) +
                       " and nothing tells which one is this case";
        return nullptr;
    }
    return named.front();
}

/// The exit code's disagreement with the report, or empty when they agree: doctest exits
/// non-zero exactly when a case that ran failed.
std::string exit_disagreement(bool failed, bool any_failed, int exit_code) {
    if (failed && exit_code == 0) {
        return "doctest's report says the test case failed, but the process exited with code 0";
    }
    if (any_failed && exit_code == 0) {
        return "doctest's report says another test case that ran failed, but the process exited "
               "with code 0";
    }
    if (!any_failed && exit_code != 0) {
        return "doctest's report says the test case passed, but the process exited with code " +
               std::to_string(exit_code);
    }
    return {};
}

/// The disagreement of a report doctest did not finish, or empty when it did.
std::string truncation(const std::vector<RanCase>& cases) {
    if (!cases.empty() && !cases.back().finished()) {
        return "the process exited before the test case finished (doctest's report stops inside "
               "test case " +
               backticked(cases.back().name()) + ")";
    }
    return "doctest's report is truncated: the process exited before doctest finished it";
}

} // namespace

bool doctest_case_failed(const pugi::xml_node& test_case) {
    const pugi::xml_node results = test_case.child("OverallResultsAsserts");
    if (const pugi::xml_attribute success = results.attribute("test_case_success")) {
        return !success.as_bool(false);
    }
    return !results || results.attribute("failures").as_uint() > 0 || test_case.child("Exception");
}

std::vector<std::string> doctest_report_arguments(std::string_view path) {
    return {"--dt-reporters=xml", "--dt-out=" + std::string(path), "--dt-no-skipped-summary=true"};
}

std::span<const std::string_view> doctest_own_report_options() {
    return k_own_report_options;
}

FrameworkVerdict judge_doctest_report(const TestCase& test,
                                      const std::optional<std::string>& report, int exit_code) {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    verdict.cases_run = 0;
    verdict.file = test.file;
    verdict.line = test.line;
    const std::string code = std::to_string(exit_code);
    if (!report) {
        verdict.disagreement =
            "doctest wrote no XML report (the process exited with code " + code + ")";
        return verdict;
    }
    pugi::xml_document document;
    const bool complete = static_cast<bool>(document.load_buffer(report->data(), report->size()));
    const pugi::xml_node root = document.child("doctest");
    if (!root) {
        verdict.disagreement =
            "doctest's report holds no test run (the process exited with code " + code + ")";
        return verdict;
    }
    const std::vector<RanCase> cases = ran_cases(root);
    if (!complete) {
        verdict.disagreement = truncation(cases);
        return verdict;
    }
    const RanCase* found = find_case(cases, test, verdict.disagreement);
    if (found == nullptr) {
        return verdict;
    }
    if (!found->finished()) {
        verdict.disagreement = "doctest's report has no result for the test case";
        return verdict;
    }
    verdict.cases_run = 1;
    verdict.file = found->file();
    verdict.line = found->line();
    verdict.failed = found->failed();
    const bool any_failed =
        std::any_of(cases.begin(), cases.end(), [](const RanCase& ran) { return ran.failed(); });
    if (verdict.failed) {
        std::vector<std::string> blocks;
        collect_failures(found->node, place(verdict.file, verdict.line), blocks);
        verdict.failure_message =
            blocks.empty() ? "doctest's report says the test case failed without a failed "
                             "assertion (a should_fail, expected_failures or timeout decorator)"
                           : base::one_line(blocks.front());
        for (const std::string& block : blocks) {
            verdict.failure_description += (verdict.failure_description.empty() ? "" : "\n");
            verdict.failure_description += block + "\n";
        }
    }
    verdict.disagreement = exit_disagreement(verdict.failed, any_failed, exit_code);
    return verdict;
}

} // namespace ptest::runner
