// JunitReport and the JUnit document with `junit.source-location`: a testcase carries `file` and
// `line` exactly as the framework reported them (sanitised and escaped, never made absolute) when
// the profile asks for them and they are known, and never otherwise.
#include "junit_test_support.hpp"

#include "reporter/junit/junit_report.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::reporter;
using namespace ptest::reporter::test;

namespace {

[[nodiscard]] ptest::profiles::JunitConfig with_location(bool on) {
    ptest::profiles::JunitConfig config;
    config.source_location = on;
    return config;
}

[[nodiscard]] AttemptResult located(AttemptResult attempt, std::string file, std::uint32_t line) {
    attempt.location = {std::move(file), line};
    return attempt;
}

[[nodiscard]] TestFinished finished(std::string name, std::vector<AttemptResult> attempts) {
    TestFinished event;
    event.test = {"math_tests", std::move(name)};
    event.attempts = std::move(attempts);
    return event;
}

/// The report of one run with the given finished tests.
[[nodiscard]] std::string xml_of(const std::vector<TestFinished>& tests, bool source_location) {
    JunitReport report(with_location(source_location), "unused.xml");
    report.report(make_run_started());
    for (const TestFinished& test : tests) {
        report.report(test);
    }
    RunFinished done;
    done.elapsed = std::chrono::milliseconds(50);
    report.report(done);
    return report.to_xml();
}

/// The `testcase` element named `name` in `document` (which must hold it).
[[nodiscard]] pugi::xml_node test_case(const pugi::xml_document& document,
                                       const std::string& name) {
    for (const pugi::xpath_node& each : document.select_nodes("//testcase")) {
        if (name == each.node().attribute("name").value()) {
            return each.node();
        }
    }
    FAIL("no testcase named " << name);
    return {};
}

[[nodiscard]] pugi::xml_document parse(const std::string& xml) {
    pugi::xml_document document;
    const pugi::xml_parse_result result = document.load_string(xml.c_str());
    REQUIRE_MESSAGE(result, result.description());
    return document;
}

[[nodiscard]] AttemptResult failed_attempt() {
    AttemptResult attempt = make_attempt(AttemptStatus::fail, 2, 5);
    attempt.exit_code = 1;
    return attempt;
}

} // namespace

TEST_SUITE("reporter::JunitReport source location") {

    TEST_CASE("by default a testcase has no file or line, even when its attempts know them") {
        const std::string xml =
            xml_of({finished("Math.Adds", {located(make_attempt(AttemptStatus::pass, 1, 4),
                                                   "tests/math_test.cpp", 12)})},
                   false);
        CHECK(xml.find("file=") == std::string::npos);
        CHECK(xml.find("line=") == std::string::npos);
    }

    TEST_CASE("with source-location, passing and failing testcases say where they are declared") {
        const pugi::xml_document doc = parse(xml_of(
            {finished("Math.Adds", {located(make_attempt(AttemptStatus::pass, 1, 4),
                                            "tests/math_test.cpp", 12)}),
             finished("Math.Compares", {located(failed_attempt(), "../src/compare.cpp", 40)})},
            true));
        const pugi::xml_node adds = test_case(doc, "Math.Adds");
        CHECK(std::string(adds.attribute("file").value()) == "tests/math_test.cpp");
        CHECK(std::string(adds.attribute("line").value()) == "12");
        const pugi::xml_node compares = test_case(doc, "Math.Compares");
        CHECK(std::string(compares.attribute("file").value()) == "../src/compare.cpp");
        CHECK(compares.attribute("line").as_uint() == 40);
        CHECK(compares.child("failure"));
    }

    TEST_CASE("the attributes come after the contract's own, in a fixed order") {
        const std::string xml =
            xml_of({finished("Math.Adds", {located(make_attempt(AttemptStatus::pass, 1, 4),
                                                   "tests/math_test.cpp", 12)})},
                   true);
        CHECK(xml.find("<testcase name=\"Math.Adds\" classname=\"math_tests\" "
                       "timestamp=\"2025-01-09T07:50:12.665+00:00\" time=\"0.004\" "
                       "file=\"tests/math_test.cpp\" line=\"12\" />") != std::string::npos);
    }

    TEST_CASE("a file without a line is written alone, and an unknown location not at all") {
        const pugi::xml_document doc =
            parse(xml_of({finished("NoLine", {located(failed_attempt(), "tests/math_test.cpp", 0)}),
                          finished("Nowhere", {failed_attempt()})},
                         true));
        const pugi::xml_node no_line = test_case(doc, "NoLine");
        CHECK(std::string(no_line.attribute("file").value()) == "tests/math_test.cpp");
        CHECK_FALSE(no_line.attribute("line"));
        const pugi::xml_node nowhere = test_case(doc, "Nowhere");
        CHECK_FALSE(nowhere.attribute("file"));
        CHECK_FALSE(nowhere.attribute("line"));
    }

    TEST_CASE("the latest attempt that knows the location gives it") {
        AttemptResult first = located(failed_attempt(), "tests/first.cpp", 1);
        first.total_attempts = 2;
        AttemptResult second = make_attempt(AttemptStatus::pass, 20, 3, 2, 2);
        const pugi::xml_document doc = parse(xml_of({finished("Flaky", {first, second})}, true));
        CHECK(std::string(test_case(doc, "Flaky").attribute("file").value()) == "tests/first.cpp");

        second = located(second, "tests/second.cpp", 2);
        const pugi::xml_document later = parse(xml_of({finished("Flaky", {first, second})}, true));
        CHECK(std::string(test_case(later, "Flaky").attribute("file").value()) ==
              "tests/second.cpp");
        CHECK(test_case(later, "Flaky").attribute("line").as_uint() == 2);
    }

    TEST_CASE("special characters in a file name are escaped, bad bytes repaired") {
        const std::string file = "dir with space/<&\">'\xc3\xa9\t\x1b[31mx\xFF.cpp";
        const std::string xml = xml_of(
            {finished("Odd", {located(make_attempt(AttemptStatus::pass, 1, 4), file, 3)})}, true);
        // `>` needs no escape in an attribute; a TAB is written as a reference so it survives.
        CHECK(xml.find("file=\"dir with space/&lt;&amp;&quot;>'\xc3\xa9&#09;x") !=
              std::string::npos);
        CHECK(xml.find('\x1b') == std::string::npos);
        const pugi::xml_document doc = parse(xml);
        // The escape sequence is stripped and the invalid byte becomes U+FFFD; the rest stays.
        CHECK(std::string(test_case(doc, "Odd").attribute("file").value()) ==
              "dir with space/<&\">'\xc3\xa9\tx\xef\xbf\xbd.cpp");
    }

    TEST_CASE(
        "a path the framework reported absolute stays as it was, and relative stays relative") {
        const pugi::xml_document doc =
            parse(xml_of({finished("Absolute", {located(failed_attempt(), "/build/src/a.cpp", 5)}),
                          finished("Relative", {located(failed_attempt(), "src/a.cpp", 6)})},
                         true));
        CHECK(std::string(test_case(doc, "Absolute").attribute("file").value()) ==
              "/build/src/a.cpp");
        CHECK(std::string(test_case(doc, "Relative").attribute("file").value()) == "src/a.cpp");
    }

} // TEST_SUITE
