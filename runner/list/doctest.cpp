// doctest listing, exact selection and report reading, checked against doctest 2.4.9;
// tests/data/list/doctest_* holds the captured output.
#include "runner/list/doctest.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/list/output_text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <utility>

namespace ptest::runner {

namespace {

/// `file:line: ERROR: ...` or `file:line: FATAL ERROR: ...` (WARNING and MESSAGE are not failures).
bool is_failure_line(std::string_view line) {
    return split_location(line, "ERROR: ").has_value() ||
           split_location(line, "FATAL ERROR: ").has_value();
}

} // namespace

ListParseResult parse_doctest_list(std::string_view output, int exit_code) {
    ListParseResult result;
    if (exit_code != 0) {
        result.error = "doctest listing exited with code " + std::to_string(exit_code);
        return result;
    }
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(output.data(), output.size());
    if (!parsed) {
        result.error = "doctest listing is not XML: " + std::string(parsed.description()) +
                       " at offset " + std::to_string(parsed.offset);
        return result;
    }
    pugi::xml_node root = document.child("doctest");
    if (!root) {
        result.error = "doctest listing has no <doctest> element";
        return result;
    }
    for (pugi::xml_node node : root.children("TestCase")) {
        TestCase test;
        test.name = node.attribute("name").as_string();
        test.suite = node.attribute("testsuite").as_string();
        if (!test.suite.empty()) {
            // Two suites may declare the same case name; the suite keeps them distinct.
            test.case_name = test.name;
            test.name = test.suite + "/" + test.case_name;
        }
        test.file = node.attribute("filename").as_string();
        test.line = node.attribute("line").as_uint();
        test.ignored = node.attribute("skipped").as_bool();
        if (!test.suite.empty()) {
            test.labels.push_back(test.suite);
        }
        result.cases.push_back(std::move(test));
    }
    return result;
}

namespace {

/// doctest's filter matching (case-sensitive, as ptest asks for): `*` any run, `?` one byte.
bool doctest_wildcard_matches(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace

void mark_doctest_unselectable(std::vector<TestCase>& cases) {
    std::map<std::pair<std::string, std::string>, int> seen;
    auto own_name = [](const TestCase& test) -> const std::string& {
        return test.case_name.empty() ? test.name : test.case_name;
    };
    for (const TestCase& test : cases) {
        ++seen[{test.suite, own_name(test)}];
    }
    for (TestCase& test : cases) {
        const std::string& name = own_name(test);
        if (name.empty()) {
            test.unselectable = "doctest cannot select a test case with an empty name";
        } else if (name.find_first_of("*?") != std::string::npos &&
                   std::count_if(cases.begin(), cases.end(), [&](const TestCase& other) {
                       return other.suite == test.suite &&
                              doctest_wildcard_matches(name, own_name(other));
                   }) != 1) {
            // The name is a pattern to doctest; it is still exact when it matches only itself.
            test.unselectable = "doctest filters are wildcards, and this name containing `*` or "
                                "`?` also matches another test case";
        } else if (test.suite.find_first_of("*?") != std::string::npos) {
            test.unselectable = "doctest filters are wildcards, so a test suite name containing "
                                "`*` or `?` cannot be selected exactly";
        } else if (seen[{test.suite, name}] > 1) {
            test.unselectable = "another test case in this binary has the same test suite and "
                                "name, so doctest cannot select one of them alone";
        }
    }
}

std::string doctest_escape_filter(std::string_view text) {
    std::string value;
    for (char c : text) {
        if (c == ',' || c == '\\') {
            value += '\\';
        }
        value += c;
    }
    return value;
}

std::vector<std::string> doctest_run_arguments(const TestCase& test) {
    const std::string& name = test.case_name.empty() ? test.name : test.case_name;
    std::vector<std::string> args{"--dt-test-case=" + doctest_escape_filter(name)};
    if (test.suite.empty()) {
        // An empty --dt-test-suite= is ignored by doctest, so exclude every named suite instead.
        args.emplace_back("--dt-test-suite-exclude=?*");
    } else {
        args.push_back("--dt-test-suite=" + doctest_escape_filter(test.suite));
    }
    args.emplace_back("--dt-case-sensitive=true");
    args.emplace_back("--dt-no-colors=true");
    args.emplace_back("--dt-no-version=true");
    if (test.ignored) {
        args.emplace_back("--dt-no-skip=true");
    }
    return args;
}

FrameworkVerdict interpret_doctest_output(std::string_view stdout_text) {
    FrameworkVerdict verdict;
    constexpr std::string_view k_summary = "[doctest] test cases:";
    bool summary_seen = false;
    std::vector<std::vector<std::string_view>> failures;
    bool in_block = false;
    for (std::string_view line : base::split_lines(stdout_text)) {
        if (in_block) {
            if (base::trim(line).empty()) {
                in_block = false;
            } else {
                failures.back().push_back(line);
            }
            continue;
        }
        if (is_failure_line(line)) {
            failures.push_back({line});
            in_block = true;
        } else if (line.starts_with(k_summary)) {
            // `[doctest] test cases: 1 | 0 passed | 1 failed | 14 skipped`: the first number
            // counts the cases that ran; filtered-out cases are counted as skipped. doctest
            // pads the numbers to a common width (`test cases:  1 | 15 passed`).
            summary_seen = true;
            verdict.cases_run = base::leading_int(base::trim(line.substr(k_summary.size())));
        }
    }
    verdict.finished = summary_seen;
    if (!failures.empty()) {
        verdict.failure_message = base::one_line(failures.front().front());
        verdict.failure_description = join_blocks(failures, "\n");
    }
    return verdict;
}

} // namespace ptest::runner
