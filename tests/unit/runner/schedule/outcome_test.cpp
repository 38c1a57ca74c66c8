// Tests of classify_attempt, one table row per rule in priority order: could not start,
// cancelled, timed out, killed by a signal, the framework's structured report when it wrote one,
// non-zero exit, then the framework's report of a zero exit, with the leak verdict applied on top.
// Each row asserts the status, exit code or signal, and the exact reason text.
#include "runner/schedule/outcome.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <csignal>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

using reporter::AttemptStatus;
using reporter::LeakStatus;

namespace {

/// Facts of a process that exited with `code`.
AttemptFacts exited_with(int code) {
    AttemptFacts facts;
    facts.exited = true;
    facts.code = code;
    return facts;
}

/// Facts of a process killed by `signal`.
AttemptFacts killed_by(int signal) {
    AttemptFacts facts = exited_with(signal);
    facts.signalled = true;
    return facts;
}

/// Facts of a zero exit after which the framework reported `cases_run` cases.
AttemptFacts zero_exit_reporting(std::optional<int> cases_run) {
    AttemptFacts facts = exited_with(0);
    facts.verdict.cases_run = cases_run;
    return facts;
}

struct Row {
    const char* rule;
    AttemptFacts facts;
    AttemptStatus status;
    LeakStatus leak;
    std::optional<int> exit_code;
    std::optional<int> signal;
    std::string reason;
};

std::vector<Row> rows() {
    std::vector<Row> table;
    {
        AttemptFacts facts;
        facts.exec_error = ENOENT;
        table.push_back({"exec error", facts, AttemptStatus::exec_fail, LeakStatus::none,
                         std::nullopt, std::nullopt, "No such file or directory"});
    }
    {
        AttemptFacts facts;
        facts.exec_error = EACCES;
        facts.cancelled_by = SIGTERM; // Could not start outranks everything.
        table.push_back({"exec error while cancelling", facts, AttemptStatus::exec_fail,
                         LeakStatus::none, std::nullopt, std::nullopt, "Permission denied"});
    }
    {
        AttemptFacts facts = killed_by(SIGTERM);
        facts.cancelled_by = SIGTERM;
        table.push_back({"cancelled and killed by the forwarded signal", facts,
                         AttemptStatus::cancelled, LeakStatus::none, std::nullopt, SIGTERM,
                         "cancelled by SIGTERM"});
    }
    {
        AttemptFacts facts = exited_with(0);
        facts.cancelled_by = SIGINT;
        facts.timed_out = true;
        table.push_back({"cancelled outranks timed out", facts, AttemptStatus::cancelled,
                         LeakStatus::none, 0, std::nullopt, "cancelled by SIGINT"});
    }
    {
        AttemptFacts facts = killed_by(SIGTERM);
        facts.timed_out = true;
        table.push_back({"timed out and killed by SIGTERM", facts, AttemptStatus::timeout,
                         LeakStatus::none, std::nullopt, SIGTERM, ""});
    }
    {
        AttemptFacts facts = exited_with(1);
        facts.timed_out = true;
        table.push_back({"timed out but exited with a code", facts, AttemptStatus::timeout,
                         LeakStatus::none, 1, std::nullopt, ""});
    }
    table.push_back({"killed by SIGSEGV", killed_by(SIGSEGV), AttemptStatus::abort,
                     LeakStatus::none, std::nullopt, SIGSEGV, ""});
    table.push_back({"killed by SIGABRT", killed_by(SIGABRT), AttemptStatus::abort,
                     LeakStatus::none, std::nullopt, SIGABRT, ""});
    table.push_back({"non-zero exit", exited_with(1), AttemptStatus::fail, LeakStatus::none, 1,
                     std::nullopt, ""});
    {
        AttemptFacts facts = exited_with(3);
        facts.verdict.cases_run = 1; // The framework's report cannot save a failing exit code.
        table.push_back({"non-zero exit despite one case reported", facts, AttemptStatus::fail,
                         LeakStatus::none, 3, std::nullopt, ""});
    }
    table.push_back({"zero exit with no case run", zero_exit_reporting(0), AttemptStatus::fail,
                     LeakStatus::none, 0, std::nullopt,
                     "no test case ran (the selector matched nothing)"});
    table.push_back({"zero exit with exactly one case run", zero_exit_reporting(1),
                     AttemptStatus::pass, LeakStatus::none, 0, std::nullopt, ""});
    table.push_back({"zero exit with two cases run", zero_exit_reporting(2), AttemptStatus::fail,
                     LeakStatus::none, 0, std::nullopt, "2 test cases ran (expected exactly one)"});
    {
        AttemptFacts facts = zero_exit_reporting(1);
        facts.verdict.finished = false;
        table.push_back({"zero exit before the case finished", facts, AttemptStatus::fail,
                         LeakStatus::none, 0, std::nullopt,
                         "the process exited with code 0 before the test case finished"});
    }
    table.push_back({"zero exit with no report", zero_exit_reporting(std::nullopt),
                     AttemptStatus::fail, LeakStatus::none, 0, std::nullopt,
                     "the test framework printed no report of the case it ran"});
    {
        AttemptFacts facts = zero_exit_reporting(1);
        facts.verdict.skipped = true;
        table.push_back({"zero exit with the case skipped", facts, AttemptStatus::skip,
                         LeakStatus::none, 0, std::nullopt, ""});
    }
    {
        AttemptFacts facts = zero_exit_reporting(std::nullopt);
        facts.verify_single_case = false;
        table.push_back({"plain command with zero exit and no report", facts, AttemptStatus::pass,
                         LeakStatus::none, 0, std::nullopt, ""});
    }
    {
        AttemptFacts facts = exited_with(2);
        facts.verify_single_case = false;
        table.push_back({"plain command with non-zero exit", facts, AttemptStatus::fail,
                         LeakStatus::none, 2, std::nullopt, ""});
    }
    {
        AttemptFacts facts = zero_exit_reporting(1);
        facts.leaked = true;
        facts.leak_result = profiles::LeakResult::pass;
        table.push_back({"leak with result pass", facts, AttemptStatus::pass,
                         LeakStatus::leaked_pass, 0, std::nullopt, ""});
    }
    {
        AttemptFacts facts = zero_exit_reporting(1);
        facts.leaked = true;
        facts.leak_result = profiles::LeakResult::fail;
        table.push_back({"leak with result fail", facts, AttemptStatus::pass,
                         LeakStatus::leaked_fail, 0, std::nullopt, ""});
    }
    {
        AttemptFacts facts = exited_with(1);
        facts.leaked = true;
        facts.leak_result = profiles::LeakResult::fail;
        table.push_back({"leak on top of a failure", facts, AttemptStatus::fail,
                         LeakStatus::leaked_fail, 1, std::nullopt, ""});
    }
    return table;
}

} // namespace

