// Tests of merge_junit_reports: suites of one name become one with recomputed counts and times,
// attempt elements and properties survive, duplicates are kept once when they agree and refused
// naming both files when they do not, and an input that is not a JUnit report is refused by name.
#include "base/error.hpp"

#include "reporter/junit/junit_merge.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::reporter;

namespace {

const char* const k_uuid = "0f0e0d0c-0b0a-4908-8706-050403020100";

/// A report of one run holding `suites` (already rendered `testsuite` elements).
std::string report(const std::string& timestamp, const std::string& time,
                   const std::string& suites) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nextest-run\" "
           "tests=\"0\" skipped=\"0\" failures=\"0\" errors=\"0\" "
           "uuid=\"3f0c8d2e-6b1a-4c55-9a7e-2d9b4f61c0aa\" timestamp=\"" +
           timestamp + "\" time=\"" + time + "\">" + suites + "</testsuites>\n";
}

std::string suite(const std::string& name, const std::string& timestamp, const std::string& time,
                  const std::string& cases) {
    return "<testsuite name=\"" + name +
           "\" tests=\"9\" skipped=\"9\" errors=\"9\" failures=\"9\" timestamp=\"" + timestamp +
           "\" time=\"" + time + "\">" + cases + "</testsuite>";
}

std::string passing(const std::string& suite_name, const std::string& name) {
    return "<testcase name=\"" + name + "\" classname=\"" + suite_name +
           "\" timestamp=\"2025-01-09T07:50:12.665+00:00\" time=\"0.004\"/>";
}

std::string failing(const std::string& suite_name, const std::string& name) {
    return "<testcase name=\"" + name + "\" classname=\"" + suite_name +
           "\" timestamp=\"2025-01-09T07:50:12.665+00:00\" time=\"0.004\"><failure message=\"m\" "
           "type=\"test failure with exit code 1\">desc</failure></testcase>";
}

std::string merge_error(const std::vector<JunitInput>& inputs) {
    try {
        (void)merge_junit_reports(inputs, k_uuid);
    } catch (const ptest::Error& error) {
        return error.code() == ptest::ExitCode::junit_merge_failed ? error.what()
                                                                   : "<wrong exit code>";
    }
    return "<no error>";
}

pugi::xml_node root_of(pugi::xml_document& document, const std::string& xml) {
    REQUIRE(document.load_string(xml.c_str()));
    return document.child("testsuites");
}

} // namespace

