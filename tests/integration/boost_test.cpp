// ptest on real Boost.Test 1.74 binaries (tests/fixtures/boost), header-only and linked against
// Debian's shared library: they list their `suite/case` paths, run each case in its own process,
// and get each verdict from Boost.Test's XML log cross-checked with the exit status, with and
// without --no-capture; the hostile cases of the model fool neither. A CTest build tree
// (tests/fixtures/ctest_boost) expands a Boost.Test binary registered whole into its cases.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_boost_binaries = {
    "boost_hostile_included",           "boost_hostile_linked",
    "boost_expected_failures_included", "boost_expected_failures_linked",
    "boost_ignore_result_included",     "boost_ignore_result_linked"};

using Outcomes = std::map<std::pair<std::string, std::string>, std::string>;

/// Run every Boost.Test fixture with `extra` arguments and a JUnit file in `dir`.
Result run_boost(const TempDir& dir, const std::vector<std::string>& extra) {
    return run_fixtures(dir, k_boost_binaries, extra);
}

fs::path program(const std::string& name) {
    fs::path found = find_program(name);
    REQUIRE_MESSAGE(!found.empty(), "`" << name << "` is not on PATH");
    return found;
}

} // namespace

TEST_SUITE("integration::boost_test") {

    TEST_CASE("every Boost.Test case ends as the model says, with and without --no-capture") {
        for (const std::vector<std::string>& extra :
             {std::vector<std::string>{}, std::vector<std::string>{"--no-capture"}}) {
            CAPTURE(extra.size());
            TempDir dir;
            Result result = run_boost(dir, extra);
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 100); // The fixtures fail on purpose.
            CHECK(result.leftovers.empty());
            CHECK(junit_validation_errors(dir / "junit.xml") == "");
            const Outcomes outcomes = junit_outcomes(dir / "junit.xml");
            const int compared = compare_with_model(outcomes, k_boost_binaries);
            CHECK(compared == 2 * (24 + 3 + 2));
            // Each disagreement between the log and the exit status is named in one line.
            CHECK(count_of(result.err, "Boost.Test wrote no XML log: the process exited with code "
                                       "0 before Boost.Test finished the run") >= 4);
            CHECK(contains(result.err, "Boost.Test's log says the test case failed, but the "
                                       "process exited with code 0"));
            const std::string junit = read_file(dir / "junit.xml");
            // The failure message is the log's: the check's file:line, then what failed.
            CHECK(contains(junit, "boost/hostile_test.cpp:"));
            CHECK(contains(junit, ": error: check 1 == 2 has failed [1 != 2]"));
            CHECK(contains(junit, "exception: std::runtime_error: boom"));
            CHECK(contains(junit, "precondition failed"));  // The runtime skip's reason.
            CHECK(contains(junit, "dependency test case")); // Skipped: its dependency failed.
        }
    }

    TEST_CASE("with junit.source-location, a case's file and line in JUnit are the log's") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n[profile.default.junit]\n"
                   "path = \"junit.xml\"\nsource-location = true\n");
        Result result = run_ptest(
            {"run", "--color", "never", "--binary", fixture("boost_hostile_linked").string()},
            in_dir(dir));
        INFO("stderr:\n" << result.err);
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        // Even a case that died mid-test, whose log is empty, has the listing's location.
        for (const char* name : {"basic/fail_check", "exits/exit_zero_mid_test"}) {
            CAPTURE(name);
            pugi::xml_node testcase =
                doc.select_node(("//testcase[@name='" + std::string(name) + "']").c_str()).node();
            CHECK(std::string(testcase.attribute("file").as_string())
                      .ends_with("boost/hostile_test.cpp"));
            CHECK(testcase.attribute("line").as_uint() > 0);
        }
    }

    TEST_CASE("disabled cases, and cases in a disabled suite, run when asked for") {
        TempDir dir;
        Result result = run_boost(dir, {"--run-ignored", "only"});
        INFO("stderr:\n" << result.err);
        const Outcomes outcomes = junit_outcomes(dir / "junit.xml");
        for (const std::string variant : {"included", "linked"}) {
            const std::string binary = "boost_hostile_" + variant;
            CHECK(outcomes.at({binary, "skip/disabled"}) == "fail"); // It fails when it runs.
            CHECK(outcomes.at({binary, "off/inside_disabled_suite"}) == "pass");
        }
        CHECK(outcomes.size() == 4);
    }

    TEST_CASE("a binary whose arguments choose its own log is judged by Boost.Test's report") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                               "[profile.default.junit]\npath = \"junit.xml\"\n"
                                               "[[binary]]\npath = \"" +
                                                   fixture("boost_ignore_result_linked").string() +
                                                   "\"\nargs = [\"--log_level=all\"]\n");
        Result result = run_ptest({"run", "--color", "never"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "Entering test case \"ignored_failure\"")); // The user's log.
        const Outcomes outcomes = junit_outcomes(dir / "junit.xml");
        CHECK(outcomes.at({"boost_ignore_result_linked", "custom_main/ignored_pass"}) == "pass");
        CHECK(outcomes.at({"boost_ignore_result_linked", "custom_main/ignored_failure"}) == "fail");
    }

    TEST_CASE("ptest list shows suite/case paths, disabled ones ignored, labels for filters") {
        TempDir dir;
        const std::string binary = fixture("boost_hostile_linked").string();
        Result listed = run_ptest({"list", "--binary", binary}, in_dir(dir));
        INFO("stderr:\n" << listed.err);
        CHECK(listed.exit_code == 0);
        const std::vector<std::string> lines = lines_of(listed.out);
        REQUIRE(lines.size() == 26);
        CHECK(lines.front() == "boost_hostile_linked basic/pass");
        CHECK(lines[12] == "boost_hostile_linked skip/disabled (ignored)");
        CHECK(lines[15] == "boost_hostile_linked off/inside_disabled_suite (ignored)");
        CHECK(lines[18] == "boost_hostile_linked outer/inner/tmpl<std__pair<int_ long>>");
        CHECK(lines[20] == "boost_hostile_linked outer/inner/data/_1");
        Result nested = run_ptest({"list", "--binary", binary, "-E", "label(nested) & label(fast)"},
                                  in_dir(dir));
        CHECK(lines_of(nested.out) ==
              std::vector<std::string>{"boost_hostile_linked outer/inner/deep"});
        Result json = run_ptest({"list", "--binary", fixture("boost_hostile_included").string(),
                                 "--message-format", "json"},
                                in_dir(dir));
        CHECK(contains(json.out, "\"kind\":\"boost\""));
    }

    TEST_CASE("a CTest build tree expands a whole Boost.Test binary and keeps exact --run_test") {
        TempDir dir;
        fs::path build = dir / "build";
        Result configured = run(program("cmake"),
                                {"-S", (source_dir() / "tests/fixtures/ctest_boost").string(), "-B",
                                 build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
        INFO("cmake output:\n" << configured.out << configured.err);
        REQUIRE(configured.exit_code == 0);
        fs::create_directories(dir / "ws/.config");
        write_file(dir / "ws/.config/ptest.toml",
                   "[profile.default]\nfail-fast = false\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\n");
        Result result = run_ptest({"run", "--build-dir", build.string(), "--workspace",
                                   (dir / "ws").string(), "--color", "never"});
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK(junit_validation_errors(dir / "ws/junit.xml") == "");
        const Outcomes outcomes = junit_outcomes(dir / "ws/junit.xml");
        // The whole binary ran case by case, each judged as the model says.
        int compared = 0;
        for (const ExpectedCase& expected : expected_cases()) {
            if (expected.binary != "boost_hostile_linked" || expected.outcome == "ignored") {
                continue;
            }
            CAPTURE(expected.name);
            auto it = outcomes.find({"boost.whole", expected.name});
            REQUIRE(it != outcomes.end());
            // CTest's rules judge a non-zero exit a failure first: a case skipped because its
            // dependency failed (exit 201) fails as a CTest test.
            CHECK(it->second == (expected.name == "deps/needs_broken" ? "fail" : expected.outcome));
            ++compared;
        }
        CHECK(compared == 24);
        // An exact --run_test is that one case, checked against the log like any other.
        CHECK(outcomes.at({"boost.one-pass", "outer/inner/deep"}) == "pass");
        CHECK(outcomes.at({"boost.one-fail", "basic/fail_check"}) == "fail");
        // A label filter may select several cases: the binary runs whole, as under ctest.
        CHECK(outcomes.at({"boost.label", "boost.label"}) == "pass");
        Result listed = run_ptest(
            {"list", "--build-dir", build.string(), "--workspace", (dir / "ws").string()});
        CHECK(contains(listed.out + listed.err,
                       "CTest test `boost.label` is a Boost.Test binary run whole: its --run_test "
                       "filter may select more than one test case"));
    }

} // TEST_SUITE
