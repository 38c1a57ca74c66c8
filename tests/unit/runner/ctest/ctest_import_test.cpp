// Tests of the CTest import: the mapping of every test of a real capture, properties honoured
// and noted, and the controls that make a test run whole.
#include "ctest_data.hpp"

#include "runner/ctest/ctest_import.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// Frameworks by file name, standing in for detection from the executable's bytes: `g`, `c`
/// and `d` are GoogleTest, Catch2 and doctest, `c3` Catch2 v3, and `gd` carries the markers of
/// GoogleTest and doctest with neither ahead. A declared kind is taken as is.
FrameworkDetection fake_detect(const fs::path& path, std::string_view declared) {
    std::string name = path.filename().string();
    FrameworkDetection detection;
    detection.kind = declared;
    if (!declared.empty()) {
        return detection;
    }
    if (name == "g") {
        detection.kind = "gtest";
    } else if (name == "c" || name == "c3") {
        detection.kind = "catch2";
        detection.framework_version = name == "c3" ? 3 : 0;
    } else if (name == "d") {
        detection.kind = "doctest";
    } else if (name == "gd") {
        detection.candidates = {"gtest", "doctest"};
    }
    return detection;
}

CTestImportOptions default_options() {
    CTestImportOptions options;
    options.base_env = {"PATH=/usr/bin:/bin", "HOME=/home/dev"};
    options.build_dir = "/home/dev/scratch/build";
    return options;
}

CTestImport import_capture(const CTestImportOptions& options = default_options()) {
    return import_ctest_tests(parse_ctest_info(test_data::read_ctest_data("show_only_v1.json")),
                              options, fake_detect);
}

const ImportedTest& by_id(const CTestImport& imported, const std::string& id) {
    for (const ImportedTest& test : imported.tests) {
        if (test.binary.id == id) {
            return test;
        }
    }
    throw std::runtime_error("no test " + id);
}

bool has_note(const CTestImport& imported, const std::string& note) {
    return std::find(imported.notes.begin(), imported.notes.end(), note) != imported.notes.end();
}

CTestTest make_test(const std::string& name, std::vector<std::string> command,
                    std::vector<CTestProperty> properties = {}) {
    CTestTest test;
    test.name = name;
    test.command = std::move(command);
    test.properties = std::move(properties);
    return test;
}

json::Value strings(std::vector<std::string> values) {
    json::Value array = json::Value::array();
    for (std::string& value : values) {
        array.push_back(std::move(value));
    }
    return array;
}

} // namespace

