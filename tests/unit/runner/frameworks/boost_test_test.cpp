// Tests of the Boost.Test adapter's listing parser, XML log judging and CTest mapping against
// captured Boost.Test 1.74 output (tests/data/reports/boost-test-1.74, see its README for the
// command behind each file), and of its detection and arguments through the registry.
#include "runner/frameworks/boost_test.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ptest::runner {

namespace {

/// The bytes of `tests/data/reports/<folder>/<name>`: the header-only variant's captures by
/// default, `boost-test-1.74-linked` for the shared library's (run with ptest's arguments).
std::string read_capture(const std::string& name, const std::string& folder = "boost-test-1.74") {
    std::string path = std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/" + folder + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TestCase named(std::string name, std::uint32_t expected_failures = 0) {
    TestCase test;
    test.name = std::move(name);
    test.expected_failures = expected_failures;
    return test;
}

FrameworkVerdict judge(const std::string& name, const std::string& log_file, int exit_code) {
    return judge_boost_log(named(name), read_capture(log_file), exit_code);
}

} // namespace

TEST_SUITE("runner::boost_test") {
    TEST_CASE("the DOT listing gives suite/case paths, file, line and labels in tree order") {
        ListParseResult result = parse_boost_list(read_capture("list-dot.stderr.txt"), 0);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 16);
        CHECK(result.cases[0].name == "basic/pass");
        CHECK(result.cases[0].file == "SRC/boost_cases.cpp");
        CHECK(result.cases[0].line == 18);
        CHECK(result.cases[11].name == "outer/inner/labelled");
        CHECK(result.cases[11].labels == std::vector<std::string>{"fast"});
        CHECK(result.cases[13].name == "outer/inner/tmpl<std__pair<int_ long>>");
        CHECK(result.cases[14].name == "outer/inner/data/_0");
        CHECK(result.cases[15].name == "outer/inner/data/_1");
        CHECK(result.cases[15].line == 68);
    }

    TEST_CASE("the shared-library variant lists on stdout exactly what the header-only one does") {
        ListParseResult linked =
            parse_boost_list(read_capture("list-dot.stdout.txt", "boost-test-1.74-linked"), 0);
        ListParseResult included = parse_boost_list(read_capture("list-dot.stderr.txt"), 0);
        REQUIRE(linked.cases.size() == included.cases.size());
        for (std::size_t i = 0; i < linked.cases.size(); ++i) {
            CHECK(linked.cases[i].name == included.cases[i].name);
            CHECK(linked.cases[i].line == included.cases[i].line);
            CHECK(linked.cases[i].ignored == included.cases[i].ignored);
        }
    }

    TEST_CASE("the shared-library variant's logs, written beside the console log, judge alike") {
        const std::string folder = "boost-test-1.74-linked";
        auto judge_linked = [&](const std::string& name, const std::string& stem, int code) {
            return judge_boost_log(named(name), read_capture(stem + ".log.xml", folder), code);
        };
        CHECK(judge_linked("basic/pass", "basic_pass", 0).disagreement.empty());
        FrameworkVerdict failed = judge_linked("basic/fail_assert", "basic_fail_assert", 201);
        CHECK(failed.failed);
        CHECK(failed.disagreement.empty());
        CHECK(failed.failure_message ==
              "SRC/boost_cases.cpp:19: error: check 1 == 2 has failed [1 != 2]");
        CHECK(judge_linked("errors/throws", "errors_throws", 201).failed);
        CHECK(judge_linked("errors/aborts", "errors_aborts", 201).failed);
        CHECK(judge_linked("skip/precondition_false", "skip_precondition_false", 0).skipped);
        CHECK(judge_linked("outer/inner/data/_0", "data_0", 0).cases_run == 1);
        CHECK(judge_linked("errors/exit_zero_mid_test", "errors_exit_zero_mid_test", 0)
                  .disagreement.starts_with("Boost.Test wrote no XML log:"));
    }

    TEST_CASE("a disabled case is listed as ignored and every other case is not") {
        ListParseResult result = parse_boost_list(read_capture("list-dot.stderr.txt"), 0);
        for (const TestCase& test : result.cases) {
            CHECK_MESSAGE(test.ignored == (test.name == "skip/disabled"), test.name);
        }
    }

    TEST_CASE("expected failures, several labels and a `|` in a name are read from the right") {
        ListParseResult result = parse_boost_list(
            "Running main() from a custom main\n"
            "digraph G {rankdir=LR;\n"
            "tu1[shape=ellipse,peripheries=2,fontname=Helvetica,color=green,label=\"m\"];\n"
            "{\n"
            "tu2[shape=Mrecord,fontname=Helvetica,color=green,label=\"s|a.cpp(3)\"];\n"
            "tu1 -> tu2;\n"
            "{\n"
            "tu65536[shape=Mrecord,fontname=Helvetica,color=yellow,label=\"a|b|a.cpp(4)|timeout=3"
            "|expected failures=2|labels: @x @y\"];\n"
            "tu2 -> tu65536;\n"
            "tu65536 -> tu65537[color=red,style=dotted,constraint=false];\n"
            "}\n"
            "tu65537[shape=Mrecord,fontname=Helvetica,color=green,label=\"top|a.cpp(9)\"];\n"
            "tu1 -> tu65537;\n"
            "}\n",
            0);
        REQUIRE_FALSE(result.error.has_value());
        REQUIRE(result.cases.size() == 2);
        CHECK(result.cases[0].name == "s/a|b");
        CHECK(result.cases[0].line == 4);
        CHECK(result.cases[0].expected_failures == 2);
        CHECK(result.cases[0].labels == std::vector<std::string>{"x", "y"});
        CHECK(result.cases[0].ignored);
        CHECK(result.cases[1].name == "top");
        CHECK_FALSE(result.cases[1].ignored);
    }

    TEST_CASE("a non-zero exit or an indented console listing is not a DOT listing") {
        ListParseResult failed = parse_boost_list(read_capture("list-dot.stderr.txt"), 200);
        REQUIRE(failed.error.has_value());
        CHECK(*failed.error == "Boost.Test listing (`--list_content=DOT`) exited with code 200");
        ListParseResult console = parse_boost_list(read_capture("list.stderr.txt"), 0);
        REQUIRE(console.error.has_value());
        CHECK(console.error->ends_with("and printed no test tree"));
    }

    TEST_CASE("a name component with a --run_test filter character is unselectable") {
        std::vector<TestCase> cases{named("suite/plain<int>"), named("suite/a,b"), named("x*/y"),
                                    named("s/ padded")};
        mark_boost_unselectable(cases);
        CHECK_FALSE(cases[0].unselectable.has_value());
        REQUIRE(cases[1].unselectable.has_value());
        CHECK(cases[1].unselectable->find("`a,b`") != std::string::npos);
        CHECK(cases[2].unselectable.has_value());
        CHECK(cases[3].unselectable.has_value());
    }

    TEST_CASE("a passing case's log and exit code 0 give a pass with the case's file and line") {
        FrameworkVerdict verdict = judge("basic/pass", "basic_pass.log.xml", 0);
        CHECK(verdict.from_report);
        CHECK(verdict.disagreement.empty());
        CHECK_FALSE(verdict.failed);
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.file == "SRC/boost_cases.cpp");
        CHECK(verdict.line == 18);
    }

    TEST_CASE("a failed check is the failure message, placed at the check's line") {
        FrameworkVerdict verdict = judge("basic/fail_assert", "basic_fail_assert.log.xml", 201);
        CHECK(verdict.disagreement.empty());
        CHECK(verdict.failed);
        CHECK(verdict.failure_message ==
              "SRC/boost_cases.cpp:19: error: check 1 == 2 has failed [1 != 2]");
        CHECK(verdict.failure_description ==
              "SRC/boost_cases.cpp:19: error: check 1 == 2 has failed [1 != 2]\n");
    }

    TEST_CASE("an exception and a caught SIGABRT fail at the case's last checkpoint") {
        FrameworkVerdict thrown = judge("errors/throws", "errors_throws.log.xml", 201);
        CHECK(thrown.failed);
        CHECK(thrown.failure_message ==
              "SRC/boost_cases.cpp:51: exception: std::runtime_error: boom");
        FrameworkVerdict aborted = judge("errors/aborts", "errors_aborts.log.xml", 201);
        CHECK(aborted.failed);
        CHECK(aborted.disagreement.empty());
        CHECK(aborted.failure_message.find("signal: SIGABRT") != std::string::npos);
    }

    TEST_CASE("a failure with exit code 0 (a main that ignores the result) is a disagreement") {
        FrameworkVerdict verdict = judge("basic/fail_assert", "basic_fail_assert.log.xml", 0);
        CHECK(verdict.failed);
        CHECK(verdict.disagreement ==
              "Boost.Test's log says the test case failed, but the process exited with code 0");
    }

    TEST_CASE("a pass with a non-zero exit code is a disagreement") {
        FrameworkVerdict verdict = judge("basic/pass", "basic_pass.log.xml", 201);
        CHECK(verdict.disagreement ==
              "Boost.Test's log says the test case passed, but the process exited with code 201");
    }

    TEST_CASE("failures up to the case's expected failures still pass") {
        const std::string log = read_capture("basic_fail_assert.log.xml");
        FrameworkVerdict expected = judge_boost_log(named("basic/fail_assert", 1), log, 0);
        CHECK_FALSE(expected.failed);
        CHECK(expected.disagreement.empty());
        CHECK(expected.failure_message.empty());
    }

    TEST_CASE("a precondition that fails skips the case with Boost.Test's reason") {
        FrameworkVerdict verdict =
            judge("skip/precondition_false", "skip_precondition_false.log.xml", 0);
        CHECK(verdict.disagreement.empty());
        CHECK(verdict.skipped);
        CHECK(verdict.skip_message == "precondition failed");
    }

    TEST_CASE("`_Exit(0)` mid-test leaves an empty log, which is a disagreement") {
        FrameworkVerdict verdict =
            judge("errors/exit_zero_mid_test", "errors_exit_zero_mid_test.log.xml", 0);
        CHECK(verdict.disagreement == "Boost.Test wrote no XML log: the process exited with "
                                      "code 0 before Boost.Test finished the run");
    }

    TEST_CASE("no log, a truncated log and a filter that matched nothing are disagreements") {
        CHECK(judge_boost_log(named("basic/pass"), std::nullopt, 0).disagreement ==
              "Boost.Test wrote no XML log: the process exited with code 0 before Boost.Test "
              "finished the run");
        const std::string log = read_capture("basic_pass.log.xml");
        FrameworkVerdict truncated =
            judge_boost_log(named("basic/pass"), log.substr(0, log.size() / 2), 0);
        CHECK(truncated.disagreement == "Boost.Test's XML log is truncated: the process exited "
                                        "with code 0 before Boost.Test finished it");
        FrameworkVerdict unmatched = judge("basic/no_such_case", "no_such_case.log.xml", 200);
        CHECK(unmatched.disagreement.starts_with(
            "Boost.Test wrote no XML log and the process exited with code 200"));
    }

    TEST_CASE("a log of another case, or of a case running after this one, is a disagreement") {
        CHECK(judge("basic/fail_assert", "basic_pass.log.xml", 0).disagreement ==
              "Boost.Test's log names test case `basic/pass`, not `basic/fail_assert`");
        CHECK(judge("outer/inner/tmpl<int>", "tmpl_pair_sanitized.log.xml", 0).disagreement ==
              "Boost.Test's log names test case `outer/inner/tmpl<std__pair<int_ long>>`, not "
              "`outer/inner/tmpl<int>`");
        CHECK(judge("basic/pass", "two-cases.log.xml", 201).disagreement ==
              "Boost.Test's log names 2 test cases that ran (expected `basic/pass`, after the "
              "cases it depends on)");
        CHECK(
            judge_boost_log(named("basic/gone"), "<TestLog><TestSuite name=\"m\"/></TestLog>", 200)
                .disagreement == "Boost.Test's log says test case `basic/gone` did not run");
    }

    TEST_CASE("cases run before this one are the ones it depends on, and their failure counts") {
        // `--run_test` runs a case's `depends_on` cases first; the log names them before it.
        FrameworkVerdict after_pass = judge("basic/fail_assert", "two-cases.log.xml", 201);
        CHECK(after_pass.disagreement.empty());
        CHECK(after_pass.failed);
        const std::string skipped_by_dependency =
            "<TestLog><TestSuite name=\"m\"><TestSuite name=\"s\" file=\"a.cpp\" line=\"1\">"
            "<TestCase name=\"broken\" file=\"a.cpp\" line=\"2\"><Error file=\"a.cpp\" "
            "line=\"2\"><![CDATA[check false has failed]]></Error><TestingTime>1</TestingTime>"
            "</TestCase><TestCase name=\"after\" skipped=\"yes\" reason=\"dependency test case "
            "&quot;s/broken&quot; has failed\"/></TestSuite></TestSuite></TestLog>";
        FrameworkVerdict verdict = judge_boost_log(named("s/after"), skipped_by_dependency, 201);
        CHECK(verdict.disagreement.empty());
        CHECK(verdict.skipped);
        CHECK(verdict.skip_message == "dependency test case \"s/broken\" has failed");
        CHECK(judge_boost_log(named("s/after"), skipped_by_dependency, 0).disagreement ==
              "Boost.Test's log says a test case this one depends on failed, but the process "
              "exited with code 0");
    }

    TEST_CASE("a nested data case is found by its whole path") {
        FrameworkVerdict verdict = judge("outer/inner/data/_0", "data_0.log.xml", 0);
        CHECK(verdict.disagreement.empty());
        CHECK(verdict.cases_run == 1);
        CHECK(verdict.line == 68);
        CHECK(judge("outer/inner/_0", "data_0.log.xml", 0).disagreement ==
              "Boost.Test's log names test case `outer/inner/data/_0`, not `outer/inner/_0`");
    }

    TEST_CASE("CTest commands: none expand, one exact --run_test is one case, others run whole") {
        CHECK(map_boost_command({}).mapping == CTestMapping::expand);
        CommandMapping one = map_boost_command({"--run_test=suite/case"});
        CHECK(one.mapping == CTestMapping::one_case);
        CHECK(one.case_name == "suite/case");
        CHECK(map_boost_command({"-t", "suite/case"}).case_name == "suite/case");
        CHECK(map_boost_command({"--run_test=suite/*"}).mapping == CTestMapping::command);
        CHECK(map_boost_command({"--run_test=@fast"}).mapping == CTestMapping::command);
        CHECK(map_boost_command({"--run_test=a,b"}).mapping == CTestMapping::command);
        CHECK(map_boost_command({"--run_test=!a"}).mapping == CTestMapping::command);
        CommandMapping other = map_boost_command({"--log_level=all"});
        CHECK(other.mapping == CTestMapping::command);
        CHECK(other.reason == "its arguments are not one `--run_test=suite/case`");
    }

    TEST_CASE("with a log of the binary's own, the report on stderr tells a finish and a failure") {
        const FrameworkAdapter& adapter = framework_adapter("boost");
        CHECK(adapter.own_report_options()[0] == "--log");
        FrameworkVerdict passed =
            adapter.interpret_output(named("basic/pass"), "", "\n*** No errors detected\n", false);
        CHECK(passed.finished);
        CHECK(passed.cases_run == 1);
        CHECK_FALSE(passed.from_report);
        FrameworkVerdict failed = adapter.interpret_output(
            named("basic/fail_assert"), "", read_capture("console-basic_fail_assert.stderr.txt"),
            false); // In colour.
        CHECK(failed.from_report);
        CHECK(failed.failed);
        CHECK(failed.failure_message == "1 failure is detected in the test module \"reports\"");
        CHECK_FALSE(
            adapter
                .interpret_output(named("errors/exit_zero_mid_test"), "before _Exit\n", "", false)
                .finished);
    }

    TEST_CASE("the runner strings of both variants detect Boost.Test, the namespace alone too") {
        CHECK(detect_framework("...Lists the content of test tree...") == "boost");
        CHECK(detect_framework("_ZN5boost9unit_test14unit_test_mainEPFbvEiPPc") == "boost");
        CHECK(detect_framework("_ZTIN5boost9unit_test9test_caseE") == "boost");
        CHECK(detect_framework("N5boost4asio10io_contextE").empty());
    }

    TEST_CASE("a case runs with --run_test and its log goes to the attempt's file beside stdout") {
        const FrameworkAdapter& adapter = framework_adapter("boost");
        CHECK(adapter.display_name() == "Boost.Test");
        CHECK(adapter.run_arguments(named("outer/inner/tmpl<int>")) ==
              std::vector<std::string>{"--run_test=outer/inner/tmpl<int>"});
        CHECK(adapter.report_arguments("/dev/fd/3") ==
              std::vector<std::string>{"--logger=XML,test_suite,/dev/fd/3:HRF,error,stdout"});
        CHECK(adapter.report_arguments("/tmp/a:b/r") ==
              std::vector<std::string>{"--log_format=XML", "--log_level=test_suite",
                                       "--log_sink=/tmp/a:b/r"});
        CHECK(adapter.list_arguments(0) ==
              std::vector<std::string>{"--list_content=DOT", "--report_sink=stdout"});
    }
}

} // namespace ptest::runner