TEST_SUITE("runner::classify_attempt") {
    TEST_CASE("every rule gives its status, exit code or signal, and reason") {
        for (const Row& row : rows()) {
            CAPTURE(row.rule);
            reporter::AttemptResult result;
            classify_attempt(row.facts, result);
            CHECK(result.status == row.status);
            CHECK(result.leak == row.leak);
            CHECK(result.exit_code == row.exit_code);
            CHECK(result.signal == row.signal);
            CHECK(result.reason == row.reason);
        }
    }

    TEST_CASE("a leak with result fail is not a success but a leak with result pass is") {
        reporter::AttemptResult result;
        AttemptFacts facts = zero_exit_reporting(1);
        facts.leaked = true;
        facts.leak_result = profiles::LeakResult::fail;
        classify_attempt(facts, result);
        CHECK_FALSE(result.is_success());

        reporter::AttemptResult passing;
        facts.leak_result = profiles::LeakResult::pass;
        classify_attempt(facts, passing);
        CHECK(passing.is_success());
    }

    TEST_CASE("the framework's failure and skip texts are carried into the result") {
        AttemptFacts facts = exited_with(1);
        facts.verdict.cases_run = 1;
        facts.verdict.failure_message = "Expected equality of these values";
        facts.verdict.failure_description = "basic_test.cpp:12: Failure\nExpected equality";
        facts.verdict.skip_message = "not on this platform";
        reporter::AttemptResult result;
        classify_attempt(facts, result);
        CHECK(result.failure_message == "Expected equality of these values");
        CHECK(result.failure_description == "basic_test.cpp:12: Failure\nExpected equality");
        CHECK(result.skip_message == "not on this platform");
    }

    TEST_CASE("a structured report decides whatever the exit code, with or without capture") {
        auto from_report = [](int code, bool failed, bool skipped, std::string disagreement) {
            AttemptFacts facts = exited_with(code);
            facts.verify_single_case = false; // --no-capture: the report is a file, still read.
            facts.verdict.from_report = true;
            facts.verdict.failed = failed;
            facts.verdict.skipped = skipped;
            facts.verdict.disagreement = std::move(disagreement);
            reporter::AttemptResult result;
            classify_attempt(facts, result);
            return result;
        };
        CHECK(from_report(0, false, false, "").status == AttemptStatus::pass);
        CHECK(from_report(4, false, true, "").status == AttemptStatus::skip);
        reporter::AttemptResult failed = from_report(42, true, false, "");
        CHECK(failed.status == AttemptStatus::fail);
        CHECK(failed.exit_code == 42);
        CHECK(failed.reason == "");
        reporter::AttemptResult disagreeing =
            from_report(0, true, false, "the report says failed, the exit code 0");
        CHECK(disagreeing.status == AttemptStatus::fail);
        CHECK(disagreeing.reason == "the report says failed, the exit code 0");
    }

    TEST_CASE("a signal is an abort even when a structured report was read") {
        AttemptFacts facts = killed_by(SIGABRT);
        facts.verdict.from_report = true;
        facts.verdict.failed = true;
        reporter::AttemptResult result;
        classify_attempt(facts, result);
        CHECK(result.status == AttemptStatus::abort);
        CHECK(result.signal == SIGABRT);
    }

    TEST_CASE("a cancel by a signal without a well-known name says its number") {
        AttemptFacts facts = killed_by(SIGKILL);
        facts.cancelled_by = 64;
        reporter::AttemptResult result;
        classify_attempt(facts, result);
        CHECK(result.status == AttemptStatus::cancelled);
        CHECK(result.reason == "cancelled by signal 64");
        CHECK(result.signal == SIGKILL);
    }
}

} // namespace ptest::runner