TEST_SUITE("reporter::merge_junit_reports") {

    TEST_CASE("suites of one name become one suite whose counts and span cover both shards") {
        const std::string a = report(
            "2025-01-09T07:50:12.000+00:00", "2.000",
            suite("math", "2025-01-09T07:50:12.000+00:00", "1.500",
                  passing("math", "Math.Adds") + failing("math", "Math.Fails")) +
                suite("io", "2025-01-09T07:50:12.500+00:00", "1.000", passing("io", "reads")));
        const std::string b =
            report("2025-01-09T07:50:11.000+00:00", "2.000",
                   suite("math", "2025-01-09T07:50:11.000+00:00", "0.250",
                         "<testcase name=\"Math.Skips\" classname=\"math\" time=\"0.000\">"
                         "<skipped message=\"Skipped: test ignored\"/></testcase>"));
        const JunitMerged merged = merge_junit_reports({{"a.xml", a}, {"b.xml", b}}, k_uuid);
        CHECK(merged.warnings.empty());
        CHECK(merged.tests == 4);
        CHECK(merged.failures == 1);
        CHECK(merged.suites == 2);
        pugi::xml_document document;
        const pugi::xml_node root = root_of(document, merged.xml);
        CHECK(std::string(root.attribute("tests").value()) == "4");
        CHECK(std::string(root.attribute("failures").value()) == "1");
        CHECK(std::string(root.attribute("skipped").value()) == "1");
        CHECK(std::string(root.attribute("errors").value()) == "0");
        CHECK(std::string(root.attribute("uuid").value()) == k_uuid);
        // Earliest start 07:50:11.000, latest end 07:50:14.000.
        CHECK(std::string(root.attribute("timestamp").value()) == "2025-01-09T07:50:11.000+00:00");
        CHECK(std::string(root.attribute("time").value()) == "3.000");
        const pugi::xml_node math = root.child("testsuite");
        CHECK(std::string(math.attribute("name").value()) == "math");
        CHECK(std::string(math.attribute("tests").value()) == "3");
        CHECK(std::string(math.attribute("failures").value()) == "1");
        CHECK(std::string(math.attribute("skipped").value()) == "1");
        CHECK(std::string(math.attribute("timestamp").value()) == "2025-01-09T07:50:11.000+00:00");
        CHECK(std::string(math.attribute("time").value()) == "2.500");
        std::vector<std::string> names;
        for (const pugi::xml_node test_case : math.children("testcase")) {
            names.emplace_back(test_case.attribute("name").value());
        }
        CHECK(names == std::vector<std::string>{"Math.Adds", "Math.Fails", "Math.Skips"});
        CHECK(std::string(math.next_sibling("testsuite").attribute("name").value()) == "io");
    }

    TEST_CASE("attempt elements, outputs and suite properties are kept, properties once") {
        const std::string flaky =
            "<testcase name=\"Net.Retries\" classname=\"net\" "
            "timestamp=\"2025-01-09T07:50:12.690+00:00\" time=\"0.006\"><flakyFailure "
            "timestamp=\"2025-01-09T07:50:12.680+00:00\" time=\"0.007\" message=\"net:40\" "
            "type=\"test failure with exit code 1\">net_test.cpp:40: Failure<system-out>out\n"
            "</system-out><system-err>err\n</system-err></flakyFailure></testcase>";
        const std::string properties =
            "<properties><property name=\"command\" value=\"net_tests\"/></properties>";
        const std::string a =
            report("2025-01-09T07:50:12.000+00:00", "1.000",
                   suite("net", "2025-01-09T07:50:12.000+00:00", "1.000", properties + flaky));
        const std::string b = report("2025-01-09T07:50:12.000+00:00", "1.000",
                                     suite("net", "2025-01-09T07:50:12.000+00:00", "1.000",
                                           properties + passing("net", "Net.Plain")));
        const JunitMerged merged = merge_junit_reports({{"a.xml", a}, {"b.xml", b}}, k_uuid);
        pugi::xml_document document;
        const pugi::xml_node root = root_of(document, merged.xml);
        CHECK(root.select_nodes("//property").size() == 1);
        CHECK(std::string(root.child("testsuite").first_child().name()) == "properties");
        const pugi::xml_node attempt = root.select_node("//flakyFailure").node();
        REQUIRE(attempt);
        CHECK(std::string(attempt.first_child().value()) == "net_test.cpp:40: Failure");
        CHECK(std::string(attempt.child("system-out").text().get()) == "out\n");
        // No indentation was added inside the attempt, whose text is its description.
        CHECK(merged.xml.find("Failure<system-out>out\n</system-out><system-err>") !=
              std::string::npos);
        // A flaky pass counts as passed.
        CHECK(std::string(root.attribute("failures").value()) == "0");
    }

    TEST_CASE("a test in two reports with one verdict is kept once, with a warning") {
        const std::string a = report(
            "2025-01-09T07:50:12.000+00:00", "1.000",
            suite("math", "2025-01-09T07:50:12.000+00:00", "1.000", passing("math", "Math.Adds")));
        const JunitMerged merged = merge_junit_reports({{"a.xml", a}, {"copy.xml", a}}, k_uuid);
        CHECK(merged.tests == 1);
        CHECK(merged.warnings ==
              std::vector<std::string>{"test `math` `Math.Adds` is in both a.xml and copy.xml "
                                       "(passed in both): kept once; did two shards run it?"});
    }

    TEST_CASE("a test in two reports with different verdicts is refused, naming both files") {
        const std::string a = report(
            "2025-01-09T07:50:12.000+00:00", "1.000",
            suite("math", "2025-01-09T07:50:12.000+00:00", "1.000", passing("math", "Math.Adds")));
        const std::string b = report(
            "2025-01-09T07:50:12.000+00:00", "1.000",
            suite("math", "2025-01-09T07:50:12.000+00:00", "1.000", failing("math", "Math.Adds")));
        CHECK(merge_error({{"shard1.xml", a}, {"shard2.xml", b}}) ==
              "test `math` `Math.Adds` is in two reports with different verdicts: passed in "
              "shard1.xml, failure in shard2.xml");
    }

    TEST_CASE("an input that is not a JUnit report is refused in one line naming it") {
        const std::string good = report("2025-01-09T07:50:12.000+00:00", "1.000", "");
        CHECK(merge_error({{"a.xml", good}, {"notes.txt", "hello"}}) ==
              "notes.txt: not a JUnit report: No document element found at byte 5");
        CHECK(merge_error({{"cut.xml", good.substr(0, good.size() / 2)}})
                  .starts_with("cut.xml: not a JUnit report: "));
        CHECK(merge_error({{"pom.xml", "<project/>"}}) ==
              "pom.xml: not a JUnit report: its root element is <project>, not <testsuites>");
        CHECK(merge_error({{"x.xml", "<testsuites><testsuite/></testsuites>"}}) ==
              "x.xml: not a JUnit report: a <testsuite> has no name");
    }

    TEST_CASE("merging one report gives it back with its counts") {
        const std::string a =
            report("2025-01-09T07:50:12.000+00:00", "1.000",
                   suite("math", "2025-01-09T07:50:12.000+00:00", "1.000",
                         passing("math", "Math.Adds") + failing("math", "Math.Fails")));
        const JunitMerged merged = merge_junit_reports({{"a.xml", a}}, k_uuid);
        CHECK(merged.xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
                                     "name=\"nextest-run\" tests=\"2\" skipped=\"0\" "
                                     "failures=\"1\" errors=\"0\" uuid=\""));
    }
}
