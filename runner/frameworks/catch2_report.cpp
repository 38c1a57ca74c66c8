// Catch2's XML report, judged. Every rule here was checked against Catch2 2.13.10 and 3.7.1:
// tests/data/reports/FINDINGS.md, the captured reports beside it, and the catch2_hostile and
// catch2v3_hostile fixtures.
#include "runner/frameworks/catch2_report.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/catch2_report_xml.hpp"
#include "runner/frameworks/catch2_spec.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <iterator>
#include <vector>

namespace ptest::runner {

namespace {

std::string element_text(pugi::xml_node node) {
    return std::string(base::trim(node.text().as_string()));
}

std::string backquoted(std::string_view name) {
    return "`" + std::string(name) + "`";
}

/// `text` with every line indented by two spaces, as Catch2's console indents details.
std::string indented(std::string_view text) {
    std::string out;
    for (std::string_view line : base::split_lines(text)) {
        out += "  ";
        out += line;
        out += '\n';
    }
    return out;
}

/// One failed assertion, exception or fatal error of the case.
struct Failure {
    std::string location; ///< `file:line`.
    std::string what;     ///< One line: the expression or the explanation, with its detail.
    std::string details;  ///< The lines under Catch2's `file:line: FAILED:` header.
};

/// The explanation Catch2's console gives an element that fails on its own, or empty.
std::string_view explanation(std::string_view kind) {
    if (kind == "Exception") {
        return "due to unexpected exception with message:";
    }
    if (kind == "FatalErrorCondition") {
        return "due to a fatal error condition:";
    }
    if (kind == "Failure") {
        return "explicitly with message:";
    }
    return {};
}

/// The failure `node` describes (an `Expression` with success="false", an `Exception`, a
/// `FatalErrorCondition` or a `Failure`), with the `Info` messages in scope; nullopt for any other
/// element.
std::optional<Failure> failure_of(pugi::xml_node node, const std::vector<std::string>& messages) {
    const std::string_view kind = node.name();
    Failure failure;
    failure.location = std::string(node.attribute("filename").as_string()) + ":" +
                       node.attribute("line").as_string();
    if (kind == "Expression") {
        if (node.attribute("success").as_bool(true)) {
            return std::nullopt;
        }
        const std::string type = node.attribute("type").as_string();
        const std::string original = element_text(node.child("Original"));
        const std::string expanded = element_text(node.child("Expanded"));
        failure.what = type.empty() ? original : type + "( " + original + " )";
        failure.details = indented(failure.what);
        if (!expanded.empty() && expanded != original) {
            failure.details += "with expansion:\n" + indented(expanded);
        }
        for (pugi::xml_node child : node.children()) {
            const std::string_view why = explanation(child.name());
            if (!why.empty()) {
                failure.what += " " + std::string(why) + " " + element_text(child);
                failure.details += std::string(why) + "\n" + indented(element_text(child));
            }
        }
    } else if (const std::string_view why = explanation(kind); !why.empty()) {
        failure.what = std::string(why) + " " + element_text(node);
        failure.details = std::string(why) + "\n" + indented(element_text(node));
    } else {
        return std::nullopt;
    }
    if (!messages.empty()) {
        failure.details += messages.size() == 1 ? "with message:\n" : "with messages:\n";
        for (const std::string& message : messages) {
            failure.details += indented(message);
        }
    }
    return failure;
}

/// The failures of `node` (a test case or a section), sections included, in report order.
void collect_failures(pugi::xml_node node, std::vector<Failure>& failures) {
    std::vector<std::string> messages;
    for (pugi::xml_node child : node.children()) {
        const std::string_view kind = child.name();
        if (kind == "Info" || kind == "Warning") {
            messages.push_back(element_text(child));
        } else if (kind == "Section") {
            collect_failures(child, failures);
            messages.clear();
        } else if (kind == "Expression" || !explanation(kind).empty()) {
            if (std::optional<Failure> failure = failure_of(child, messages)) {
                failures.push_back(std::move(*failure));
            }
            messages.clear();
        }
    }
}

/// The failure blocks as Catch2's console prints them, separated by empty lines.
std::string failure_blocks(const std::vector<Failure>& failures, std::string_view header) {
    std::string text;
    for (const Failure& failure : failures) {
        if (!text.empty()) {
            text += '\n';
        }
        text += failure.location + ": " + std::string(header) + "\n" + failure.details;
    }
    return text;
}

/// What one reported case says.
struct CaseResult {
    bool finished = false;
    bool failed = false;
    bool skipped = false;
};

CaseResult result_of(pugi::xml_node test_case) {
    CaseResult result;
    const pugi::xml_node overall = test_case.child("OverallResult");
    result.finished = static_cast<bool>(overall);
    result.failed = !overall.attribute("success").as_bool(false);
    result.skipped = !result.failed && overall.attribute("skips").as_int(0) > 0;
    return result;
}

/// Every `TestCase` of the report, in report order (v2 nests them in a `Group`).
std::vector<pugi::xml_node> reported_cases(pugi::xml_node root, Catch2Major major) {
    std::vector<pugi::xml_node> cases;
    auto add = [&](pugi::xml_node parent) {
        for (pugi::xml_node node : parent.children("TestCase")) {
            cases.push_back(node);
        }
    };
    if (major == Catch2Major::v3) {
        add(root);
    } else {
        for (pugi::xml_node group : root.children("Group")) {
            add(group);
        }
    }
    return cases;
}

/// Whether the reported case `node` is `test`: its trimmed name, and its file and line when the
/// listing gave them.
bool is_case(pugi::xml_node node, const TestCase& test) {
    if (base::trim(node.attribute("name").as_string()) != base::trim(catch2_declared_name(test))) {
        return false;
    }
    return test.file.empty() || (test.file == node.attribute("filename").as_string() &&
                                 test.line == node.attribute("line").as_uint());
}

/// The one case of `cases` that is `test`, or the disagreement saying why there is none.
std::string pick_case(const TestCase& test, const std::vector<pugi::xml_node>& cases, bool complete,
                      pugi::xml_node& picked) {
    if (!complete) {
        if (!cases.empty() && !cases.back().child("OverallResult")) {
            return "the process exited before the test case finished (Catch2's report stops "
                   "inside test case " +
                   backquoted(cases.back().attribute("name").as_string()) + ")";
        }
        return "Catch2's report is truncated: the process exited before Catch2 finished it";
    }
    if (cases.empty()) {
        return "Catch2's report names no test case (the test spec matched nothing)";
    }
    std::vector<pugi::xml_node> matches;
    std::copy_if(cases.begin(), cases.end(), std::back_inserter(matches),
                 [&](pugi::xml_node node) { return is_case(node, test); });
    if (matches.empty()) {
        if (cases.size() == 1) {
            return "Catch2's report names test case " +
                   backquoted(cases.front().attribute("name").as_string()) + ", not " +
                   backquoted(catch2_declared_name(test));
        }
        return "Catch2's report names " + std::to_string(cases.size()) +
               " test cases, none of them " + backquoted(catch2_declared_name(test));
    }
    if (matches.size() > 1) {
        return "Catch2's report names " + std::to_string(matches.size()) + " test cases " +
               backquoted(base::trim(catch2_declared_name(test))) + " and nothing tells them apart";
    }
    const std::string pattern = catch2_test_spec(test, Catch2Tags::when_wildcard).pattern;
    for (pugi::xml_node node : cases) {
        const std::string_view name = node.attribute("name").as_string();
        if (!catch2_pattern_matches(pattern, catch2_normalise(name))) {
            return "Catch2's report names test case " + backquoted(name) +
                   ", which the test spec does not select";
        }
    }
    picked = matches.front();
    return {};
}

/// The exit code's disagreement with the whole report (every case the process ran counts), or
/// empty when they agree.
std::string exit_disagreement(const std::vector<pugi::xml_node>& cases, const CaseResult& own,
                              int exit_code, Catch2Major major) {
    bool any_failed = false;
    bool all_skipped = true;
    std::string_view failed_name;
    for (pugi::xml_node node : cases) {
        const CaseResult result = result_of(node);
        if (result.failed && !any_failed) {
            failed_name = node.attribute("name").as_string();
        }
        any_failed = any_failed || result.failed;
        all_skipped = all_skipped && result.skipped;
    }
    bool agrees = false;
    if (major == Catch2Major::v2) {
        // The number of failed assertions, at most 255.
        agrees = any_failed ? exit_code >= 1 && exit_code <= 255 : exit_code == 0;
    } else if (any_failed) {
        agrees = exit_code == 42;
    } else {
        agrees = exit_code == 0 || (all_skipped && exit_code == 4);
    }
    if (agrees) {
        return {};
    }
    const std::string code = std::to_string(exit_code);
    if (!own.failed && any_failed) {
        return "Catch2's report says test case " + backquoted(failed_name) +
               " failed, but the process exited with code " + code;
    }
    const std::string_view said = own.failed ? "failed" : own.skipped ? "skipped" : "passed";
    return "Catch2's report says the test case " + std::string(said) +
           ", but the process exited with code " + code;
}

/// The failure message of a case that failed without a failed assertion.
std::string silent_failure(pugi::xml_node test_case) {
    const std::string tags = base::to_lower_ascii(test_case.attribute("tags").as_string());
    if (tags.find("[!shouldfail]") != std::string::npos) {
        return "the test case passed, but it is tagged [!shouldfail]";
    }
    return "Catch2's report says the test case failed, without a failed assertion";
}

/// Fill `verdict` from the picked case `test_case`.
void read_case(pugi::xml_node test_case, Catch2Major major, FrameworkVerdict& verdict) {
    const CaseResult result = result_of(test_case);
    verdict.failed = result.failed;
    verdict.skipped = result.skipped;
    verdict.file = test_case.attribute("filename").as_string();
    verdict.line = test_case.attribute("line").as_uint();
    if (result.skipped) {
        pugi::xml_node skip = test_case.find_node(
            [](pugi::xml_node each) { return std::string_view(each.name()) == "Skip"; });
        verdict.skip_message = base::one_line(element_text(skip));
    }
    std::vector<Failure> failures;
    collect_failures(test_case, failures);
    if (result.failed) {
        verdict.failure_message =
            failures.empty()
                ? silent_failure(test_case)
                : base::one_line(failures.front().location + ": " + failures.front().details);
        verdict.failure_description =
            failures.empty() ? verdict.failure_message + "\n" : failure_blocks(failures, "FAILED:");
    }
    if (major == Catch2Major::v2) {
        // v2's XML reporter takes std::cout and std::cerr off the console, and no console
        // report goes beside it: give people the output and the failure blocks back.
        const pugi::xml_node overall = test_case.child("OverallResult");
        std::string out = element_text(overall.child("StdOut"));
        if (!out.empty()) {
            out += '\n';
        }
        if (!failures.empty()) {
            out += failure_blocks(failures, result.failed ? "FAILED:" : "FAILED - but was ok:");
        } else if (result.failed) {
            out += verdict.failure_message + "\n";
        }
        verdict.report_stdout = std::move(out);
        verdict.report_stderr = element_text(overall.child("StdErr"));
        if (!verdict.report_stderr.empty()) {
            verdict.report_stderr += '\n';
        }
    }
}

} // namespace

FrameworkVerdict judge_catch2_report(const TestCase& test, const std::optional<std::string>& report,
                                     int exit_code, Catch2Major major) {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    const std::string code = std::to_string(exit_code);
    if (!report) {
        verdict.disagreement =
            "Catch2 wrote no XML report (the process exited with code " + code + ")";
        return verdict;
    }
    pugi::xml_document document;
    const bool complete = static_cast<bool>(document.load_buffer(report->data(), report->size()));
    const pugi::xml_node root =
        document.child(major == Catch2Major::v3 ? "Catch2TestRun" : "Catch");
    if (!root) {
        // Catch2 writes the XML declaration first, then the root once the run starts: an invalid
        // test spec (v3: exit 5) or a death before the run leaves no root.
        verdict.disagreement =
            "Catch2's report holds no test run (the process exited with code " + code + ")";
        return verdict;
    }
    const std::vector<pugi::xml_node> cases = reported_cases(root, major);
    verdict.cases_run = static_cast<int>(cases.size());
    pugi::xml_node test_case;
    verdict.disagreement = pick_case(test, cases, complete, test_case);
    if (!verdict.disagreement.empty()) {
        return verdict;
    }
    read_case(test_case, major, verdict);
    verdict.disagreement = exit_disagreement(cases, result_of(test_case), exit_code, major);
    return verdict;
}

std::vector<pugi::xml_node> catch2_report_cases(const pugi::xml_node& root, Catch2Major major) {
    return reported_cases(root, major);
}

bool catch2_report_names(const pugi::xml_node& node, const TestCase& test) {
    return is_case(node, test);
}

bool catch2_case_finished(const pugi::xml_node& node) {
    return result_of(node).finished;
}

void read_catch2_case(const pugi::xml_node& node, Catch2Major major, FrameworkVerdict& verdict) {
    read_case(node, major, verdict);
}

bool catch2_exit_agrees(const std::vector<pugi::xml_node>& cases, int exit_code,
                        Catch2Major major) {
    return exit_disagreement(cases, CaseResult{}, exit_code, major).empty();
}

} // namespace ptest::runner
