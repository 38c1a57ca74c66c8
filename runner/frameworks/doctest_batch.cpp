// doctest batches (see doctest_batch.hpp). Checked on the doctest_hostile and doctest25_hostile
// fixtures; tests/data/reports/doctest-*/batch-* hold the captures.
#include "runner/frameworks/doctest_batch.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/doctest.hpp"
#include "runner/frameworks/doctest_report.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <sstream>

namespace ptest::runner {

namespace {

const std::string& own_name(const TestCase& test) {
    return test.case_name.empty() ? test.name : test.case_name;
}

/// One `TestCase` element of a case that ran, with its suite and place in the report.
struct ReportedCase {
    pugi::xml_node node;
    std::string_view suite;
    bool trusted = false; ///< Finished, and not where a truncated report stops.
};

std::vector<ReportedCase> reported_cases(pugi::xml_node root, bool complete) {
    std::vector<ReportedCase> cases;
    for (pugi::xml_node suite : root.children("TestSuite")) {
        for (pugi::xml_node node : suite.children("TestCase")) {
            if (!node.attribute("skipped").as_bool(false)) {
                cases.push_back({node, suite.attribute("name").as_string(),
                                 static_cast<bool>(node.child("OverallResultsAsserts"))});
            }
        }
    }
    if (!complete && !cases.empty()) {
        cases.back().trusted = false; // doctest may have been cut off while writing it.
    }
    return cases;
}

bool case_failed(const ReportedCase& reported) {
    return doctest_case_failed(reported.node);
}

/// Whether the report says a case crashed (doctest caught a signal and the process then died of
/// it).
bool crashed(const std::vector<ReportedCase>& cases) {
    return std::any_of(cases.begin(), cases.end(), [](const ReportedCase& reported) {
        return reported.node.find_child_by_attribute("Exception", "crash", "true");
    });
}

bool is_case(const ReportedCase& reported, const TestCase& test) {
    return reported.suite == test.suite &&
           own_name(test) == reported.node.attribute("name").as_string() &&
           (test.file.empty() || test.file == reported.node.attribute("filename").as_string()) &&
           (test.line == 0 || test.line == reported.node.attribute("line").as_uint());
}

/// The verdict of the trusted, failed case `reported` (which is `test`): the one-case judge
/// renders its failures from a report holding that case alone, so that a batch of many failures
/// costs one small parse each, not one of the whole report.
FrameworkVerdict failed_verdict(const TestCase& test, const ReportedCase& reported) {
    pugi::xml_document document;
    pugi::xml_node suite = document.append_child("doctest").append_child("TestSuite");
    if (!reported.suite.empty()) {
        suite.append_attribute("name") = std::string(reported.suite).c_str();
    }
    suite.append_copy(reported.node);
    std::ostringstream alone;
    document.save(alone, "", pugi::format_raw);
    FrameworkVerdict verdict = judge_doctest_report(test, alone.str(), 1);
    verdict.failed = true;
    verdict.disagreement.clear();
    if (verdict.failure_message.empty()) {
        verdict.failure_message = "doctest's report says the test case failed";
    }
    return verdict;
}

BatchCaseResult result_for(const TestCase& test, const std::vector<ReportedCase>& cases,
                           const std::multimap<std::string_view, std::size_t>& by_name) {
    BatchCaseResult result;
    const ReportedCase* found = nullptr;
    int matches = 0;
    const auto [first, last] = by_name.equal_range(own_name(test));
    for (auto it = first; it != last; ++it) {
        if (is_case(cases[it->second], test)) {
            found = &cases[it->second];
            ++matches;
        }
    }
    if (matches != 1) {
        result.unattributed_reason = matches == 0
                                         ? "doctest's report does not name the test case"
                                         : "doctest's report names the test case more than once";
        return result;
    }
    if (!found->trusted) {
        result.unattributed_reason = "the process ended while the test case ran";
        result.ended_in = true;
        return result;
    }
    result.attributed = true;
    if (case_failed(*found)) {
        result.verdict = failed_verdict(test, *found);
    }
    result.verdict.from_report = true;
    result.verdict.cases_run = 1;
    result.verdict.file = found->node.attribute("filename").as_string();
    result.verdict.line = found->node.attribute("line").as_uint();
    result.duration =
        parse_seconds(found->node.child("OverallResultsAsserts").attribute("duration").as_string());
    return result;
}

} // namespace

std::vector<bool> doctest_batchable_cases(std::span<const TestCase> listed) {
    std::vector<bool> batchable(listed.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        batchable[i] = !listed[i].unselectable && listed[i].position == 0;
    }
    return batchable;
}

BatchArguments doctest_batch_arguments(std::span<const TestCase> listed,
                                       std::span<const TestCase* const> batch,
                                       std::string_view report_path) {
    BatchArguments arguments;
    if (batch.empty()) {
        return arguments;
    }
    if (const auto place = unfiltered_place(listed, batch); place && place->whole()) {
        // doctest matches every case against every name: the whole binary names none.
        arguments.count = batch.size();
    } else {
        const std::string& suite = batch.front()->suite;
        std::vector<std::string> names;
        for (const TestCase* test : batch) {
            if (test->suite != suite) {
                break; // One suite filter per process: the filters would select across suites.
            }
            names.push_back(doctest_escape_filter(own_name(*test)));
        }
        JoinedSelectors joined = join_selectors("--dt-test-case=", names, ',');
        arguments.count = joined.count;
        arguments.args.push_back(std::move(joined.argument));
        arguments.args.emplace_back(suite.empty()
                                        ? "--dt-test-suite-exclude=?*"
                                        : "--dt-test-suite=" + doctest_escape_filter(suite));
    }
    for (std::string_view option :
         {"--dt-case-sensitive=true", "--dt-no-colors=true", "--dt-no-version=true"}) {
        arguments.args.emplace_back(option);
    }
    for (std::size_t i = 0; i < arguments.count; ++i) {
        if (batch[i]->ignored) {
            arguments.args.emplace_back("--dt-no-skip=true");
            break;
        }
    }
    for (std::string& option : doctest_report_arguments(report_path)) {
        arguments.args.push_back(std::move(option));
    }
    arguments.args.emplace_back("--dt-duration=true");
    return arguments;
}

std::vector<BatchCaseResult> interpret_doctest_batch(std::span<const TestCase* const> batch,
                                                     const std::optional<std::string>& report,
                                                     int exit_code, std::string_view stdout_text,
                                                     std::string_view stderr_text) {
    const std::string code = std::to_string(exit_code);
    if (!report) {
        return unattributed_results(batch.size(),
                                    "doctest wrote no XML report (exit code " + code + ")");
    }
    pugi::xml_document document;
    const bool complete = static_cast<bool>(document.load_buffer(report->data(), report->size()));
    const pugi::xml_node root = document.child("doctest");
    if (!root) {
        return unattributed_results(batch.size(),
                                    "doctest's report holds no test run (exit code " + code + ")");
    }
    const std::vector<ReportedCase> cases = reported_cases(root, complete);
    bool any_failed = false;
    std::multimap<std::string_view, std::size_t> by_name;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        any_failed = any_failed || case_failed(cases[i]);
        by_name.emplace(cases[i].node.attribute("name").as_string(), i);
    }
    // doctest returns 1 after a failure, and 128 + N when it reports the signal N that killed
    // a case; any other code is something the report does not explain.
    const bool exit_agrees =
        any_failed ? exit_code == 1 || (exit_code > 128 && crashed(cases)) : exit_code == 0;
    if (complete && !exit_agrees) {
        return unattributed_results(batch.size(),
                                    "the exit code " + code + " disagrees with doctest's report");
    }
    std::vector<BatchCaseResult> results;
    results.reserve(batch.size());
    for (const TestCase* test : batch) {
        results.push_back(result_for(*test, cases, by_name));
    }
    give_silent_output(results, stdout_text, stderr_text);
    return results;
}

} // namespace ptest::runner
