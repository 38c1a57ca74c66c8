// Judging one attempt from Boost.Test's XML log (see boost_test.hpp for the contract). Boost.Test
// 1.74 buffers the log and writes it whole at the end of the run: a process that dies mid-test
// leaves it empty, and a complete log names every unit, the ones not selected as
// `skipped="yes" reason="disabled"`. The captures in tests/data/reports/boost-test-1.74 show each
// shape.
#include "runner/frameworks/boost_test_log.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/boost_test.hpp"

#include <pugixml.hpp>

#include <algorithm>

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

/// A case the log says ran: its path below the master suite, and its element.
using RanCase = std::pair<std::string, pugi::xml_node>;

/// Every `TestCase` below `suite` that ran (not marked skipped), in the log's order, which is the
/// order they ran in.
void collect_ran(pugi::xml_node suite, const std::string& prefix, std::vector<RanCase>& ran) {
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

/// Where the log holds the case at path `name` below `master`.
struct Located {
    pugi::xml_node unit;    ///< The case's element; null when the log does not hold it.
    pugi::xml_node skipped; ///< The case or suite on its path the log marks skipped, if any.
};

Located locate(pugi::xml_node master, std::string_view name) {
    Located found;
    pugi::xml_node at = master;
    while (at) {
        const std::size_t slash = name.find('/');
        const std::string part(name.substr(0, slash));
        const bool last = slash == std::string_view::npos;
        at = at.find_child_by_attribute(last ? "TestCase" : "TestSuite", "name", part.c_str());
        if (at && is_skipped(at)) {
            found.skipped = at;
            return found;
        }
        if (last) {
            found.unit = at;
            return found;
        }
        name = name.substr(slash + 1);
    }
    return found;
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
/// `dependency_failed` says a case the case depends on (run before it) failed.
std::string exit_disagreement(const FrameworkVerdict& verdict, bool dependency_failed,
                              int exit_code) {
    if (verdict.failed && exit_code == 0) {
        return "Boost.Test's log says the test case failed, but the process exited with code 0";
    }
    if (dependency_failed && exit_code == 0) {
        return "Boost.Test's log says a test case this one depends on failed, but the process "
               "exited with code 0";
    }
    if (!verdict.failed && !dependency_failed && exit_code != 0) {
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
    // Boost.Test buffers the log and writes it when the run ends: a process that died mid-test
    // leaves it empty, which the attempt hands over as no log at all.
    if (!log || base::trim(*log).empty()) {
        if (exit_code == 200) {
            return "Boost.Test wrote no XML log and the process exited with code 200: "
                   "--run_test matched no test case, or Boost.Test's setup failed";
        }
        return "Boost.Test wrote no XML log: the process exited with code " + code +
               " before Boost.Test finished the run";
    }
    if (!complete || !root) {
        return "Boost.Test's XML log is truncated: the process exited with code " + code +
               " before Boost.Test finished it";
    }
    return {};
}

/// Whether the case element `unit` failed by Boost.Test's own rule: it was aborted (an
/// `Exception`), or failed more assertions than `expected_failures`. Its failure lines are
/// appended to `lines` when given.
bool case_failed(pugi::xml_node unit, std::uint32_t expected_failures,
                 std::vector<std::string>* lines) {
    std::uint32_t assertion_failures = 0;
    bool aborted = false;
    for (pugi::xml_node entry : unit.children()) {
        std::string line = failure_line(entry);
        if (line.empty()) {
            continue;
        }
        const bool exception = std::string_view(entry.name()) == "Exception";
        aborted = aborted || exception;
        assertion_failures += exception ? 0 : 1;
        if (lines != nullptr) {
            lines->push_back(std::move(line));
        }
    }
    return aborted || assertion_failures > expected_failures;
}

/// Read the verdict of the case element `unit` into `verdict`.
void judge_case(const TestCase& test, pugi::xml_node unit, FrameworkVerdict& verdict) {
    verdict.cases_run = 1;
    verdict.file = unit.attribute("file").as_string();
    verdict.line = unit.attribute("line").as_uint();
    std::vector<std::string> lines;
    verdict.failed = case_failed(unit, test.expected_failures, &lines);
    if (verdict.failed && !lines.empty()) {
        verdict.failure_message = base::one_line(lines.front());
        for (const std::string& line : lines) {
            verdict.failure_description += line + "\n";
        }
    }
}

/// The disagreement of a log in which `name` did not run, or was not selected, while the cases
/// `ran` did.
std::string not_run_disagreement(std::string_view name, const std::vector<RanCase>& ran) {
    if (ran.empty()) {
        return "Boost.Test's log says test case " + in_backticks(name) + " did not run";
    }
    if (ran.size() == 1) {
        return "Boost.Test's log names test case " + in_backticks(ran.front().first) + ", not " +
               in_backticks(name);
    }
    return "Boost.Test's log names " + std::to_string(ran.size()) + " test cases that ran, not " +
           in_backticks(name);
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
    std::vector<RanCase> ran;
    collect_ran(master, "", ran);
    const Located located = locate(master, test.name);
    // `--run_test` also runs the cases the selected one depends on (`depends_on`), before it: the
    // log may name them too, and their failures are part of the exit code.
    std::size_t dependencies = ran.size();
    if (located.unit) {
        auto self = std::find_if(ran.begin(), ran.end(),
                                 [&](const RanCase& each) { return each.second == located.unit; });
        dependencies = static_cast<std::size_t>(self - ran.begin());
        if (dependencies + 1 != ran.size()) {
            verdict.disagreement = "Boost.Test's log names " + std::to_string(ran.size()) +
                                   " test cases that ran (expected " + in_backticks(test.name) +
                                   ", after the cases it depends on)";
            return verdict;
        }
        judge_case(test, located.unit, verdict);
    } else {
        const std::string reason =
            located.skipped ? located.skipped.attribute("reason").as_string() : "";
        if (reason.empty() || reason == k_not_selected) {
            verdict.disagreement = not_run_disagreement(test.name, ran);
            return verdict;
        }
        verdict.cases_run = 1;
        verdict.skipped = true;
        verdict.skip_message = base::one_line(reason);
    }
    bool dependency_failed = false;
    for (std::size_t i = 0; i < dependencies; ++i) {
        dependency_failed = dependency_failed || case_failed(ran[i].second, 0, nullptr);
    }
    verdict.disagreement = exit_disagreement(verdict, dependency_failed, exit_code);
    return verdict;
}

std::optional<BoostLoggedCase> read_boost_logged_case(const pugi::xml_node& master,
                                                      const TestCase& test) {
    const Located located = locate(master, test.name);
    BoostLoggedCase logged;
    logged.verdict.from_report = true;
    if (located.unit) {
        judge_case(test, located.unit, logged.verdict);
        const std::string_view micros =
            base::trim(located.unit.child("TestingTime").text().as_string());
        if (auto seconds = parse_seconds(micros)) {
            logged.duration = *seconds / 1'000'000;
        }
        return logged;
    }
    const std::string reason =
        located.skipped ? located.skipped.attribute("reason").as_string() : "";
    if (reason.empty() || reason == k_not_selected) {
        return std::nullopt;
    }
    logged.verdict.cases_run = 1;
    logged.verdict.skipped = true;
    logged.verdict.skip_message = base::one_line(reason);
    return logged;
}

bool boost_log_has_failure(const pugi::xml_node& master) {
    std::vector<RanCase> ran;
    collect_ran(master, "", ran);
    return std::any_of(ran.begin(), ran.end(),
                       [](const RanCase& each) { return case_failed(each.second, 0, nullptr); });
}

} // namespace ptest::runner