TEST_SUITE("runner::ctest_import") {
    TEST_CASE("discovered single cases run as registered, whole binaries expand") {
        CTestImport imported = import_capture();
        REQUIRE(imported.tests.size() == 10);

        const ImportedTest& gd = by_id(imported, "gd.A.B");
        CHECK(gd.mapping == CTestMapping::one_case);
        CHECK(gd.case_name == "A.B");
        CHECK(gd.binary.kind == "gtest");
        CHECK(gd.binary.path == "/home/dev/scratch/build/g");
        CHECK(gd.binary.args ==
              std::vector<std::string>{"--gtest_filter=A.B", "--gtest_also_run_disabled_tests"});
        CHECK(gd.binary.cwd == "/home/dev/scratch/build");
        CHECK(gd.labels == std::vector<std::string>{"disc"});
        REQUIRE(gd.rules->skip_regex.size() == 1);

        const ImportedTest& cd = by_id(imported, "cd.one, two [x]");
        CHECK(cd.mapping == CTestMapping::one_case);
        CHECK(cd.case_name == "one, two [x]");
        CHECK(by_id(imported, "dd.t1").case_name == "t1");

        const ImportedTest& whole = by_id(imported, "g_whole");
        CHECK(whole.mapping == CTestMapping::expand);
        CHECK(whole.binary.kind == "gtest");
        CHECK(whole.binary.args.empty());

        // A name needing JSON escapes survives as the id; its exact filter is one case.
        const ImportedTest& weird = by_id(imported, "weird \"name\" \xC3\xA9");
        CHECK(weird.mapping == CTestMapping::one_case);
        CHECK(weird.case_name == "A.B");
    }

    TEST_CASE("a plain command carries every honoured property") {
        CTestImport imported = import_capture();
        const ImportedTest& plain = by_id(imported, "plain");
        CHECK(plain.mapping == CTestMapping::command);
        CHECK(plain.binary.kind == "command");
        CHECK(plain.case_name == "plain");
        CHECK(plain.binary.path == "/usr/bin/sh");
        CHECK(plain.binary.cwd == "/tmp");
        CHECK(plain.binary.env.at("A") == "2"); // ENVIRONMENT 1, then ENVIRONMENT_MODIFICATION.
        CHECK(plain.binary.env.at("B") == "x=y");
        CHECK(plain.binary.env.at("PATH") == "/opt/bin:/usr/bin:/bin");
        CHECK(plain.binary.env.count("C") == 0); // reset: back to unset.
        CHECK(plain.binary.env_remove == std::vector<std::string>{"D"});
        CHECK(plain.labels == std::vector<std::string>{"l1", "l2"});
        const CTestRules& rules = *plain.rules;
        CHECK(rules.test_name == "plain");
        CHECK(rules.will_fail);
        CHECK(rules.skip_return_code == 77);
        CHECK(rules.pass_regex.size() == 1);
        CHECK(rules.fail_regex.size() == 1);
        CHECK(rules.skip_regex.size() == 2);
        CHECK(rules.timeout == profiles::Duration(std::chrono::milliseconds(5500)));
        CHECK(rules.run_serial);
        CHECK(rules.resource_locks == std::vector<std::string>{"db", "net"});
        CHECK(rules.processors == 3);
        CHECK_FALSE(plain.refused.has_value());
        CHECK_FALSE(plain.disabled);
    }

    TEST_CASE("a disabled test is kept, not detected, and marked disabled") {
        CTestImport imported = import_capture();
        const ImportedTest& dis = by_id(imported, "dis");
        CHECK(dis.disabled);
        CHECK(dis.mapping == CTestMapping::command);
        CHECK(dis.case_name == "dis");
    }

    TEST_CASE("every property ptest does not honour is a note naming its tests") {
        CTestImport imported = import_capture();
        for (const char* property :
             {"ATTACHED_FILES", "COST", "MEASUREMENT", "TIMEOUT_AFTER_MATCH"}) {
            CAPTURE(property);
            CHECK(has_note(imported, std::string("CTest property ") + property +
                                         " is not honoured by ptest (1 test: plain)"));
        }
        for (const std::string& note : imported.notes) {
            CHECK(note.find("WORKING_DIRECTORY") == std::string::npos);
            CHECK(note.find("LABELS") == std::string::npos);
            CHECK(note.find("REQUIRED_FILES") == std::string::npos);
            CHECK(note.find("DEPENDS") == std::string::npos);
            CHECK(note.find("FIXTURES_") == std::string::npos);
        }
    }

    TEST_CASE("fixtures and DEPENDS are kept in the test's rules for the scheduler to order") {
        CTestImport imported = import_capture();
        const CTestRules& plain = *by_id(imported, "plain").rules;
        CHECK(plain.depends == std::vector<std::string>{"g_whole"});
        CHECK(plain.fixtures_required == std::vector<std::string>{"fx"});
        std::vector<CTestTest> tests = {make_test(
            "db", {"/bin/sh"},
            {{"FIXTURES_CLEANUP", json::Value("c")}, {"FIXTURES_SETUP", strings({"a", "b"})}})};
        CTestImport one = import_ctest_tests(tests, default_options(), fake_detect);
        const CTestRules& db = *one.tests.front().rules;
        CHECK(db.fixtures_setup == std::vector<std::string>{"a", "b"});
        CHECK(db.fixtures_cleanup == std::vector<std::string>{"c"});
        CHECK(db.fixtures_required.empty());
        CHECK(db.depends.empty());
    }

    TEST_CASE("a test without TIMEOUT gets ctest's default; TIMEOUT 0 has no limit") {
        std::vector<CTestTest> tests = {
            make_test("unset", {"/bin/sh"}),
            make_test("zero", {"/bin/sh"}, {{"TIMEOUT", json::Value(0.0)}}),
            make_test("five", {"/bin/sh"}, {{"TIMEOUT", json::Value(5.0)}})};
        CTestImportOptions options = default_options();
        options.default_timeout = std::chrono::seconds(1500);
        CTestImport imported = import_ctest_tests(tests, options, fake_detect);
        CHECK(by_id(imported, "unset").rules->timeout == std::chrono::seconds(1500));
        CHECK_FALSE(by_id(imported, "zero").rules->timeout.has_value());
        CHECK(by_id(imported, "five").rules->timeout == std::chrono::seconds(5));
        // A tree without a default (no include(CTest)) has no limit either.
        imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK_FALSE(by_id(imported, "unset").rules->timeout.has_value());
    }

    TEST_CASE("a test whose REQUIRED_FILES are missing is refused, as ctest does not run it") {
        auto requiring = [](const std::string& name, const std::string& cwd,
                            std::vector<std::string> files) {
            return make_test(name, {"/bin/sh", "-c", "true"},
                             {{"REQUIRED_FILES", strings(std::move(files))},
                              {"WORKING_DIRECTORY", json::Value(cwd)}});
        };
        std::vector<CTestTest> tests = {
            requiring("present", "/", {"/bin/sh", "bin"}),
            requiring("absent", "/", {"/bin/sh", "/nonexistent/data.txt", "/also/missing"}),
            // A relative file is looked for in the test's working directory, as ctest does.
            requiring("relative", "/bin", {"bin"})};
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK_FALSE(by_id(imported, "present").refused.has_value());
        CHECK(by_id(imported, "absent").refused ==
              "its REQUIRED_FILES `/nonexistent/data.txt` does not exist (ctest does not run it "
              "either)");
        CHECK(by_id(imported, "relative").refused ==
              "its REQUIRED_FILES `bin` does not exist (ctest does not run it either)");
        CHECK(imported.notes.empty());
    }

    TEST_CASE("the label, the PTEST_EXPAND property and [ctest] run-whole each run a test whole") {
        std::vector<CTestTest> tests = {
            make_test("labelled", {"/b/g"}, {{"LABELS", strings({"fast", "ptest:whole"})}}),
            make_test("property", {"/b/c"}, {{"PTEST_EXPAND", json::Value(std::string("OFF"))}}),
            make_test("by-config", {"/b/d"}),
            make_test("one-case", {"/b/g", "--gtest_filter=A.B"}, {}),
            make_test("expanded", {"/b/g"}),
        };
        CTestImportOptions options = default_options();
        options.run_whole = {"by-*", "one-*"};
        CTestImport imported = import_ctest_tests(tests, options, fake_detect);
        CHECK(by_id(imported, "labelled").mapping == CTestMapping::command);
        CHECK(by_id(imported, "property").mapping == CTestMapping::command);
        CHECK(by_id(imported, "by-config").mapping == CTestMapping::command);
        CHECK(by_id(imported, "one-case").mapping == CTestMapping::command);
        CHECK(by_id(imported, "expanded").mapping == CTestMapping::expand);
        CHECK(has_note(imported, "CTest test `labelled` is a GoogleTest binary run whole: it has "
                                 "the label `ptest:whole`"));
        CHECK(has_note(imported, "CTest test `property` is a Catch2 binary run whole: its "
                                 "PTEST_EXPAND property is false"));
        CHECK(has_note(imported, "CTest test `by-config` is a doctest binary run whole: it "
                                 "matches `by-*` in [ctest] run-whole"));
    }

    TEST_CASE("properties that judge a whole binary's output keep it whole") {
        std::vector<CTestTest> tests = {
            make_test("will-fail", {"/b/g"}, {{"WILL_FAIL", json::Value(true)}}),
            make_test("one-case", {"/b/g", "--gtest_filter=A.B"},
                      {{"WILL_FAIL", json::Value(true)}}),
        };
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK(by_id(imported, "will-fail").mapping == CTestMapping::command);
        // A registered single case keeps its case and gets ctest's rules on top.
        CHECK(by_id(imported, "one-case").mapping == CTestMapping::one_case);
    }

    TEST_CASE("a single case whose regular expressions read a console report ptest replaces runs "
              "as registered") {
        const json::Value passed = strings({"All tests passed"});
        std::vector<CTestTest> tests = {
            make_test("c2", {"/b/c", "some case"}, {{"PASS_REGULAR_EXPRESSION", passed}}),
            make_test("c3", {"/b/c3", "some case"}, {{"PASS_REGULAR_EXPRESSION", passed}}),
            make_test("g", {"/b/g", "--gtest_filter=A.B"},
                      {{"SKIP_REGULAR_EXPRESSION", strings({"SKIPPED"})}}),
            make_test("d", {"/b/d", "--test-case=x"}, {{"FAIL_REGULAR_EXPRESSION", passed}}),
        };
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        // Catch2 v2's and doctest's XML reports replace their console report.
        CHECK(by_id(imported, "c2").mapping == CTestMapping::command);
        CHECK(by_id(imported, "d").mapping == CTestMapping::command);
        CHECK(has_note(imported, "CTest test `c2` is a Catch2 binary run whole: its "
                                 "regular-expression properties read the console report, which "
                                 "ptest's structured report would replace"));
        // GoogleTest and Catch2 v3 keep theirs beside ptest's report.
        CHECK(by_id(imported, "c3").mapping == CTestMapping::one_case);
        CHECK(by_id(imported, "g").mapping == CTestMapping::one_case);
    }

    TEST_CASE("ptest_discover_tests records replace detection") {
        std::vector<CTestTest> tests = {make_test("mine", {"/b/unknown-name"})};
        CTestImportOptions options = default_options();
        options.declared_kinds["mine"] = "doctest";
        CTestImport imported = import_ctest_tests(tests, options, fake_detect);
        CHECK(by_id(imported, "mine").mapping == CTestMapping::expand);
        CHECK(by_id(imported, "mine").binary.kind == "doctest");
    }

    TEST_CASE("the detection travels with each test's binary, read once per executable") {
        std::vector<CTestTest> tests = {make_test("c3.first", {"/b/c3", "first"}),
                                        make_test("c3.second", {"/b/c3", "second"}),
                                        make_test("whole", {"/b/c3"})};
        int reads = 0;
        auto counting_detect = [&](const fs::path& path, std::string_view declared) {
            ++reads;
            return fake_detect(path, declared);
        };
        CTestImport imported = import_ctest_tests(tests, default_options(), counting_detect);
        CHECK(reads == 1);
        for (const ImportedTest& test : imported.tests) {
            CAPTURE(test.binary.id);
            REQUIRE(test.binary.detection.has_value());
            CHECK(test.binary.detection->framework_version == 3);
        }
        CHECK(by_id(imported, "c3.first").mapping == CTestMapping::one_case);
        CHECK(by_id(imported, "c3.first").case_name == "first");
        CHECK(by_id(imported, "whole").mapping == CTestMapping::expand);
    }

    TEST_CASE("a binary whose framework is undecided runs whole, with a note saying how to tell") {
        std::vector<CTestTest> tests = {make_test("both", {"/b/gd"})};
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK(by_id(imported, "both").mapping == CTestMapping::command);
        CHECK(by_id(imported, "both").binary.kind == "command");
        CHECK(has_note(imported, "cannot tell the framework of CTest test `both`: it carries the "
                                 "markers of GoogleTest and doctest, none clearly ahead; set its "
                                 "`kind` to \"gtest\" or \"doctest\" by registering it with "
                                 "ptest_discover_tests(... KIND ...); until then it runs whole"));
        CHECK(imported.notes.size() == 1);
    }

    TEST_CASE("a ptest_discover_tests() binary without KIND is detected and expands") {
        std::vector<CTestTest> tests = {make_test("gtest_cases", {"/b/g"}),
                                        make_test("doctest_cases", {"/b/d"})};
        CTestImportOptions options = default_options();
        options.declared_kinds["gtest_cases"] = ""; // A record saying `kind = "auto"`.
        options.declared_kinds["doctest_cases"] = "";
        CTestImport imported = import_ctest_tests(tests, options, fake_detect);
        CHECK(by_id(imported, "gtest_cases").mapping == CTestMapping::expand);
        CHECK(by_id(imported, "gtest_cases").binary.kind == "gtest");
        CHECK(by_id(imported, "doctest_cases").mapping == CTestMapping::expand);
        CHECK(by_id(imported, "doctest_cases").binary.kind == "doctest");
        CHECK(imported.notes.empty());
    }

    TEST_CASE("a ptest_discover_tests() binary without KIND that cannot be detected runs whole, "
              "with a note naming the remedy") {
        std::vector<CTestTest> tests = {make_test("both", {"/b/gd"}),
                                        make_test("plain", {"/b/unknown-name"}),
                                        make_test("script", {"/bin/sh", "-c", "true"})};
        CTestImportOptions options = default_options();
        options.declared_kinds["both"] = "";
        options.declared_kinds["plain"] = "";
        CTestImport imported = import_ctest_tests(tests, options, fake_detect);
        CHECK(by_id(imported, "both").mapping == CTestMapping::command);
        CHECK(by_id(imported, "plain").mapping == CTestMapping::command);
        CHECK(by_id(imported, "plain").binary.kind == "command");
        CHECK(has_note(imported, "cannot tell the framework of CTest test `both`: it carries the "
                                 "markers of GoogleTest and doctest, none clearly ahead; set its "
                                 "`kind` to \"gtest\" or \"doctest\" as KIND in its "
                                 "ptest_discover_tests(); until then it runs whole"));
        CHECK(has_note(imported, "CTest test `plain` comes from ptest_discover_tests() without "
                                 "KIND, but `/b/unknown-name` holds no GoogleTest, Catch2, "
                                 "doctest or Boost.Test markers; it runs whole (name its KIND to "
                                 "run its cases)"));
        // A command nothing calls a test binary runs as one test without a note.
        CHECK(imported.notes.size() == 2);
    }

    TEST_CASE("tests ctest could not run as asked are refused with the reason") {
        std::vector<CTestTest> tests = {
            make_test("bad-regex", {"/b/x"}, {{"PASS_REGULAR_EXPRESSION", strings({"a(b"})}}),
            make_test("bad-env", {"/b/x"}, {{"ENVIRONMENT_MODIFICATION", strings({"A=frob:1"})}}),
            make_test("no-command", {}),
        };
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK(by_id(imported, "bad-regex").refused ==
              "PASS_REGULAR_EXPRESSION `a(b` is not a regular expression ptest can run "
              "(missing ): a(b)");
        CHECK(by_id(imported, "bad-env").refused ==
              "ENVIRONMENT_MODIFICATION entry `A=frob:1` has an unknown operation `frob`; "
              "ignored");
        CHECK(by_id(imported, "no-command").refused ==
              "ctest finds no executable for this test (not built, or not available in this build "
              "configuration; a multi-config tree needs --build-config NAME, as ctest needs -C "
              "NAME)");
    }

    TEST_CASE("tests with the same name get distinct ids") {
        std::vector<CTestTest> tests = {make_test("t", {"/b/x"}), make_test("t", {"/b/y"})};
        CTestImport imported = import_ctest_tests(tests, default_options(), fake_detect);
        CHECK(imported.tests[0].binary.id == "t");
        CHECK(imported.tests[1].binary.id == "t #2");
    }

    TEST_CASE("a program is found on the PATH of the test's environment") {
        fs::path sh = resolve_program("sh", "/", {"PATH=/nonexistent:/bin:/usr/bin"});
        CHECK(sh.filename() == "sh");
        CHECK(sh.is_absolute());
        CHECK(resolve_program("./tool", "/proj/b", {}) == "/proj/b/tool");
        CHECK(resolve_program("/abs/../tool", "/x", {}) == "/tool");
        CHECK(resolve_program("no-such-program-anywhere", "/w", {"PATH=/bin"}) ==
              "/w/no-such-program-anywhere");
    }
}

} // namespace ptest::runner
