// Tests of finishing the JUnit reporter: the file is published then, a failure to write it is
// an output error naming the path, and each run of a stress run starts the report afresh.
#include "junit_test_support.hpp"

#include "reporter/junit/junit_report.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace ptest::reporter;
using ptest::reporter::test::TempDir;

namespace {

TestFinished passed(const std::string& name) {
    TestFinished finished;
    finished.test = {"io_tests", name};
    finished.attempts.emplace_back();
    return finished;
}

} // namespace

TEST_SUITE("reporter::JunitReport") {
    TEST_CASE("finishing publishes the report and says nothing when all went well") {
        TempDir dir;
        JunitReport report({}, dir.path() / "junit.xml");
        report.report(test::make_run_started());
        report.report(RunFinished{});
        const FinishResult finished = report.finish();
        CHECK(finished.errors.empty());
        CHECK(finished.warnings.empty());
        CHECK(std::filesystem::exists(dir.path() / "junit.xml"));
    }

    TEST_CASE("a report that cannot be written is an output error naming the path") {
        TempDir dir;
        std::filesystem::create_directory(dir.path() / "junit.xml");
        JunitReport report({}, dir.path() / "junit.xml");
        report.report(test::make_run_started());
        const FinishResult finished = report.finish();
        REQUIRE(finished.errors.size() == 1);
        CHECK(finished.errors[0].code() == ptest::ExitCode::write_output_error);
        CHECK(std::string(finished.errors[0].what()).find((dir.path() / "junit.xml").string()) !=
              std::string::npos);
    }

    TEST_CASE("each RunStarted starts the report afresh, so it describes the last run") {
        JunitReport report({}, "unused.xml");
        report.report(test::make_run_started());
        report.report(passed("first"));
        report.report(RunFinished{});
        report.report(test::make_run_started());
        report.report(passed("second"));
        report.report(RunFinished{});
        const std::string xml = report.to_xml();
        CHECK(xml.find("name=\"second\"") != std::string::npos);
        CHECK(xml.find("name=\"first\"") == std::string::npos);
    }
}
