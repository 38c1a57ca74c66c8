// The JUnit file a profile asks for: schema-valid, one testsuite per binary in command-line order,
// counts that add up (per suite and across suites), failure messages taken from the framework's
// own text, and crashes typed `test abort`.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_binaries = {"gtest_basic", "catch2_basic", "doctest_basic"};

/// Run the three basic fixtures with a JUnit path in the profile; return the parsed file.
void run_with_junit(const TempDir& dir, pugi::xml_document& doc) {
    write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                           "[profile.default.junit]\n"
                                           "path = \"target/ptest/junit.xml\"\n");
    std::vector<std::string> args = {"run", "--color", "never"};
    for (const std::string& binary : k_binaries) {
        args.push_back("--binary");
        args.push_back(fixture(binary).string());
    }
    Result result = run_ptest(args, in_dir(dir.path()));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 100);
    CHECK(result.leftovers.empty());
    fs::path junit = dir / "target/ptest/junit.xml";
    REQUIRE(fs::exists(junit));
    CHECK(junit_validation_errors(junit) == "");
    REQUIRE(doc.load_file(junit.c_str()));
}

int count_children_with(const pugi::xml_node& suite, const char* child) {
    int count = 0;
    for (pugi::xml_node testcase : suite.children("testcase")) {
        if (testcase.child(child)) {
            ++count;
        }
    }
    return count;
}

} // namespace

TEST_SUITE("integration::core::junit") {

    TEST_CASE("the JUnit file has one testsuite per binary, in order, with consistent counts") {
        TempDir dir;
        pugi::xml_document doc;
        run_with_junit(dir, doc);
        pugi::xml_node root = doc.child("testsuites");
        REQUIRE(root);
        CHECK(std::string(root.attribute("name").as_string()) == "nextest-run");

        std::vector<std::string> names;
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (pugi::xml_node suite : root.children("testsuite")) {
            std::string name = suite.attribute("name").as_string();
            CAPTURE(name);
            names.push_back(name);
            int cases = static_cast<int>(std::distance(suite.children("testcase").begin(),
                                                       suite.children("testcase").end()));
            CHECK(suite.attribute("tests").as_int() == cases);
            CHECK(suite.attribute("failures").as_int() == count_children_with(suite, "failure"));
            CHECK(suite.attribute("errors").as_int() == count_children_with(suite, "error"));
            CHECK(suite.attribute("skipped").as_int() == count_children_with(suite, "skipped"));
            tests += suite.attribute("tests").as_int();
            failures += suite.attribute("failures").as_int();
            errors += suite.attribute("errors").as_int();
            skipped += suite.attribute("skipped").as_int();

            // Every runnable case of the model appears once (the contract keeps names unique
            // within a suite, so a name listed twice appears once), and no ignored case does.
            std::set<std::string> expected;
            std::set<std::string> ignored;
            for (const ExpectedCase& model : expected_cases()) {
                if (model.binary == name) {
                    (model.outcome == "ignored" ? ignored : expected).insert(model.name);
                }
            }
            std::set<std::string> seen;
            for (pugi::xml_node testcase : suite.children("testcase")) {
                CHECK(std::string(testcase.attribute("classname").as_string()) == name);
                seen.insert(testcase.attribute("name").as_string());
            }
            if (name == "doctest_basic") {
                // doctest cases in a suite are named `suite/name`; the model keeps them apart.
                expected.erase("shared name");
                expected.insert({"alpha/shared name", "beta/shared name"});
            }
            CHECK(seen == expected);
            CHECK(cases == static_cast<int>(seen.size()));
        }
        CHECK(names == k_binaries);
        CHECK(root.attribute("tests").as_int() == tests);
        CHECK(root.attribute("failures").as_int() == failures);
        CHECK(root.attribute("errors").as_int() == errors);
        CHECK(root.attribute("skipped").as_int() == skipped);
        // The fixtures' own mix: gtest_basic alone has 6 failures and one runtime skip.
        CHECK(failures >= 6);
        CHECK(skipped >= 1);
    }

    TEST_CASE("JUnit failure messages come from the framework and crashes are test aborts") {
        TempDir dir;
        pugi::xml_document doc;
        run_with_junit(dir, doc);
        int compared = 0;
        for (const ExpectedCase& model : expected_cases()) {
            if (model.binary != "gtest_basic" && model.binary != "catch2_basic" &&
                model.binary != "doctest_basic") {
                continue;
            }
            CAPTURE(model.binary);
            CAPTURE(model.name);
            pugi::xml_node testcase;
            for (pugi::xml_node suite : doc.child("testsuites").children("testsuite")) {
                if (model.binary == suite.attribute("name").as_string()) {
                    testcase =
                        suite.find_child_by_attribute("testcase", "name", model.name.c_str());
                }
            }
            if (model.outcome == "fail") {
                REQUIRE(testcase);
                pugi::xml_node failure = testcase.child("failure");
                REQUIRE(failure);
                CHECK(std::string(failure.attribute("type").as_string()) != "test abort");
                if (model.message_contains) {
                    CHECK(contains(failure.attribute("message").as_string(),
                                   *model.message_contains));
                }
                ++compared;
            } else if (model.outcome == "abort") {
                REQUIRE(testcase);
                pugi::xml_node failure = testcase.child("failure");
                REQUIRE(failure);
                CHECK(std::string(failure.attribute("type").as_string()) == "test abort");
                REQUIRE(model.signal);
                CHECK(
                    contains(failure.attribute("message").as_string(), "(" + *model.signal + ")"));
                if (model.message_contains) {
                    // Catch2 and doctest report the signal before re-raising it.
                    CHECK(contains(failure.text().as_string(), *model.message_contains));
                }
                ++compared;
            } else if (model.outcome == "skip") {
                REQUIRE(testcase);
                pugi::xml_node skipped_node = testcase.child("skipped");
                REQUIRE(skipped_node);
                CHECK(contains(skipped_node.attribute("message").as_string(),
                               model.message_contains.value_or("")));
                ++compared;
            }
        }
        CHECK(compared == 12);

        // The example the issue names, exactly.
        pugi::xpath_node compares = doc.select_node(
            "//testsuite[@name='gtest_basic']/testcase[@name='Math.Compares']/failure");
        REQUIRE(compares);
        CHECK(contains(compares.node().attribute("message").as_string(),
                       "Expected equality of these values"));
        pugi::xpath_node segfault = doc.select_node(
            "//testsuite[@name='gtest_basic']/testcase[@name='Crash.Segfault']/failure");
        REQUIRE(segfault);
        CHECK(std::string(segfault.node().attribute("type").as_string()) == "test abort");
    }

} // TEST_SUITE
