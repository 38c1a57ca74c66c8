// The contract's §6 checks on written reports: each file JunitReport publishes validates against
// ptest-junit.xsd and, after junit-10-compat.xsl, against Jenkins' junit-10.xsd; Python's XML
// parser reads it; and the counts equal what XPath counts. A merge of such reports
// (`ptest junit merge`) passes the same checks. Missing tools fail with the reason.
#include "base/error.hpp"
#include "base/uuid.hpp"
#include "junit_test_support.hpp"

#include "reporter/junit/junit_merge.hpp"
#include "reporter/junit/junit_report.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace ptest::reporter;
using namespace ptest::reporter::test;

namespace {

const std::string k_shared = PTEST_SOURCE_DIR "/../shared/junit";

void require_tool(const char* tool, const char* package) {
    const CommandResult found = run_command(std::string("command -v ") + tool);
    INFO(tool << " is needed to validate JUnit reports: install the Debian package " << package);
    REQUIRE(found.exit_code == 0);
}

[[nodiscard]] std::filesystem::path write_report(const TempDir& dir, const std::string& file,
                                                 const std::vector<Event>& events,
                                                 JunitReportOptions options = {},
                                                 ptest::profiles::JunitConfig config = {}) {
    const std::filesystem::path path = dir.path() / "target/nextest/ci" / file;
    JunitReport report(std::move(config), path, options);
    for (const Event& event : events) {
        report.report(event);
    }
    report.write();
    REQUIRE(std::filesystem::exists(path));
    return path;
}

void check_schemas(const std::filesystem::path& report) {
    require_tool("xmllint", "libxml2-utils");
    require_tool("xsltproc", "xsltproc");
    const std::string file = shell_quote(report.string());
    const std::string exact =
        "xmllint --noout --schema " + shell_quote(k_shared + "/ptest-junit.xsd") + " " + file;
    const CommandResult exact_result = run_command(exact);
    INFO("command: " << exact << "\noutput: " << exact_result.output);
    CHECK(exact_result.exit_code == 0);

    const std::string compat = "set -o pipefail 2>/dev/null; xsltproc " +
                               shell_quote(k_shared + "/junit-10-compat.xsl") + " " + file +
                               " | xmllint --noout --schema " +
                               shell_quote(k_shared + "/junit-10.xsd") + " -";
    const CommandResult compat_result = run_command("bash -c " + shell_quote(compat));
    INFO("command: " << compat << "\noutput: " << compat_result.output);
    CHECK(compat_result.exit_code == 0);

    const std::string python = "python3 -c 'import xml.etree.ElementTree as E,sys; "
                               "E.parse(sys.argv[1])' " +
                               file;
    const CommandResult python_result = run_command(python);
    INFO("command: " << python << "\noutput: " << python_result.output);
    CHECK(python_result.exit_code == 0);
}

[[nodiscard]] std::size_t attribute(pugi::xml_node node, const char* name) {
    return static_cast<std::size_t>(node.attribute(name).as_ullong());
}

void check_counts(const std::filesystem::path& report) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(report.c_str()));
    const pugi::xml_node root = doc.child("testsuites");
    CHECK(attribute(root, "tests") == doc.select_nodes("//testcase").size());
    CHECK(attribute(root, "failures") == doc.select_nodes("//testcase[failure]").size());
    CHECK(attribute(root, "errors") == doc.select_nodes("//testcase[error]").size());
    CHECK(attribute(root, "skipped") == doc.select_nodes("//testcase[skipped]").size());
    std::size_t tests = 0;
    for (const pugi::xml_node suite : root.children("testsuite")) {
        INFO("suite " << suite.attribute("name").value());
        CHECK(attribute(suite, "tests") == suite.select_nodes("testcase").size());
        CHECK(attribute(suite, "failures") == suite.select_nodes("testcase[failure]").size());
        CHECK(attribute(suite, "errors") == suite.select_nodes("testcase[error]").size());
        CHECK(attribute(suite, "skipped") == suite.select_nodes("testcase[skipped]").size());
        tests += attribute(suite, "tests");
    }
    CHECK(tests == attribute(root, "tests"));
}

} // namespace

