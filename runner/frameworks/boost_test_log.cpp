// Judging one attempt from Boost.Test's XML log (see boost_test.hpp for the contract). Boost.Test
// 1.74 buffers the log and writes it whole at the end of the run: a process that dies mid-test
// leaves it empty, and a complete log names every unit, the ones not selected as
// `skipped="yes" reason="disabled"`. The captures in tests/data/reports/boost-test-1.74 show each
// shape.
#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/boost_test.hpp"

#include <pugixml.hpp>

namespace ptest::runner {

namespace {

/// Boost.Test's reason for a unit that was not selected (or is disabled).
constexpr std::string_view k_not_selected = "disabled";

std::string in_backticks(std::string_view name) {
    return "`" + std::string(name) + "`";
}

bool is_skipped(pugi::xml_node unit) {
    return std::string_view(unit.attribute("skipped").as_string()) == "yes";
}

/// Every `TestCase` below `suite` that ran (not marked skipped), with its path below the master
/// suite.
void collect_ran(pugi::xml_node suite, const std::string& prefix,
                 std::vector<std::pair<std::string, pugi::xml_node>>& ran) {
    for (pugi::xml_node unit : suite.children()) {
        const std::string_view kind = unit.name();
        const std::string path = prefix + unit.attribute("name").as_string();
        if (kind == "TestCase" && !is_skipped(unit)) {
            ran.emplace_back(path, unit);
        } else if (kind == "TestSuite" && !is_skipped(unit)) {
            collect_ran(unit, path + "/", ran);
        }
    }
}

/// The reason Boost.Test skipped `name` (a path below `master`) or a suite on its path, when it
/// is one other than not being selected (`precondition failed`, a failed dependency); else empty.
std::string skip_reason(pugi::xml_node master, std::string_view name) {
    pugi::xml_node at = master;
    while (at) {
        const std::size_t slash = name.find('/');
        const std::string part(name.substr(0, slash));
        pugi::xml_node next = slash == std::string_view::npos
                                  ? at.find_child_by_attribute("TestCase", "name", part.c_str())
                                  : at.find_child_by_attribute("TestSuite", "name", part.c_str());
        if (next && is_skipped(next)) {
            const std::string reason = next.attribute("reason").as_string();
            return reason == k_not_selected ? std::string() : reason;
        }
        if (slash == std::string_view::npos) {
            break;
        }
        at = next;
        name = name.substr(slash + 1);
    }
    return {};
}

/// `file:line: kind: text` for one failure entry of a case; empty for an entry that is none.
/// An exception Boost.Test could not place is placed at its last checkpoint.
std::string failure_line(pugi::xml_node entry) {
    const std::string_view tag = entry.name();
    std::string_view kind;
    if (tag == "Error") {
        kind = "error";
    } else if (tag == "FatalError") {
        kind = "fatal error";
    } else if (tag == "Exception") {
        kind = "exception";
    } else {
        return {};
    }
    pugi::xml_node where = entry;
    if (std::string_view(entry.attribute("file").as_string()) == "unknown location" &&
        entry.child("LastCheckpoint")) {
        where = entry.child("LastCheckpoint");
    }
    return std::string(where.attribute("file").as_string()) + ":" +
           where.attribute("line").as_string() + ": " + std::string(kind) + ": " +
           std::string(base::trim(entry.text().as_string()));
}

/// The exit code's disagreement with the log's verdict, or empty when they agree.
std::string exit_disagreement(const FrameworkVerdict& verdict, int exit_code) {
    if (verdict.failed && exit_code == 0) {
        return "Boost.Test's log says the test case failed, but the process exited with code 0";
    }
    if (!verdict.failed && exit_code != 0) {
        return std::string("Boost.Test's log says the test case ") +
               (verdict.skipped ? "skipped" : "passed") + ", but the process exited with code " +
               std::to_string(exit_code);
    }
    return {};
}

/// The disagreement of a log that is missing, empty or not a complete `TestLog`; empty when the
/// log is whole.
std::string log_disagreement(const std::optional<std::string>& log, bool complete,
                             pugi::xml_node root, int exit_code) {
    const std::string code = std::to_string(exit_code);
    if (!log) {
        return "Boost.Test wrote no XML log (the process exited with code " + code + ")";
    }
    if (base::trim(*log).empty()) {
        if (exit_code == 200) {
            return "Boost.Test's XML log is empty and the process exited with code 200: "
                   "--run_test matched no test case, or Boost.Test's setup failed";
        }
        return "Boost.Test's XML log is empty: the process exited with code " + code +
               " before Boost.Test finished the run";
    }
    if (!complete || !root) {
        return "Boost.Test's XML log is truncated: the process exited with code " + code +
               " before Boost.Test finished it";
    }
    return {};
}

/// Read the verdict of the case element `unit` into `verdict`.
void judge_case(const TestCase& test, pugi::xml_node unit, FrameworkVerdict& verdict) {
    verdict.file = unit.attribute("file").as_string();
    verdict.line = unit.attribute("line").as_uint();
    std::uint32_t assertion_failures = 0;
    bool aborted = false;
    for (pugi::xml_node entry : unit.children()) {
        std::string line = failure_line(entry);
        if (line.empty()) {
            continue;
        }
        const std::string_view tag = entry.name();
        aborted = aborted || tag == "Exception";
        assertion_failures += tag == "Exception" ? 0 : 1;
        if (verdict.failure_message.empty()) {
            verdict.failure_message = base::one_line(line);
        }
        verdict.failure_description += line + "\n";
    }
    // Boost.Test's own rule: a case passes when it was not aborted and failed no more assertions
    // than it declares as expected.
    verdict.failed = aborted || assertion_failures > test.expected_failures;
    if (!verdict.failed) {
        verdict.failure_message.clear();
        verdict.failure_description.clear();
    }
}

} // namespace

FrameworkVerdict judge_boost_log(const TestCase& test, const std::optional<std::string>& log,
                                 int exit_code) {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    verdict.cases_run = 0;
    pugi::xml_document document;
    bool complete = false;
    if (log) {
        complete = static_cast<bool>(document.load_buffer(log->data(), log->size()));
    }
    const pugi::xml_node master = document.child("TestLog").child("TestSuite");
    verdict.disagreement = log_disagreement(log, complete, document.child("TestLog"), exit_code);
    if (!verdict.disagreement.empty()) {
        return verdict;
    }
    std::vector<std::pair<std::string, pugi::xml_node>> ran;
    collect_ran(master, "", ran);
    if (ran.empty()) {
        const std::string reason = skip_reason(master, test.name);
        if (reason.empty()) {
            verdict.disagreement =
                "Boost.Test's log says test case " + in_backticks(test.name) + " did not run";
            return verdict;
        }
        verdict.cases_run = 1;
        verdict.skipped = true;
        verdict.skip_message = base::one_line(reason);
    } else if (ran.size() > 1) {
        verdict.disagreement = "Boost.Test's log names " + std::to_string(ran.size()) +
                               " test cases that ran (expected exactly one)";
        return verdict;
    } else if (ran.front().first != test.name) {
        verdict.disagreement = "Boost.Test's log names test case " +
                               in_backticks(ran.front().first) + ", not " + in_backticks(test.name);
        return verdict;
    } else {
        verdict.cases_run = 1;
        judge_case(test, ran.front().second, verdict);
    }
    verdict.disagreement = exit_disagreement(verdict, exit_code);
    return verdict;
}

} // namespace ptest::runner
