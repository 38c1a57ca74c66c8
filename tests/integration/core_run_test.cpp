// ptest's core path on the real fixtures: every listed case runs in its own process and ends as
// the expected-results model says, in the terminal report and in a schema-valid JUnit file.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>
#include <set>

using namespace ptest::itest;

namespace {} // namespace

TEST_SUITE("integration::core") {

    TEST_CASE("every case of the basic fixtures ends as the expected-results model says") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n"
                   "[profile.default.junit]\npath = \"out/junit.xml\"\n");
        Result result = run_ptest({"run", "--binary", fixture("gtest_basic").string(), "--binary",
                                   fixture("catch2_basic").string(), "--binary",
                                   fixture("doctest_basic").string(), "--color", "never"},
                                  {dir.path(), {}, {}});
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // The fixtures fail on purpose.
        CHECK(result.leftovers.empty());

        fs::path junit = dir / "out/junit.xml";
        REQUIRE(fs::exists(junit));
        CHECK(junit_validation_errors(junit) == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file(junit.c_str()));
        std::map<std::pair<std::string, std::string>, std::string> seen;
        for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
            seen[{node.node().attribute("classname").as_string(),
                  node.node().attribute("name").as_string()}] = junit_outcome(node.node());
        }

        int compared = 0;
        for (const ExpectedCase& expected : expected_cases()) {
            if (expected.binary != "gtest_basic" && expected.binary != "catch2_basic" &&
                expected.binary != "doctest_basic") {
                continue;
            }
            CAPTURE(expected.binary);
            CAPTURE(expected.name);
            auto it = seen.find({expected.binary, expected.name});
            if (expected.outcome == "ignored") {
                CHECK(it == seen.end()); // Not run, and report-skipped defaults to none.
                continue;
            }
            REQUIRE(it != seen.end());
            if (expected.outcome == "unselectable") {
                // Skipped with the reason, never run as something else nor a failure.
                CHECK(it->second == "skip");
            } else {
                CHECK_MESSAGE(it->second == expected.outcome,
                              expected.binary << " " << expected.name);
            }
            ++compared;
        }
        CHECK(compared > 40);
        CHECK(contains(result.err, "Summary ["));
    }

} // TEST_SUITE