TEST_SUITE("reporter::JunitReport validation") {

    TEST_CASE("a report with every outcome validates against both schemas and counts right") {
        const TempDir dir;
        const std::filesystem::path report = write_report(dir, "junit.xml", every_outcome_events());
        check_schemas(report);
        check_counts(report);
        const std::string xml = read_file(report);
        CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
        CHECK(xml.find('\r') == std::string::npos);
    }

    TEST_CASE("reports with skipped tests and flaky failures validate too") {
        const TempDir dir;
        JunitReportOptions options;
        options.report_skipped = ReportSkipped::all;
        options.flaky_result_fail = true;
        const std::filesystem::path report =
            write_report(dir, "skipped.xml", every_outcome_events(), options);
        check_schemas(report);
        check_counts(report);
    }

    TEST_CASE("with flaky-properties only the testcase properties are outside the schemas") {
        require_tool("xsltproc", "xsltproc");
        const TempDir dir;
        ptest::profiles::JunitConfig config;
        config.flaky_properties = true;
        JunitReportOptions options;
        options.flaky_result_fail = true;
        const std::filesystem::path report =
            write_report(dir, "flaky.xml", every_outcome_events(), options, config);
        check_counts(report);
        // ptest-junit.xsd has no testcase properties: the strict check names them.
        const CommandResult strict =
            run_command("xmllint --noout --schema " + shell_quote(k_shared + "/ptest-junit.xsd") +
                        " " + shell_quote(report.string()) + " 2>&1");
        CHECK(strict.exit_code != 0);
        CHECK(strict.output.find("properties") != std::string::npos);
        // Without them, the report is the one both schemas accept.
        const std::filesystem::path stripped = dir.path() / "stripped.xml";
        const CommandResult strip = run_command(
            "xsltproc -o " + shell_quote(stripped.string()) + " " +
            shell_quote(PTEST_SOURCE_DIR "/tests/data/junit/without-testcase-properties.xsl") +
            " " + shell_quote(report.string()));
        REQUIRE(strip.exit_code == 0);
        check_schemas(stripped);
    }

    TEST_CASE("attempts that know where their case is still give a valid report by default") {
        std::vector<Event> events = every_outcome_events();
        for (Event& event : events) {
            if (auto* finished = std::get_if<TestFinished>(&event)) {
                for (AttemptResult& attempt : finished->attempts) {
                    attempt.location = {"tests/<odd> & \"named\".cpp", 12};
                }
            }
        }
        const TempDir dir;
        const std::filesystem::path report = write_report(dir, "located.xml", events);
        check_schemas(report);
        check_counts(report);
        CHECK(read_file(report).find(" file=") == std::string::npos);
    }

    TEST_CASE("failed setup scripts, health checks and teardowns validate in their own suite") {
        std::vector<Event> events = every_outcome_events();
        const WallClock::time_point start = make_run_started().start_time;
        ScriptFinished setup;
        setup.result.name = "db";
        setup.result.status = ScriptStatus::fail;
        setup.result.exit_code = 3;
        setup.result.start_time = start;
        setup.result.stdout_output = CapturedOutput{"initdb: <could not> & \"create\"\n"};
        ScriptHealthChecked health;
        health.name = "db";
        health.check = "tcp 127.0.0.1:5432";
        health.reason = "Connection refused";
        health.probes = 10;
        health.start_time = start;
        health.stderr_output = CapturedOutput{"pg_ctl: could not start server\n"};
        ScriptFinished teardown;
        teardown.result.kind = ScriptKind::teardown;
        teardown.result.name = "db-stop";
        teardown.result.status = ScriptStatus::timeout;
        teardown.result.reason = "terminated after its slow-timeout";
        teardown.result.start_time = start;
        events.insert(events.end() - 1, {setup, health, teardown});
        const TempDir dir;
        const std::filesystem::path report = write_report(dir, "scripts.xml", events);
        check_schemas(report);
        check_counts(report);
        pugi::xml_document doc;
        REQUIRE(doc.load_file(report.c_str()));
        const pugi::xml_node suite = doc.select_node("//testsuite[@name='@setup-scripts']").node();
        REQUIRE(suite);
        CHECK(attribute(suite, "tests") == 3);
        CHECK(attribute(suite, "failures") == 3);
        CHECK(std::string(suite.child("testcase").attribute("name").value()) == "setup db");
        CHECK(std::string(suite.child("testcase").child("failure").attribute("message").value()) ==
              "setup script db failed with exit code 3");
        CHECK(std::string(suite.child("testcase").child("system-out").text().get()) ==
              "initdb: <could not> & \"create\"\n");
    }

    TEST_CASE("a run with zero tests writes a valid report") {
        const TempDir dir;
        RunFinished done;
        const std::filesystem::path report =
            write_report(dir, "empty.xml", {make_run_started(), done});
        check_schemas(report);
        check_counts(report);
    }

    TEST_CASE("write reports an unwritable path as write_output_error") {
        const TempDir dir;
        {
            std::ofstream blocker(dir.path() / "target");
            blocker << "not a directory\n";
        }
        const std::filesystem::path path = dir.path() / "target/junit.xml";
        JunitReport report(ptest::profiles::JunitConfig{}, path);
        report.report(make_run_started());
        CHECK_THROWS_WITH_AS(report.write(),
                             ("cannot write " + path.string() + ": Not a directory").c_str(),
                             ptest::Error);
    }

    TEST_CASE("a relative junit path is resolved against the workspace root") {
        CHECK(resolve_junit_path("/ws", "target/nextest/ci/junit.xml") ==
              "/ws/target/nextest/ci/junit.xml");
        CHECK(resolve_junit_path("/ws", "/reports/out.xml") == "/reports/out.xml");
    }

    TEST_CASE("a merge of two shards' reports with every outcome validates and counts right") {
        const TempDir dir;
        const std::filesystem::path first = write_report(dir, "a.xml", every_outcome_events());
        // The second shard ran the same binaries' other cases: the same tests, renamed.
        pugi::xml_document second;
        REQUIRE(second.load_file(first.c_str()));
        for (const pugi::xpath_node node : second.select_nodes("//testcase")) {
            pugi::xml_attribute name = node.node().attribute("name");
            name = ("shard2 " + std::string(name.value())).c_str();
        }
        std::ostringstream second_xml;
        second.save(second_xml, "", pugi::format_raw, pugi::encoding_utf8);
        const JunitMerged merged = merge_junit_reports(
            {{"a.xml", read_file(first)}, {"b.xml", second_xml.str()}}, ptest::base::random_uuid());
        CHECK(merged.warnings.empty());
        const std::filesystem::path out = dir.path() / "merged.xml";
        std::ofstream(out) << merged.xml;
        check_schemas(out);
        check_counts(out);
        pugi::xml_document document;
        REQUIRE(document.load_file(out.c_str()));
        CHECK(document.select_nodes("//testcase").size() ==
              2 * second.select_nodes("//testcase").size());
        CHECK(document.select_nodes("//rerunFailure").size() ==
              2 * second.select_nodes("//rerunFailure").size());
        CHECK(document.select_nodes("//flakyFailure").size() ==
              2 * second.select_nodes("//flakyFailure").size());
    }

} // TEST_SUITE
