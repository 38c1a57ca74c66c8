// JunitReport fed hand-built events: each outcome of contract §3 becomes exactly the elements,
// `type` strings and messages the contract lists, in a deterministic order, with counts that add
// up; the size budget and the report options behave as documented.
#include "base/text_sanitizer.hpp"
#include "junit_test_support.hpp"

#include "reporter/junit/junit_report.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>

using namespace ptest::reporter;
using namespace ptest::reporter::test;

namespace {

[[nodiscard]] pugi::xml_document parse(const std::string& xml) {
    pugi::xml_document document;
    const pugi::xml_parse_result result = document.load_string(xml.c_str());
    REQUIRE_MESSAGE(result, result.description());
    return document;
}

[[nodiscard]] std::string xml_of(const std::vector<Event>& events,
                                 ptest::profiles::JunitConfig config = {},
                                 JunitReportOptions options = {}) {
    JunitReport report(std::move(config), "unused.xml", options);
    for (const Event& event : events) {
        report.report(event);
    }
    return report.to_xml();
}

[[nodiscard]] std::string query(const pugi::xml_document& document, const std::string& xpath) {
    return document.select_node(xpath.c_str()).attribute().value();
}

[[nodiscard]] std::string text_of(const pugi::xml_document& document, const std::string& xpath) {
    return document.select_node(xpath.c_str()).node().child_value();
}

[[nodiscard]] std::size_t count(const pugi::xml_document& document, const std::string& xpath) {
    return document.select_nodes(xpath.c_str()).size();
}

[[nodiscard]] std::string case_path(const std::string& suite, const std::string& name) {
    return "/testsuites/testsuite[@name='" + suite + "']/testcase[@name='" + name + "']";
}

} // namespace

