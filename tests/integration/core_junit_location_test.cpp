// Where the code is: ptest on the real Catch2 3.7.1 fixture `catch2v3_hostile` with
// `junit.source-location` writes each testcase's `file` and `line` as Catch2 reported them (the
// TEST_CASE's own line), the terminal puts `at file:line` under a failure, and without the key the
// report has neither attribute and validates against the contract's schemas as before.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <string>

using namespace ptest::itest;

namespace {

const std::string k_source = "tests/fixtures/catch2v3/hostile_test.cpp";

/// The line of each `TEST_CASE("name"` in the fixture's source, by name.
std::map<std::string, unsigned> declared_lines() {
    std::map<std::string, unsigned> lines;
    unsigned number = 0;
    for (const std::string& line : lines_of(read_file(source_dir() / k_source))) {
        ++number;
        const std::string opening = "TEST_CASE(\"";
        if (line.starts_with(opening)) {
            const std::size_t end = line.find('"', opening.size());
            // A name declared twice keeps its first line: ptest calls the second `name #2`.
            lines.emplace(line.substr(opening.size(), end - opening.size()), number);
        }
    }
    return lines;
}

/// Run the fixture with a JUnit report; `source_location` adds `junit.source-location = true`.
Result run_hostile(const TempDir& dir, bool source_location) {
    write_file(dir / ".config/ptest.toml",
               std::string("[profile.default]\nfail-fast = false\n"
                           "[profile.default.junit]\npath = \"junit.xml\"\n") +
                   (source_location ? "source-location = true\n" : ""));
    return run_ptest({"run", "--color", "never", "--binary", fixture("catch2v3_hostile").string()},
                     in_dir(dir));
}

/// Every complaint line of `problems` is about a `file` or `line` attribute.
bool only_location_complaints(const std::string& problems) {
    for (const std::string& line : lines_of(problems)) {
        if (contains(line, "validity error") && !contains(line, "attribute 'file'") &&
            !contains(line, "attribute 'line'")) {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_SUITE("integration::core::junit_location") {

    TEST_CASE("with source-location every testcase says the file and line Catch2 reported") {
        const TempDir dir;
        const Result result = run_hostile(dir, true);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // The fixture fails on purpose.
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        const std::map<std::string, unsigned> lines = declared_lines();
        REQUIRE(lines.contains("fail assert"));
        int located = 0;
        std::string file;
        for (const pugi::xpath_node& each : doc.select_nodes("//testcase")) {
            const pugi::xml_node test_case = each.node();
            const std::string name = test_case.attribute("name").value();
            CAPTURE(name);
            file = test_case.attribute("file").value();
            // As Catch2 wrote it: relative or absolute as the compiler was given the source.
            CHECK(file.ends_with(k_source));
            CHECK(test_case.attribute("line").as_uint() > 0);
            // A name the source spells plainly (no escapes) is checked against its line.
            if (lines.contains(name)) {
                CHECK(test_case.attribute("line").as_uint() == lines.at(name));
                ++located;
            }
        }
        CHECK(located >= 8);

        // The terminal gives the failure the same place, in a form editors jump to.
        const std::vector<std::string> err = lines_of(result.err);
        bool shown = false;
        for (std::size_t i = 0; i + 2 < err.size(); ++i) {
            if (contains(err[i], " FAIL [") && contains(err[i], "fail assert")) {
                // Under the exit code's detail line.
                shown = shown || (err[i + 1].rfind("           - exited with code ", 0) == 0 &&
                                  err[i + 2] == "           - at " + file + ":" +
                                                    std::to_string(lines.at("fail assert")));
            }
        }
        CHECK(shown);

        // The schemas the contract checks against do not know the two attributes: without them
        // the report is valid, and they are all the schemas object to.
        const std::string problems = junit_validation_errors(dir / "junit.xml");
        CHECK(only_location_complaints(problems));
        for (const pugi::xpath_node& each : doc.select_nodes("//testcase")) {
            each.node().remove_attribute("file");
            each.node().remove_attribute("line");
        }
        REQUIRE(doc.save_file((dir / "stripped.xml").c_str(), "", pugi::format_raw,
                              pugi::encoding_utf8));
        CHECK(junit_validation_errors(dir / "stripped.xml") == "");
    }

    TEST_CASE("without source-location the report has no file or line and validates") {
        const TempDir dir;
        const Result result = run_hostile(dir, false);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        const std::string junit = read_file(dir / "junit.xml");
        CHECK(contains(junit, "name=\"fail assert\""));
        CHECK_FALSE(contains(junit, " file="));
        CHECK_FALSE(contains(junit, " line="));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        // The terminal's failure lines do not depend on the JUnit setting.
        CHECK(contains(result.err, "           - at "));
    }

} // TEST_SUITE
