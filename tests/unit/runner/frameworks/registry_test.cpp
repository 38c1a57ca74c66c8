// Tests of the framework registry: lookup by config name, the check of a configured name, detection
// from binary bytes, and the routing of listing, parsing, selection and report reading to each
// adapter.
#include "base/error.hpp"
#include "list_data.hpp"

#include "profiles/config.hpp"
#include "runner/frameworks/registry.hpp"
#include "runner/list/lister.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

namespace ptest::runner {

using test_data::read_list_data;

namespace {

/// Bytes that look like an ELF file holding `marker` among other strings.
std::string binary_with(std::string_view marker) {
    std::string bytes("\x7f"
                      "ELF\x02\x01\x01",
                      7);
    bytes += std::string(64, '\0');
    bytes += "GLIBC_2.34";
    bytes += '\0';
    bytes += marker;
    bytes += '\0';
    bytes += "main";
    return bytes;
}

const FrameworkAdapter& adapter(std::string_view kind) {
    return framework_adapter(kind);
}

} // namespace

TEST_SUITE("runner::registry") {
    TEST_CASE("each framework is recognised by the strings it compiles in") {
        CHECK(detect_framework(binary_with("      --gtest_list_tests")) == "gtest");
        CHECK(detect_framework(binary_with("N7testing4TestE")) == "gtest");
        CHECK(detect_framework(binary_with("    --list-test-names-only")) == "catch2");
        CHECK(detect_framework(binary_with("_ZN5Catch7Session3runEv")) == "catch2");
        CHECK(detect_framework(binary_with("dt-list-test-cases")) == "doctest");
        CHECK(detect_framework(binary_with("_ZN7doctest7ContextC1EiPKPKc")) == "doctest");
    }

    TEST_CASE("doctest's own --list-reporters option is not mistaken for Catch2") {
        CHECK(detect_framework(binary_with("--list-reporters") + '\0' + "list-test-cases") ==
              "doctest");
    }

    TEST_CASE("a plain program is not a test binary") {
        CHECK(detect_framework(binary_with("Usage: tool [--list] [--test]")) == "");
        CHECK(detect_framework("") == "");
    }

    TEST_CASE("runner strings beat another framework's symbols") {
        CHECK(detect_framework(binary_with("_ZN7testing4TestC2Ev") + '\0' +
                               "--list-test-names-only") == "catch2");
        CHECK(detect_framework(binary_with("_ZN5Catch3foo") + '\0' + "dt-list-test-cases") ==
              "doctest");
    }

    TEST_CASE("listing commands per framework") {
        CHECK(adapter("gtest").list_pass_count() == 1);
        CHECK(adapter("catch2").list_pass_count() == 4);
        CHECK(adapter("doctest").list_pass_count() == 2);
        CHECK(adapter("command").list_pass_count() == 0);
        CHECK(adapter("gtest").list_arguments(0) == std::vector<std::string>{"--gtest_list_tests"});
        CHECK(adapter("catch2").list_arguments(0) ==
              std::vector<std::string>{"--list-test-names-only"});
        CHECK(adapter("catch2").list_arguments(1) ==
              std::vector<std::string>{"--list-test-names-only", "[.]"});
        CHECK(adapter("catch2").list_arguments(2) == std::vector<std::string>{"--list-tests"});
        CHECK(adapter("catch2").list_arguments(3) ==
              std::vector<std::string>{"--list-tests", "[.]"});
        CHECK(adapter("doctest").list_arguments(0) ==
              std::vector<std::string>{"--dt-list-test-cases", "--dt-reporters=xml",
                                       "--dt-no-skip=true", "--dt-order-by=file"});
    }

    TEST_CASE("parsing goes to each kind's adapter, and auto has none") {
        ListParseResult gtest =
            adapter("gtest").parse_list_output(0, read_list_data("gtest_list.txt"), 0);
        CHECK(gtest.cases.size() == 20);
        ListParseResult hidden =
            adapter("catch2").parse_list_output(1, read_list_data("catch2_list_pass1.txt"), 3);
        CHECK(hidden.cases.size() == 3);
        ListParseResult doctest =
            adapter("doctest").parse_list_output(0, read_list_data("doctest_list.xml"), 0);
        CHECK(doctest.cases.size() == 15);
        CHECK(find_framework("") == nullptr);
        ListParseResult command = adapter("command").parse_list_output(0, "x\n", 0);
        REQUIRE(command.error.has_value());
        CHECK(*command.error == "a plain command is never listed");
    }

    TEST_CASE("the real Catch2 listing leaves no name unselectable") {
        std::vector<ListParseResult> passes{
            adapter("catch2").parse_list_output(0, read_list_data("catch2_list_pass0.txt"), 24),
            adapter("catch2").parse_list_output(1, read_list_data("catch2_list_pass1.txt"), 3)};
        std::vector<TestCase> cases = adapter("catch2").merge_list_passes(passes, "");
        REQUIRE(cases.size() == 27);
        std::vector<std::string> unselectable;
        for (const TestCase& test : cases) {
            if (test.unselectable) {
                unselectable.push_back(test.name);
            }
        }
        // Every name here selects its case, alone or beside others its report tells apart.
        CHECK(unselectable.empty());
        CHECK(cases[24].name == "hidden one");
        CHECK(cases[24].ignored);
    }

    TEST_CASE("the real Catch2 tag listings give each case its tags as labels") {
        std::vector<ListParseResult> passes{
            adapter("catch2").parse_list_output(0, read_list_data("catch2_list_pass0.txt"), 24),
            adapter("catch2").parse_list_output(1, read_list_data("catch2_list_pass1.txt"), 3),
            adapter("catch2").parse_list_output(2, read_list_data("catch2_list_tags_pass2.txt"),
                                                24),
            adapter("catch2").parse_list_output(3, read_list_data("catch2_list_tags_pass3.txt"),
                                                3)};
        std::vector<TestCase> cases = adapter("catch2").merge_list_passes(passes, "");
        REQUIRE(cases.size() == 27);
        CHECK(cases[0].name == "adds numbers");
        CHECK(cases[0].labels == std::vector<std::string>{"fast", "math"});
        CHECK(cases[1].labels == std::vector<std::string>{"math"});
        CHECK(cases[2].labels.empty());
        CHECK(cases[15].name.starts_with("A very long test case name")); // wrapped when listed
        CHECK(cases[26].name == "hidden bang");
        CHECK(cases[25].labels == std::vector<std::string>{"!hide", ".", "slow"});
        CHECK(cases[25].ignored);
    }

    TEST_CASE("GoogleTest merging keeps the single pass as it is") {
        ListParseResult listed = adapter("gtest").parse_list_output(0, "S.\n  A\n  B\n", 0);
        std::vector<TestCase> cases = adapter("gtest").merge_list_passes({listed}, "");
        REQUIRE(cases.size() == 2);
        CHECK(cases[1].name == "S.B");
        CHECK_FALSE(cases[1].unselectable.has_value());
    }

    TEST_CASE("selection and report reading dispatch on the kind") {
        TestCase test;
        test.name = "S.A";
        CHECK(adapter("gtest").run_arguments(test).front() == "--gtest_filter=S.A");
        CHECK(adapter("catch2").run_arguments(test).back() == "S.A");
        CHECK(adapter("doctest").run_arguments(test).front() == "--dt-test-case=S.A");
        CHECK(adapter("command").run_arguments(test).empty());
        FrameworkVerdict verdict = adapter("gtest").interpret_output(
            test, read_list_data("gtest_run_fail.stdout"), "", false);
        CHECK(verdict.failure_message ==
              "gtest_sample.cpp:12: Expected equality of these values: a "
              "Which is: 1 b Which is: 2 custom note");
        CHECK(adapter("catch2")
                  .interpret_output(test, read_list_data("catch2_run_pass.stdout"), "", false)
                  .cases_run == 1);
        CHECK(adapter("doctest")
                  .interpret_output(test, read_list_data("doctest_run_no_match.stdout"), "", false)
                  .cases_run == 0);
    }

    TEST_CASE("every registered framework is found by its config name, and nothing else is") {
        REQUIRE(framework_adapters().size() == 5);
        for (const FrameworkAdapter* each : framework_adapters()) {
            CAPTURE(each->config_name());
            CHECK(find_framework(each->config_name()) == each);
            CHECK(&framework_adapter(each->config_name()) == each);
            CHECK(parse_framework_kind(each->config_name()) == each->config_name());
        }
        CHECK(find_framework("auto") == nullptr);
        CHECK(find_framework("") == nullptr);
        CHECK(find_framework("cppunit") == nullptr);
        CHECK_THROWS_AS((void)framework_adapter(""), std::logic_error);
    }

    TEST_CASE("auto asks for detection instead of naming a framework") {
        CHECK(parse_framework_kind("auto").empty());
    }

    TEST_CASE("a name the registry does not know is refused, listing the names it knows") {
        std::string message;
        try {
            (void)parse_framework_kind("catch");
        } catch (const Error& error) {
            message = error.what();
        }
        CHECK(message == "unknown binary kind `catch` (valid values: auto, gtest, catch2, doctest, "
                         "boost, command)");
    }

    TEST_CASE("exactly one adapter runs a command whole, and it is never detected") {
        int whole = 0;
        for (const FrameworkAdapter* each : framework_adapters()) {
            whole += each->runs_whole() ? 1 : 0;
        }
        CHECK(whole == 1);
        const FrameworkAdapter& command = framework_adapter(whole_command_framework());
        CHECK(command.runs_whole());
        CHECK(command.runner_markers().empty());
        CHECK(command.symbol_markers().empty());
    }

    TEST_CASE("a configured kind unknown to the registry is refused with the config error") {
        // profiles/ keeps `kind` as written; the runner checks it before anything runs, with the
        // position, source line and caret the loader gives its own bad values.
        const profiles::Config config =
            profiles::Config::parse("[[binary]]\npath = \"t\"\nkind = \"cppunit\"\n", "test.toml");
        std::string message;
        ExitCode code = ExitCode::ok;
        try {
            check_binary_kinds(config.binaries());
        } catch (const Error& error) {
            message = error.what();
            code = error.code();
        }
        CHECK(code == ExitCode::setup_error);
        CHECK(message ==
              "test.toml:3:8: `binary[0].kind`: unknown binary kind `cppunit` (valid values: auto, "
              "gtest, catch2, doctest, boost, command)\nkind = \"cppunit\"\n       ^");
    }

    TEST_CASE("every registered name and auto pass the configured-kind check") {
        std::vector<std::string> names{"auto"};
        for (const FrameworkAdapter* each : framework_adapters()) {
            names.emplace_back(each->config_name());
        }
        for (const std::string& name : names) {
            CAPTURE(name);
            const profiles::Config config = profiles::Config::parse(
                "[[binary]]\npath = \"t\"\nkind = \"" + name + "\"\n", "test.toml");
            CHECK_NOTHROW(check_binary_kinds(config.binaries()));
        }
    }

    TEST_CASE("detection picks each framework from its own markers, and never a plain command") {
        for (const FrameworkAdapter* each : framework_adapters()) {
            CAPTURE(each->config_name());
            for (std::string_view marker : each->runner_markers()) {
                CHECK(detect_framework(binary_with(marker)) == each->config_name());
            }
            for (std::string_view marker : each->symbol_markers()) {
                CHECK(detect_framework(binary_with(marker)) == each->config_name());
            }
        }
        CHECK(adapter("command").runner_markers().empty());
        CHECK(adapter("command").symbol_markers().empty());
    }

    TEST_CASE("detection reads Catch2 in its own captured banner") {
        CHECK(detect_framework(read_list_data("catch2_run_fail.stdout")) == "catch2");
    }

    TEST_CASE("the captured listings are parsed by the adapter detection would pick") {
        CHECK(adapter(detect_framework(binary_with("--gtest_list_tests")))
                  .parse_list_output(0, read_list_data("gtest_list.txt"), 0)
                  .cases.size() == 20);
        CHECK(adapter(detect_framework(binary_with("dt-test-case")))
                  .parse_list_output(0, read_list_data("doctest_list.xml"), 0)
                  .cases.size() == 15);
        CHECK(adapter(detect_framework(read_list_data("catch2_run_fail.stdout")))
                  .parse_list_output(1, read_list_data("catch2_list_pass1.txt"), 3)
                  .cases.size() == 3);
    }

    TEST_CASE("messages name every detectable framework") {
        CHECK(detectable_framework_names() == "GoogleTest, Catch2, doctest or Boost.Test");
        CHECK(adapter("gtest").display_name() == "GoogleTest");
        CHECK(adapter("catch2").display_name() == "Catch2");
        CHECK(adapter("doctest").display_name() == "doctest");
        CHECK(adapter("boost").display_name() == "Boost.Test");
    }

    TEST_CASE("only GoogleTest gets a premature-exit file, named after the attempt") {
        std::optional<PrematureExitFile> file = adapter("gtest").premature_exit_file("/scratch", 7);
        REQUIRE(file.has_value());
        CHECK(file->env_var == "TEST_PREMATURE_EXIT_FILE");
        CHECK(file->path == std::filesystem::path("/scratch/premature-7"));
        CHECK_FALSE(adapter("catch2").premature_exit_file("/scratch", 7));
        CHECK_FALSE(adapter("doctest").premature_exit_file("/scratch", 7));
        CHECK_FALSE(adapter("command").premature_exit_file("/scratch", 7));
    }

    TEST_CASE("a plain command is one case named after its binary, finished once it exits") {
        std::vector<TestCase> cases = adapter("command").merge_list_passes({}, "tool");
        REQUIRE(cases.size() == 1);
        CHECK(cases[0].name == "tool");
        FrameworkVerdict verdict = adapter("command").interpret_output(cases[0], "", "", false);
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.finished);
    }

    TEST_CASE("a preselected binary adds no selector to its arguments") {
        TestBinary binary;
        binary.kind = "gtest";
        TestCase test;
        test.name = "S.A";
        CHECK(case_arguments(binary, test).front() == "--gtest_filter=S.A");
        binary.preselected = true;
        CHECK(case_arguments(binary, test).empty());
    }
}

} // namespace ptest::runner
