// Tests of reading `ctest --show-only=json-v1` output, on a capture from CTest 3.25.
#include "base/error.hpp"
#include "ctest_data.hpp"

#include "runner/ctest/ctest_info.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

std::string error_of(std::string_view text) {
    try {
        (void)parse_ctest_info(text);
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::test_list_creation_failed);
        return error.what();
    }
    FAIL("no error");
    return {};
}

const CTestTest& by_name(const std::vector<CTestTest>& tests, const std::string& name) {
    for (const CTestTest& test : tests) {
        if (test.name == name) {
            return test;
        }
    }
    throw std::runtime_error("no test " + name);
}

} // namespace

TEST_SUITE("runner::ctest_info") {
    TEST_CASE("a real capture yields every test with its command and properties") {
        std::vector<CTestTest> tests =
            parse_ctest_info(test_data::read_ctest_data("show_only_v1.json"));
        std::vector<std::string> names;
        for (const CTestTest& test : tests) {
            names.push_back(test.name);
        }
        CHECK(names == std::vector<std::string>{"gd.A.B", "gd.A.C", "cd.one, two [x]", "cd.sec",
                                                "dd.t1", "dd.t2", "g_whole", "plain", "dis",
                                                "weird \"name\" \xC3\xA9"});
        const CTestTest& discovered = by_name(tests, "gd.A.B");
        CHECK(discovered.command == std::vector<std::string>{"/home/dev/scratch/build/g",
                                                             "--gtest_filter=A.B",
                                                             "--gtest_also_run_disabled_tests"});
        CHECK(property_strings(*discovered.property("SKIP_REGULAR_EXPRESSION")) ==
              std::vector<std::string>{"\\[  SKIPPED \\]"});
        CHECK(property_strings(*discovered.property("LABELS")) == std::vector<std::string>{"disc"});

        const CTestTest& plain = by_name(tests, "plain");
        CHECK(plain.command == std::vector<std::string>{"/usr/bin/sh", "-c", "echo hello; exit 0"});
        CHECK(plain.property("TIMEOUT")->get<double>() == 5.5);
        CHECK(property_strings(*plain.property("TIMEOUT")) == std::vector<std::string>{"5.5"});
        CHECK(property_strings(*plain.property("SKIP_RETURN_CODE")) ==
              std::vector<std::string>{"77"});
        CHECK(property_bool(*plain.property("RUN_SERIAL")));
        CHECK(property_bool(*plain.property("WILL_FAIL")));
        CHECK(property_strings(*plain.property("RESOURCE_LOCK")) ==
              std::vector<std::string>{"db", "net"});
        CHECK(property_strings(*plain.property("ENVIRONMENT_MODIFICATION")).size() == 4);
        CHECK(plain.property("TIMEOUT_AFTER_MATCH")->is_object());
        // CTest 3.25 leaves custom properties out of json-v1.
        CHECK(plain.property("PTEST_EXPAND") == nullptr);
        CHECK(property_bool(*by_name(tests, "dis").property("DISABLED")));
    }

    TEST_CASE("CMake's spellings of true and false") {
        for (const char* yes : {"1", "ON", "yes", "True", "y", "2", "-1.5"}) {
            CAPTURE(yes);
            CHECK(property_bool(json::Value(std::string(yes))));
        }
        for (const char* no : {"0", "OFF", "no", "false", "N", "", "IGNORE", "x-NOTFOUND"}) {
            CAPTURE(no);
            CHECK_FALSE(property_bool(json::Value(std::string(no))));
        }
        CHECK(property_bool(json::Value(true)));
        CHECK_FALSE(property_bool(json::Value(0)));
    }

    TEST_CASE("output that is not a version 1 ctestInfo document is an error saying why") {
        CHECK(error_of("No tests were found!!!\n") ==
              "could not read `ctest --show-only=json-v1` output: no ctestInfo JSON document in "
              "it (read as one document: line 1, column 1: unexpected character (expected a "
              "value))");
        CHECK(error_of("[]") ==
              "could not read `ctest --show-only=json-v1` output: the document is array, "
              "expected an object");
        CHECK(error_of(R"({"kind": "other"})") ==
              "could not read `ctest --show-only=json-v1` output: `kind` is not \"ctestInfo\"");
        CHECK(error_of(R"({"kind": "ctestInfo", "version": {"major": 2, "minor": 0}})") ==
              "could not read `ctest --show-only=json-v1` output: unsupported format version "
              "(ptest reads major version 1)");
        CHECK(error_of(R"({"kind": "ctestInfo", "version": {"major": 1}, "tests": [{"x": 1}]})") ==
              "could not read `ctest --show-only=json-v1` output: tests[0] has no `name` member");
        CHECK(error_of(R"({"kind": "ctestInfo", "version": {"major": 1},
                           "tests": [{"name": "a", "command": "sh"}]})") ==
              "could not read `ctest --show-only=json-v1` output: tests[0].command is string, "
              "expected an array");
    }

    TEST_CASE("the document is found among what the project's ctest configuration prints") {
        const std::string capture = test_data::read_ctest_data("show_only_v1.json");
        const std::size_t expected = parse_ctest_info(capture).size();
        // A CTestCustom.cmake's execute_process before it, with braces that open nothing.
        const std::string before = "-- custom step {\n{ \"kind\": \"not it\"\n[a] { } {\n";
        CHECK(parse_ctest_info(before + capture).size() == expected);
        // Output after it, and output that did not end its line before it.
        CHECK(parse_ctest_info(capture + "\nDone. {\n}\n").size() == expected);
        CHECK(parse_ctest_info("no newline" + capture + "trailing").size() == expected);
        // A JSON object before it that is not ctest's is passed over.
        CHECK(parse_ctest_info(R"({"kind": "other", "tests": []})"
                               "\n" +
                               capture)
                  .size() == expected);
        // The first ctestInfo object wins.
        const std::string small =
            R"({"kind": "ctestInfo", "version": {"major": 1}, "tests": [{"name": "a"}]})";
        std::vector<CTestTest> first = parse_ctest_info("noise\n" + small + "\n" + capture);
        REQUIRE(first.size() == 1);
        CHECK(first[0].name == "a");
    }

    TEST_CASE("a ctestInfo document found among other output is still checked") {
        CHECK(error_of("noise\n"
                       R"({"kind": "ctestInfo", "version": {"major": 2}})"
                       "\n") ==
              "could not read `ctest --show-only=json-v1` output: unsupported format version "
              "(ptest reads major version 1)");
        // A document that never closes is no document.
        CHECK(error_of("Start\n"
                       R"({"kind": "ctestInfo", "version": {"major": 1},)"
                       "\n") ==
              "could not read `ctest --show-only=json-v1` output: no ctestInfo JSON document in "
              "it (read as one document: line 1, column 1: unexpected character (expected a "
              "value))");
        // Brackets and quotes inside strings do not end the document early.
        std::vector<CTestTest> tests = parse_ctest_info(
            "x\n"
            R"({"kind": "ctestInfo", "version": {"major": 1}, "tests": [{"name": "}{\"", )"
            R"("command": ["a]"]}]})"
            "\ny");
        REQUIRE(tests.size() == 1);
        CHECK(tests[0].name == "}{\"");
        CHECK(tests[0].command == std::vector<std::string>{"a]"});
    }

    TEST_CASE("a test without a command (not available in this configuration) is kept") {
        std::vector<CTestTest> tests = parse_ctest_info(
            R"({"kind": "ctestInfo", "version": {"major": 1, "minor": 0}, "backtraceGraph": {},
                "tests": [{"name": "na", "properties": []}]})");
        REQUIRE(tests.size() == 1);
        CHECK(tests[0].command.empty());
    }
}

} // namespace ptest::runner
