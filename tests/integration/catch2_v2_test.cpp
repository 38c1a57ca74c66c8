// ptest on real Catch2 2.13 binaries that try to fool it (tests/fixtures/catch2): each verdict is
// read from Catch2's XML report and cross-checked with the exit status, with and without
// --no-capture; names a test spec cannot select alone still run and are judged on their own;
// what the XML reporter took off the console (std::cout, std::cerr, the failure blocks) still
// reaches people, on the terminal and in JUnit.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <sstream>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_v2_binaries = {"catch2_hostile", "catch2_ignore_result"};

/// Run the Catch2 v2 hostile fixtures with `extra` arguments and a JUnit file storing every
/// case's output.
Result run_v2(const TempDir& dir, const std::vector<std::string>& extra) {
    return run_fixtures(dir, k_v2_binaries, extra, "store-success-output = true\n");
}

/// The JUnit `testcase` of `name` in the file at `junit` (binary catch2_hostile).
std::string junit_case_xml(const fs::path& junit, const std::string& name) {
    pugi::xml_document doc;
    doc.load_file(junit.c_str());
    pugi::xml_node testcase =
        doc.select_node(("//testcase[@classname='catch2_hostile'][@name='" + name + "']").c_str())
            .node();
    std::ostringstream text;
    testcase.print(text);
    return text.str();
}

} // namespace

TEST_SUITE("integration::catch2_v2") {

    TEST_CASE("every Catch2 v2 case ends as the model says, with and without --no-capture") {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--no-capture"}}) {
            CAPTURE(extra.size());
            TempDir dir;
            Result result = run_v2(dir, extra);
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100); // The fixtures fail on purpose.
            CHECK(result.leftovers.empty());
            CHECK(junit_validation_errors(dir / "junit.xml") == "");
            const auto outcomes = junit_outcomes(dir / "junit.xml");
            const int compared = compare_with_model(outcomes, k_v2_binaries);
            CHECK(compared == 35);
            // Each disagreement between the report and the exit status is named in one line.
            CHECK(contains(result.err, "the process exited before the test case finished "
                                       "(Catch2's report stops inside test case `exit zero "
                                       "mid-test`)"));
            CHECK(contains(result.err, "Catch2's report says the test case failed, but the "
                                       "process exited with code 0"));
            // Said once before the run, not once per case.
            CHECK(count_of(result.err, "cannot be run on their own and will be skipped") == 1);
            CHECK(contains(result.err, "another test case has the same name once Catch2 trims "
                                       "it, and Catch2 v2 lists no file or line"));
            CHECK(contains(read_file(dir / "junit.xml"),
                           "cannot be run on its own: another test case has the same name"));
            // The failure message is the report's whole block made one line: the assertion's
            // file:line, its expression, the expansion and the INFO in scope.
            const std::string junit = read_file(dir / "junit.xml");
            CHECK(contains(junit, "catch2/hostile_test.cpp:"));
            CHECK(contains(junit, ": CHECK( two == 3 ) with expansion: 2 == 3 with message: "
                                  "context for the failure\""));
            CHECK(contains(junit, "the test case passed, but it is tagged [!shouldfail]"));
        }
    }

    TEST_CASE("output the XML report took off the console reaches the terminal and JUnit") {
        TempDir dir;
        Result result = run_v2(dir, {});
        INFO("stderr:\n" << result.err);
        // printf reaches the console; std::cout only the report. Both end up in one STDOUT block,
        // the failure block of the report after them.
        const std::string failing =
            junit_case_xml(dir / "junit.xml", "fails after printing without newline");
        CHECK(contains(failing, "printf before the failure\ncout before the failure\n"));
        CHECK(contains(failing, "hostile_test.cpp:47: FAILED:\n  CHECK( 1 == 2 )"));
        CHECK(contains(result.err, "--- STDOUT:              catch2_hostile fails after printing "
                                   "without newline ---\nprintf before the failure\ncout before "
                                   "the failure\n"));
        const std::string passing = junit_case_xml(dir / "junit.xml", "no newline on stdout");
        CHECK(contains(passing, "value: 42\ncout: 42\n"));
        const std::string to_stderr = junit_case_xml(dir / "junit.xml", "no newline on stderr");
        CHECK(contains(to_stderr, "warning: 42\ncerr: 42\n"));
    }

    TEST_CASE("without capture, the report's std::cout output is shown under the test's result") {
        TempDir dir;
        Result result = run_v2(dir, {"--no-capture", "--exact", "no newline on stdout"});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "value: 42")); // printf went straight to the terminal.
        CHECK(contains(result.err, "--- STDOUT:              catch2_hostile no newline on stdout "
                                   "---\ncout: 42\n"));
    }

    TEST_CASE("a name a spec cannot select alone runs with the others, judged on its own") {
        TempDir dir;
        Result result = run_v2(dir, {"--exact", "*ends like pass", "--exact", "*ends like fail"});
        INFO("stderr:\n" << result.err);
        const auto outcomes = junit_outcomes(dir / "junit.xml");
        // Each spec also ran the decoy, whose result is not the case's.
        CHECK(outcomes.at({"catch2_hostile", "*ends like pass"}) == "fail");
        CHECK(outcomes.at({"catch2_hostile", "*ends like fail"}) == "pass");
        CHECK(outcomes.size() == 2);
    }

    TEST_CASE("tags are labels, even beside a name that starts with spaces") {
        TempDir dir;
        Result listed = run_ptest({"list", "--binary", fixture("catch2_hostile").string(), "-E",
                                   "label(names) | label(=!shouldfail) | label(hidden)"},
                                  in_dir(dir));
        INFO("stderr:\n" << listed.err);
        CHECK(listed.exit_code == 0);
        const std::vector<std::string> lines = lines_of(listed.out);
        CHECK(lines.size() == 13);
        CHECK(std::find(lines.begin(), lines.end(),
                        "catch2_hostile   leading and trailing spaces  ") != lines.end());
        CHECK(std::find(lines.begin(), lines.end(), "catch2_hostile should fail but passes") !=
              lines.end());
        CHECK(std::find(lines.begin(), lines.end(), "catch2_hostile hidden (ignored)") !=
              lines.end());
    }

} // TEST_SUITE