TEST_SUITE("reporter::JunitReport") {

    TEST_CASE("a run with zero tests writes an empty testsuites element") {
        RunFinished done;
        done.elapsed = std::chrono::milliseconds(5);
        const std::string xml = xml_of({make_run_started(), done});
        CHECK(xml == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"nextest-run\" tests=\"0\" skipped=\"0\" failures=\"0\" "
                     "errors=\"0\" uuid=\"3f0c8d2e-6b1a-4c55-9a7e-2d9b4f61c0aa\" "
                     "timestamp=\"2025-01-09T07:50:12.664+00:00\" time=\"0.005\" />\n");
    }

    TEST_CASE("suites follow the test list and test cases their first start time") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        CHECK(count(doc, "/testsuites/testsuite") == 2); // empty_bin has no test case
        CHECK(query(doc, "/testsuites/testsuite[1]/@name") == "io_tests");
        CHECK(query(doc, "/testsuites/testsuite[2]/@name") == "math_tests");
        CHECK(query(doc, "/testsuites/testsuite[1]/testcase[1]/@name") == "reads config");
        CHECK(query(doc, "/testsuites/testsuite[1]/testcase[2]/@name") == "crashes");
        CHECK(query(doc, "/testsuites/testsuite[1]/testcase[6]/@name") == "hangs");
        CHECK(query(doc, "/testsuites/testsuite[2]/testcase[1]/@name") == "Math.Adds");
        CHECK(query(doc, "/testsuites/testsuite[2]/testcase[9]/@name") == "Math.AlwaysFails");
        CHECK(query(doc, "/testsuites/@timestamp") == "2025-01-09T07:50:12.664+00:00");
        CHECK(query(doc, "/testsuites/@time") == "13.517");
        CHECK(query(doc, "/testsuites/testsuite[2]/@timestamp") == "2025-01-09T07:50:12.665+00:00");
        CHECK(query(doc, "/testsuites/testsuite[2]/@time") == "0.109");
        CHECK(query(doc, "/testsuites/testsuite[1]/@time") == "13.511");
    }

    TEST_CASE("the counts match the elements, per suite and in total") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        CHECK(query(doc, "/testsuites/@tests") == "15");
        CHECK(query(doc, "/testsuites/@failures") == "6");
        CHECK(query(doc, "/testsuites/@errors") == "4");
        CHECK(query(doc, "/testsuites/@skipped") == "1");
        CHECK(query(doc, "/testsuites/testsuite[1]/@tests") == "6");
        CHECK(query(doc, "/testsuites/testsuite[1]/@failures") == "3");
        CHECK(query(doc, "/testsuites/testsuite[1]/@errors") == "3");
        CHECK(query(doc, "/testsuites/testsuite[2]/@tests") == "9");
        CHECK(query(doc, "/testsuites/testsuite[2]/@failures") == "3");
        CHECK(query(doc, "/testsuites/testsuite[2]/@errors") == "1");
        CHECK(query(doc, "/testsuites/testsuite[2]/@skipped") == "1");
    }

    TEST_CASE("passing tests, leaky passes included, have no children by default") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        for (const char* name : {"Math.Adds", "Leak.Passes", "Markup<&\">"}) {
            INFO(name);
            const pugi::xml_node node =
                doc.select_node(case_path("math_tests", name).c_str()).node();
            REQUIRE(node);
            CHECK(node.first_child().empty());
        }
        CHECK(query(doc, case_path("math_tests", "Math.Adds") + "/@time") == "0.004");
        CHECK(query(doc, case_path("math_tests", "Math.Adds") + "/@classname") == "math_tests");
    }

    TEST_CASE("failures carry the framework message or the contract's fallback") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        const std::string compares = case_path("math_tests", "Math.Compares") + "/failure";
        CHECK(query(doc, compares + "/@message") ==
              "math_test.cpp:12: Expected equality of these values:");
        CHECK(query(doc, compares + "/@type") == "test failure with exit code 1");
        CHECK(text_of(doc, compares) ==
              "math_test.cpp:12: Failure\nExpected equality of these values:\n  a < b && ok\n");

        const std::string vanished = case_path("math_tests", "Math.Vanished") + "/failure";
        CHECK(query(doc, vanished + "/@message") == "test failed: no test case ran");
        CHECK(query(doc, vanished + "/@type") == "test failure with exit code 0");

        const std::string crash = case_path("io_tests", "crashes") + "/failure";
        CHECK(query(doc, crash + "/@message") == "test aborted by signal 11 (SIGSEGV)");
        CHECK(query(doc, crash + "/@type") == "test abort");
        CHECK(text_of(doc, crash) == "io_test.cpp:77: about to dereference\n");

        const std::string timeout = case_path("io_tests", "reads config");
        CHECK(query(doc, timeout + "/failure/@message") ==
              "test timeout after 3.000s (terminated with SIGTERM)");
        CHECK(query(doc, timeout + "/failure/@type") == "test timeout");
        CHECK(text_of(doc, timeout + "/system-out") == "waiting for lock...\n");
        CHECK(query(doc, timeout + "/@time") == "3.001");
    }

    TEST_CASE("exec failures, leak failures and cancelled tests are errors") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        const std::string exec = case_path("io_tests", "missing binary");
        CHECK(query(doc, exec + "/error/@message") ==
              "failed to start io_tests: No such file or directory (os error 2)");
        CHECK(query(doc, exec + "/error/@type") == "execution failure");
        CHECK(text_of(doc, exec + "/system-out") == "(process failed to start)");
        CHECK(text_of(doc, exec + "/system-err") == "(process failed to start)");

        const std::string leak = case_path("math_tests", "Leak.Fails") + "/error";
        CHECK(query(doc, leak + "/@type") ==
              "test exited with code 0, but leaked handles so was marked failed");
        CHECK(query(doc, leak + "/@message") == query(doc, leak + "/@type"));

        const std::string sleeps = case_path("io_tests", "sleeps");
        CHECK(query(doc, sleeps + "/error/@message") == "cancelled by SIGTERM after 12.345s");
        CHECK(query(doc, sleeps + "/error/@type") == "test cancelled");
        CHECK(text_of(doc, sleeps + "/system-out") == "partial output\n");

        const std::string hangs = case_path("io_tests", "hangs") + "/error";
        CHECK(query(doc, hangs + "/@type") == "test cancelled");
        CHECK(query(doc, hangs + "/@message").starts_with("cancelled by SIGTERM after "));
    }

    TEST_CASE("a flaky pass lists its failed attempts and counts as passed") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        const std::string flaky = case_path("math_tests", "Net.Retries");
        CHECK(count(doc, flaky + "/*") == 1);
        CHECK(query(doc, flaky + "/flakyFailure/@timestamp") == "2025-01-09T07:50:12.674+00:00");
        CHECK(query(doc, flaky + "/flakyFailure/@time") == "0.007");
        CHECK(query(doc, flaky + "/flakyFailure/@message") ==
              "net_test.cpp:40: Value of: connected");
        CHECK(query(doc, flaky + "/flakyFailure/@type") == "test failure with exit code 1");
        CHECK(text_of(doc, flaky + "/flakyFailure/system-out") == "[ RUN      ] Net.Retries\n");
        CHECK(query(doc, flaky + "/@timestamp") == "2025-01-09T07:50:12.684+00:00");
        CHECK(query(doc, flaky + "/@time") == "0.006");
    }

    TEST_CASE("a test that failed on every attempt reports attempt 1 and reruns for the others") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        const std::string always = case_path("math_tests", "Math.AlwaysFails");
        CHECK(doc.select_node(always.c_str()).node().first_child().name() ==
              std::string("failure"));
        CHECK(count(doc, always + "/rerunFailure") == 2);
        CHECK(query(doc, always + "/rerunFailure[1]/@type") == "test abort");
        CHECK(query(doc, always + "/rerunFailure[1]/@message") ==
              "test aborted by signal 6 (SIGABRT)");
        CHECK(text_of(doc, always + "/rerunFailure[1]/system-err") == "attempt 2 failed\n");
        CHECK(query(doc, always + "/rerunFailure[2]/@timestamp") ==
              "2025-01-09T07:50:12.724+00:00");
        CHECK(text_of(doc, always + "/system-err") == "attempt 1 failed\n");
        CHECK(query(doc, always + "/@timestamp") == "2025-01-09T07:50:12.704+00:00");
    }

    TEST_CASE("a test that passed only when re-run alone gives the reason in each flaky message, "
              "and one that failed alone too says so in its last rerun") {
        std::vector<Event> events = every_outcome_events();
        for (Event& event : events) {
            if (auto* finished = std::get_if<TestFinished>(&event)) {
                if (finished->test.name == "Net.Retries" ||
                    finished->test.name == "Math.AlwaysFails") {
                    finished->attempts.back().ran_alone = true;
                }
            }
        }
        const pugi::xml_document doc = parse(xml_of(events));
        const std::string flaky = case_path("math_tests", "Net.Retries");
        CHECK(count(doc, flaky + "/*") == 1);
        CHECK(query(doc, flaky + "/flakyFailure/@message") ==
              std::string(k_passes_alone_reason) + "; net_test.cpp:40: Value of: connected");
        const std::string always = case_path("math_tests", "Math.AlwaysFails");
        CHECK(query(doc, always + "/rerunFailure[1]/@message") ==
              "test aborted by signal 6 (SIGABRT)");
        CHECK(query(doc, always + "/rerunFailure[2]/@message") ==
              "failed when run alone too; test failed with exit code 1");
    }

    TEST_CASE("a runtime skip keeps its real timestamp and time") {
        const pugi::xml_document doc = parse(xml_of(every_outcome_events()));
        const std::string skip = case_path("math_tests", "Math.SkipsItself");
        CHECK(query(doc, skip + "/skipped/@message") ==
              "math_test.cpp:80: Skipped not on this platform");
        CHECK(query(doc, skip + "/@timestamp") == "2025-01-09T07:50:12.669+00:00");
        CHECK(query(doc, skip + "/@time") == "0.001");
    }

    TEST_CASE("report-skipped adds ignored tests, or every test that never ran") {
        JunitReportOptions options;
        options.report_skipped = ReportSkipped::ignored;
        const pugi::xml_document ignored = parse(xml_of(every_outcome_events(), {}, options));
        const std::string slow = case_path("math_tests", "Math.DISABLED_Slow");
        CHECK(query(ignored, slow + "/skipped/@message") == "Skipped: test ignored");
        CHECK(query(ignored, slow + "/@time") == "0.000");
        CHECK_FALSE(ignored.select_node((slow + "/@timestamp").c_str()));
        CHECK(query(ignored, "/testsuites/testsuite[2]/testcase[last()]/@name") ==
              "Math.DISABLED_Slow");
        CHECK(query(ignored, "/testsuites/@skipped") == "2");
        CHECK(count(ignored, "//testcase[@name='Math.Filtered']") == 0);

        options.report_skipped = ReportSkipped::all;
        const pugi::xml_document all = parse(xml_of(every_outcome_events(), {}, options));
        CHECK(query(all, case_path("math_tests", "Math.Filtered") + "/skipped/@message") ==
              "Skipped: test filtered out");
        CHECK(query(all, "/testsuites/@tests") == "17");
        CHECK(query(all, "/testsuites/@skipped") == "3");
    }

    TEST_CASE("flaky-result fail writes a flaky failure unless flaky-fail-status is success") {
        JunitReportOptions options;
        options.flaky_result_fail = true;
        const pugi::xml_document doc = parse(xml_of(every_outcome_events(), {}, options));
        const std::string flaky = case_path("math_tests", "Net.Retries");
        CHECK(query(doc, flaky + "/failure/@type") == "flaky failure");
        CHECK(query(doc, flaky + "/failure/@message") ==
              "test passed on attempt 2/3 but is configured to fail when flaky");
        CHECK(count(doc, flaky + "/flakyFailure") == 1);
        CHECK(query(doc, "/testsuites/@failures") == "7");

        options.flaky_fail_status = FlakyFailStatus::success;
        const pugi::xml_document success = parse(xml_of(every_outcome_events(), {}, options));
        CHECK(count(success, flaky + "/failure") == 0);
        CHECK(query(success, "/testsuites/@failures") == "6");
    }

    TEST_CASE("flaky-properties gives only flaky testcases a flaky property and attempt count") {
        ptest::profiles::JunitConfig config;
        config.flaky_properties = true;
        const pugi::xml_document doc = parse(xml_of(every_outcome_events(), config));
        const std::string flaky = case_path("math_tests", "Net.Retries");
        CHECK(query(doc, flaky + "/properties/property[@name='flaky']/@value") == "true");
        CHECK(query(doc, flaky + "/properties/property[@name='attempts']/@value") == "2");
        CHECK(count(doc, flaky + "/properties/property") == 2);
        // The properties come first, then the outcome elements.
        CHECK(std::string(doc.select_node((flaky + "/*[1]").c_str()).node().name()) ==
              "properties");
        CHECK(count(doc, "//testcase/properties") == 1);

        const pugi::xml_document off = parse(xml_of(every_outcome_events()));
        CHECK(count(off, "//properties") == 0);
    }

    TEST_CASE("junit_report_options takes report-skipped, flaky-fail-status and flaky-result") {
        ptest::profiles::Profile profile;
        CHECK_FALSE(junit_report_options(profile).flaky_result_fail);
        profile.flaky_result = ptest::profiles::FlakyResult::fail;
        profile.junit.report_skipped = ReportSkipped::all;
        profile.junit.flaky_fail_status = FlakyFailStatus::success;
        const JunitReportOptions options = junit_report_options(profile);
        CHECK(options.flaky_result_fail);
        CHECK(options.report_skipped == ReportSkipped::all);
        CHECK(options.flaky_fail_status == FlakyFailStatus::success);
    }

    TEST_CASE("store-success-output and store-failure-output choose the stored output") {
        ptest::profiles::JunitConfig config;
        config.store_success_output = true;
        config.store_failure_output = false;
        config.report_name = "ptest-ci";
        const pugi::xml_document doc = parse(xml_of(every_outcome_events(), config));
        CHECK(query(doc, "/testsuites/@name") == "ptest-ci");
        CHECK(text_of(doc, case_path("math_tests", "Math.Adds") + "/system-out") ==
              "[ RUN      ] Math.Adds\n[       OK ] Math.Adds (0 ms)\n");
        CHECK(count(doc, case_path("math_tests", "Math.Compares") + "/system-out") == 0);
        CHECK(count(doc, "//flakyFailure/system-out") == 0);
    }

    TEST_CASE("hostile output is sanitised and 5 MiB of output is truncated") {
        const std::string xml = xml_of(every_outcome_events());
        const pugi::xml_document doc = parse(xml);
        const std::string out =
            text_of(doc, case_path("math_tests", "Math.Compares") + "/system-out");
        CHECK(out ==
              "[ RUN      ] Math.Compares\n[  FAILED  ]\nhostile:  ]]> <![CDATA[ &#27; "
              "</system-out> \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD  end\n"
              "NUL here::done\n");
        CHECK(xml.find("]]&gt; &lt;![CDATA[ &amp;#27; &lt;/system-out&gt;") != std::string::npos);
        CHECK(xml.find("&#") == std::string::npos); // no character references at all
        const std::string noisy =
            text_of(doc, case_path("io_tests", "prints a lot") + "/system-out");
        CHECK(noisy.size() <= ptest::base::k_field_cap);
        CHECK(noisy.starts_with("noise line 0\n"));
        CHECK(noisy.find("[ptest: truncated ") != std::string::npos);
    }

    TEST_CASE("attempt elements get no whitespace inside their text") {
        const std::string xml = xml_of(every_outcome_events());
        CHECK(xml.find("Value of: connected\n<system-out>[ RUN      ] Net.Retries\n"
                       "</system-out><system-err></system-err></flakyFailure>") !=
              std::string::npos);
        CHECK(xml.find("<system-out></system-out>") != std::string::npos);
    }

    TEST_CASE("the per-file budget drops passing output first, then halves the field cap") {
        std::vector<Event> events{make_run_started()};
        AttemptResult pass = make_attempt(AttemptStatus::pass, 1, 1);
        pass.stdout_output.text = std::string(100 * 1024, 'p');
        AttemptResult fail = make_attempt(AttemptStatus::fail, 2, 1);
        fail.exit_code = 1;
        fail.stdout_output.text = std::string(400 * 1024, 'f');
        events.emplace_back(TestFinished{{"io_tests", "passes"}, {pass}, 0});
        events.emplace_back(TestFinished{{"io_tests", "fails"}, {fail}, 0});
        ptest::profiles::JunitConfig config;
        config.store_success_output = true;
        const std::string passes = case_path("io_tests", "passes") + "/system-out";
        const std::string fails = case_path("io_tests", "fails") + "/system-out";

        JunitReportOptions options;
        options.budget.file_bytes = 300 * 1024;
        const pugi::xml_document first = parse(xml_of(events, config, options));
        CHECK(text_of(first, passes) == "(output omitted: JUnit size budget)");
        CHECK(text_of(first, fails).size() > 250 * 1024);

        options.budget.file_bytes = 100 * 1024;
        const pugi::xml_document halved = parse(xml_of(events, config, options));
        CHECK(text_of(halved, fails).size() <= 64 * 1024);
        CHECK(text_of(halved, fails).size() > 60 * 1024);

        options.budget.file_bytes = 1024;
        JunitReport report(config, "unused.xml", options);
        for (const Event& event : events) {
            report.report(event);
        }
        const pugi::xml_document over = parse(report.to_xml());
        CHECK(text_of(over, fails).size() <= 4 * 1024);
        CHECK(report.budget_warning().starts_with("JUnit report unused.xml holds "));
    }

} // TEST_SUITE
