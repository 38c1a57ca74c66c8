// Tests of Config::parse and Config::resolve: malformed files, unknown keys, inheritance chains and
// cycles, and unknown profiles.
#include "config_helpers.hpp"

#include "profiles/config.hpp"
#include "profiles/show_config.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::Config") {
    TEST_CASE("the embedded defaults parse without warnings and match the Profile defaults") {
        const Config config = Config::defaults_only();
        CHECK(config.warnings().empty());
        CHECK(config.binaries().empty());
        CHECK(config.profile_names() == std::vector<std::string>{"default"});
        const Profile profile = config.resolve("default");
        const Profile plain;
        CHECK(profile.name == "default");
        CHECK(profile.retries.count == 0);
        CHECK(profile.status_level == plain.status_level);
        CHECK(profile.final_status_level == plain.final_status_level);
        CHECK(profile.failure_output == plain.failure_output);
        CHECK(profile.success_output == plain.success_output);
        CHECK(profile.fail_fast.max_fail == 1U);
        CHECK(profile.junit.report_name == "nextest-run");
        CHECK(profile.sources.at("retries") == "built-in");
        CHECK(profile.sources.at("junit.path") == "built-in");
    }

    TEST_CASE("malformed TOML is reported at its line and column with a caret") {
        CHECK(parse_error("[profile.default]\nretries = \n") ==
              "test.toml:2:11: Error while parsing key-value pair: expected value, saw '\\n'\n"
              "retries = \n          ^");
        CHECK(parse_error("[profile.default\n") ==
              "test.toml:1:17: Error while parsing table header: expected ']', saw '\\n'\n"
              "[profile.default\n                ^");
        CHECK(parse_error("[profile.a]\nretries = 1\nretries = 2\n") ==
              "test.toml:3:11: Error while parsing key-value pair: cannot redefine existing "
              "integer 'retries'\nretries = 2\n          ^");
    }

    TEST_CASE("a tab before the error column stays a tab under the caret") {
        CHECK(parse_error("[profile.default]\n\tretries = \"x\"\n") ==
              "test.toml:2:12: `profile.default.retries`: expected an integer or a table, found a "
              "string\n\tretries = \"x\"\n\t          ^");
    }

    TEST_CASE("unknown keys anywhere are warnings in file order and the run goes on") {
        const Config config = Config::parse(R"toml(nextest-versoin = "0.9.50"
experimental = ["setup-scripts"]
[profile.default]
retries = 1
default-filter = "all()"
[profile.default.junit]
report-format = "junit"
[test-groups]
serial = { max-threads = 1 }
[scripts.setup.db]
command = "x"
store = { dir = "target/nextest" }
)toml",
                                            "test.toml");
        CHECK(config.warnings() ==
              std::vector<std::string>{
                  "test.toml:1:1: warning: ignoring unknown configuration key `nextest-versoin`; "
                  "did you mean `nextest-version`?",
                  "test.toml:7:1: warning: ignoring unknown configuration key "
                  "`profile.default.junit.report-format`",
                  "test.toml:12:1: warning: ignoring unknown configuration key "
                  "`scripts.setup.db.store`",
              });
        CHECK(config.resolve("default").retries.count == 1);
    }

    TEST_CASE("profiles layer built-ins, then default, then the inherits chain, then the profile") {
        const Config config = Config::parse(R"([profile.default]
retries = 1
status-level = "fail"
[profile.base]
retries = 2
slow-timeout = "5s"
[profile.middle]
inherits = "base"
retries = 3
[profile.leaf]
inherits = "middle"
failure-output = "final"
)",
                                            "test.toml");
        CHECK(config.profile_names() ==
              std::vector<std::string>{"base", "default", "leaf", "middle"});
        const Profile leaf = config.resolve("leaf");
        CHECK(leaf.name == "leaf");
        CHECK(leaf.retries.count == 3);
        CHECK(leaf.slow_timeout.period == 5s);
        CHECK(leaf.status_level == StatusLevel::fail);
        CHECK(leaf.failure_output == TestOutputDisplay::final);
        CHECK(leaf.final_status_level == FinalStatusLevel::flaky);
        CHECK(leaf.sources.at("retries") == "test.toml:9");
        CHECK(leaf.sources.at("slow-timeout") == "test.toml:6");
        CHECK(leaf.sources.at("status-level") == "test.toml:3");
        CHECK(leaf.sources.at("final-status-level") == "built-in");
        const Profile base = config.resolve("base");
        CHECK(base.retries.count == 2);
        CHECK(base.failure_output == TestOutputDisplay::immediate);
    }

    TEST_CASE("a profile with no inherits inherits from default") {
        const Profile ci = resolve_toml("[profile.default]\nretries = 4\n[profile.ci]\n", "ci");
        CHECK(ci.name == "ci");
        CHECK(ci.retries.count == 4);
    }

    TEST_CASE("inheritance cycles are errors naming the cycle") {
        CHECK(parse_error(R"([profile.a]
inherits = "b"
[profile.b]
inherits = "a"
)") == "test.toml:4:12: `profile.b.inherits`: inheritance cycle: a -> b -> a\n"
       "inherits = \"a\"\n           ^");
        CHECK(parse_error("[profile.self]\ninherits = \"self\"\n") ==
              "test.toml:2:12: `profile.self.inherits`: inheritance cycle: self -> self\n"
              "inherits = \"self\"\n           ^");
    }

    TEST_CASE("inheriting from an unknown profile or from default's parent is an error") {
        CHECK(parse_error("[profile.base]\n[profile.ci]\ninherits = \"bsae\"\n") ==
              "test.toml:3:12: `profile.ci.inherits`: profile `bsae` not found (known profiles: "
              "base, ci, default); did you mean `base`?\ninherits = \"bsae\"\n           ^");
        CHECK(parse_error("[profile.base]\n[profile.default]\ninherits = \"base\"\n") ==
              "test.toml:3:12: `profile.default.inherits`: the default profile cannot inherit "
              "from another profile\ninherits = \"base\"\n           ^");
    }

    TEST_CASE("an unknown profile lists the known ones and suggests a close name") {
        const Config config = Config::parse("[profile.ci]\n[profile.local]\n", "test.toml");
        CHECK(error_of([&] { (void)config.resolve("ci2"); }) ==
              "profile `ci2` not found (known profiles: ci, default, local); did you mean `ci`?");
        CHECK(error_of([&] { (void)config.resolve("xyz"); }) ==
              "profile `xyz` not found (known profiles: ci, default, local)");
        try {
            (void)config.resolve("lcoal");
            FAIL("no error");
        } catch (const ptest::Error& error) {
            CHECK(error.code() == ptest::ExitCode::setup_error);
            CHECK(std::string(error.what()) == "profile `lcoal` not found (known profiles: ci, "
                                               "default, local); did you mean `local`?");
        }
    }

    TEST_CASE("a profile that is not a table is an error") {
        CHECK(parse_error("profile = 3\n") ==
              "test.toml:1:11: `profile`: expected a table, found an integer\nprofile = 3\n"
              "          ^");
        CHECK(parse_error("[profile]\nci = 3\n") ==
              "test.toml:2:6: `profile.ci`: expected a table, found an integer\nci = 3\n     ^");
    }
}
