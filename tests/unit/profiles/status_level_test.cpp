// Tests of the three display enums: status-level, final-status-level and the output displays.
#include "base/enum_table.hpp"
#include "config_helpers.hpp"

#include "profiles/final_status_level.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::StatusLevel") {
    TEST_CASE("every status level spelling parses and prints back") {
        for (const auto& entry : k_status_levels) {
            CAPTURE(entry.name);
            CHECK(parse_status_level(entry.name) == entry.value);
            CHECK(to_string(entry.value) == entry.name);
            const std::string line = "status-level = \"" + std::string(entry.name) + "\"";
            CHECK(resolve_default(line).status_level == entry.value);
        }
        CHECK(ptest::base::enum_names(k_status_levels) ==
              "none, fail, retry, slow, leak, pass, skip, all");
    }

    TEST_CASE("every final status level spelling parses and prints back") {
        for (const auto& entry : k_final_status_levels) {
            CAPTURE(entry.name);
            CHECK(parse_final_status_level(entry.name) == entry.value);
            CHECK(to_string(entry.value) == entry.name);
            const std::string line = "final-status-level = \"" + std::string(entry.name) + "\"";
            CHECK(resolve_default(line).final_status_level == entry.value);
        }
        CHECK(ptest::base::enum_names(k_final_status_levels) ==
              "none, fail, flaky, slow, skip, pass, all");
    }

    TEST_CASE("every output display spelling parses for both output keys") {
        for (const auto& entry : k_test_output_displays) {
            CAPTURE(entry.name);
            CHECK(parse_test_output_display(entry.name) == entry.value);
            CHECK(to_string(entry.value) == entry.name);
            const std::string failure = "failure-output = \"" + std::string(entry.name) + "\"";
            CHECK(resolve_default(failure).failure_output == entry.value);
            const std::string success = "success-output = \"" + std::string(entry.name) + "\"";
            CHECK(resolve_default(success).success_output == entry.value);
        }
        CHECK(parse_test_output_display("immediate-final") == TestOutputDisplay::immediate_final);
    }

    TEST_CASE("an unknown value from the command line lists the valid ones") {
        CHECK(error_of([] { (void)parse_status_level("verbose"); }) ==
              "unknown status level `verbose` (valid values: none, fail, retry, slow, leak, pass, "
              "skip, all)");
        CHECK(error_of([] { (void)parse_final_status_level("retry"); }) ==
              "unknown final status level `retry` (valid values: none, fail, flaky, slow, skip, "
              "pass, all)");
        CHECK(error_of([] { (void)parse_test_output_display("immediate_final"); }) ==
              "unknown output display `immediate_final` (valid values: immediate, "
              "immediate-final, final, never)");
    }

    TEST_CASE("an unknown or mistyped value in the file is an error at the value") {
        CHECK(default_error(R"(status-level = "loud")") ==
              "test.toml:2:16: `profile.default.status-level`: unknown status level `loud` (valid "
              "values: none, fail, retry, slow, leak, pass, skip, all)\nstatus-level = \"loud\"\n"
              "               ^");
        CHECK(default_error("failure-output = true") ==
              "test.toml:2:18: `profile.default.failure-output`: expected a string, found a "
              "boolean\nfailure-output = true\n                 ^");
    }
}