namespace ptest::runner {

TEST_SUITE("runner::locate_case") {
    TEST_CASE("the report's location wins over the listing's and is moved, not copied") {
        FrameworkVerdict verdict;
        verdict.file = "../tests/from_report.cpp";
        verdict.line = 21;
        TestCase listed;
        listed.file = "tests/from_listing.cpp";
        listed.line = 20;
        const reporter::SourceLocation location = locate_case(verdict, &listed);
        CHECK(location.file == "../tests/from_report.cpp");
        CHECK(location.line == 21);
        CHECK(verdict.file.empty());
    }

    TEST_CASE("the listing's location fills in when the report names no file") {
        FrameworkVerdict verdict;
        verdict.line = 99; // A line without a file says nothing.
        TestCase listed;
        listed.file = "tests/from_listing.cpp";
        listed.line = 20;
        const reporter::SourceLocation location = locate_case(verdict, &listed);
        CHECK(location.file == "tests/from_listing.cpp");
        CHECK(location.line == 20);
    }

    TEST_CASE("a case nobody locates stays unknown") {
        FrameworkVerdict verdict;
        TestCase listed;
        CHECK_FALSE(locate_case(verdict, &listed).known());
        CHECK_FALSE(locate_case(verdict, nullptr).known());
        CHECK(locate_case(verdict, nullptr).line == 0);
    }
}

} // namespace ptest::runner
