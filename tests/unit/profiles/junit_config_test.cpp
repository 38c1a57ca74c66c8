// Tests of the `[profile.NAME.junit]` table, which layers key by key.
#include "config_helpers.hpp"

#include "profiles/junit_config.hpp"

#include <doctest/doctest.h>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::JunitConfig") {
    TEST_CASE("the built-in junit settings write no report") {
        const JunitConfig junit = Config::defaults_only().resolve("default").junit;
        CHECK_FALSE(junit.path.has_value());
        CHECK(junit.report_name == "nextest-run");
        CHECK_FALSE(junit.store_success_output);
        CHECK(junit.store_failure_output);
        CHECK_FALSE(junit.source_location);
    }

    TEST_CASE("every junit key is read") {
        const JunitConfig junit = resolve_toml(R"([profile.default.junit]
path = "out/junit.xml"
report-name = "ptest-run"
store-success-output = true
store-failure-output = false
source-location = true
)")
                                      .junit;
        CHECK(junit.source_location);
        CHECK(junit.path == "out/junit.xml");
        CHECK(junit.report_name == "ptest-run");
        CHECK(junit.store_success_output);
        CHECK_FALSE(junit.store_failure_output);
    }

    TEST_CASE("a profile that sets only the path keeps the inherited store settings") {
        const JunitConfig junit = resolve_toml(R"([profile.default.junit]
store-success-output = true
[profile.ci.junit]
path = "ci.xml"
)",
                                               "ci")
                                      .junit;
        CHECK(junit.path == "ci.xml");
        CHECK(junit.store_success_output);
        CHECK(junit.report_name == "nextest-run");
    }

    TEST_CASE("source-location must be a boolean") {
        CHECK(parse_error("[profile.default.junit]\nsource-location = 1\n") ==
              "test.toml:2:19: `profile.default.junit.source-location`: expected a boolean, "
              "found an integer\nsource-location = 1\n                  ^");
    }

    TEST_CASE("bad junit values are errors at the value") {
        CHECK(parse_error("[profile.default.junit]\npath = \"\"\n") ==
              "test.toml:2:8: `profile.default.junit.path`: expected a non-empty string\n"
              "path = \"\"\n       ^");
        CHECK(parse_error("[profile.default.junit]\nstore-success-output = \"yes\"\n") ==
              "test.toml:2:24: `profile.default.junit.store-success-output`: expected a boolean, "
              "found a string\nstore-success-output = \"yes\"\n                       ^");
        CHECK(parse_error("[profile.default]\njunit = \"out.xml\"\n") ==
              "test.toml:2:9: `profile.default.junit`: expected a table, found a string\n"
              "junit = \"out.xml\"\n        ^");
    }

    TEST_CASE("junit values print as TOML") {
        JunitConfig junit;
        CHECK(format_junit_value(junit, "junit.path") == "(none)");
        junit.path = "a.xml";
        CHECK(format_junit_value(junit, "junit.path") == "\"a.xml\"");
        CHECK(format_junit_value(junit, "junit.report-name") == "\"nextest-run\"");
        CHECK(format_junit_value(junit, "junit.store-failure-output") == "true");
        CHECK(format_junit_value(junit, "junit.source-location") == "false");
        junit.report_name = R"(a "b" \c)";
        CHECK(format_junit_value(junit, "junit.report-name") == R"("a \"b\" \\c")");
    }
}

TEST_SUITE("profiles::JunitConfig dashboards") {
    TEST_CASE(
        "report-skipped, flaky-fail-status and flaky-properties default to nextest's report") {
        const JunitConfig junit = Config::defaults_only().resolve("default").junit;
        CHECK(junit.report_skipped == ReportSkipped::none);
        CHECK(junit.flaky_fail_status == FlakyFailStatus::failure);
        CHECK_FALSE(junit.flaky_properties);
    }

    TEST_CASE("report-skipped, flaky-fail-status and flaky-properties are read") {
        const JunitConfig junit = resolve_toml(R"([profile.default.junit]
report-skipped = "ignored"
flaky-fail-status = "success"
flaky-properties = true
)")
                                      .junit;
        CHECK(junit.report_skipped == ReportSkipped::ignored);
        CHECK(junit.flaky_fail_status == FlakyFailStatus::success);
        CHECK(junit.flaky_properties);
        CHECK(resolve_toml("[profile.default.junit]\nreport-skipped = \"all\"\n")
                  .junit.report_skipped == ReportSkipped::all);
    }

    TEST_CASE("an unknown report-skipped value is an error that lists nextest's values") {
        CHECK(parse_error("[profile.default.junit]\nreport-skipped = true\n") ==
              "test.toml:2:18: `profile.default.junit.report-skipped`: expected a string, found a "
              "boolean\nreport-skipped = true\n                 ^");
        CHECK(parse_error("[profile.default.junit]\nreport-skipped = \"some\"\n") ==
              "test.toml:2:18: `profile.default.junit.report-skipped`: unknown report-skipped "
              "value `some` (valid values: none, ignored, all)\nreport-skipped = \"some\"\n"
              "                 ^");
    }

    TEST_CASE("the new junit values print as TOML") {
        JunitConfig junit;
        junit.report_skipped = ReportSkipped::ignored;
        junit.flaky_fail_status = FlakyFailStatus::success;
        CHECK(format_junit_value(junit, "junit.report-skipped") == "\"ignored\"");
        CHECK(format_junit_value(junit, "junit.flaky-fail-status") == "\"success\"");
        CHECK(format_junit_value(junit, "junit.flaky-properties") == "false");
    }
}
