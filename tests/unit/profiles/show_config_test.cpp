// Tests of what `ptest show-config` prints: the embedded defaults and a resolved profile with the
// origin of every key.
#include "config_helpers.hpp"

#include "profiles/profile_layer.hpp"
#include "profiles/show_config.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::ShowConfig") {
    TEST_CASE("the defaults are the embedded default-config.toml") {
        const std::string_view defaults = show_defaults();
        CHECK(defaults.find("[profile.default]\n") != std::string_view::npos);
        CHECK(defaults.find("\nlist-timeout = \"20s\"\n") != std::string_view::npos);
        CHECK(defaults.find("\noutput-capture-limit = 4194304\n") != std::string_view::npos);
        CHECK(Config::parse(defaults, "defaults.toml").warnings().empty());
    }

    TEST_CASE("every key the defaults document is a key a profile can set") {
        CHECK(profile_keys().size() == 25);
        const std::string defaults(show_defaults());
        for (const std::string_view key : profile_keys()) {
            CAPTURE(key);
            std::string name(key);
            if (name.rfind("junit.", 0) == 0) {
                name = name.substr(6);
            }
            CHECK(defaults.find(name + " = ") != std::string::npos);
        }
    }

    TEST_CASE("a resolved profile lists every key with its value and origin") {
        const Config config = Config::parse(R"([profile.ci]
retries = 2
[profile.ci.junit]
path = "ci.xml"
)",
                                            "nextest.toml");
        ProfileOverrides env;
        env.status_level = StatusLevel::all;
        ProfileOverrides cli;
        cli.test_threads = ThreadCount{ThreadCount::Kind::count, 3};
        CHECK(show_profile(config, "ci", env, cli) ==
              R"toml([profile.ci]
default-filter = "all()"                                # built-in
retries = 2                                             # nextest.toml:2
test-threads = 3                                        # command line
threads-required = 1                                    # built-in
isolation = "process"                                   # built-in
status-level = "all"                                    # environment
final-status-level = "flaky"                            # built-in
failure-output = "immediate"                            # built-in
success-output = "never"                                # built-in
fail-fast = true                                        # built-in
slow-timeout = { period = "1m", grace-period = "10s" }  # built-in
leak-timeout = { period = "100ms", result = "pass" }    # built-in
list-timeout = "20s"                                    # built-in
output-capture-limit = 4194304                          # built-in
show-slowest = 0                                        # built-in
junit.path = "ci.xml"                                   # nextest.toml:4
junit.report-name = "nextest-run"                       # built-in
junit.store-success-output = false                      # built-in
junit.store-failure-output = true                       # built-in
junit.source-location = false                           # built-in
flaky-result = "pass"                                   # built-in
global-timeout = (none)                                 # built-in
junit.report-skipped = "none"                           # built-in
junit.flaky-fail-status = "failure"                     # built-in
junit.flaky-properties = false                          # built-in
)toml");
    }

    TEST_CASE("showing an unknown profile is the resolve error") {
        CHECK(error_of([] { (void)show_profile(Config::defaults_only(), "dfault"); }) ==
              "profile `dfault` not found (known profiles: default); did you mean `default`?");
    }

    TEST_CASE("a profile with scripts lists every script, then its rules, each with its origin") {
        const Config config = Config::parse(R"toml([scripts.setup.db]
command = "start-db --port 5432"
env = { PGPORT = "5432" }
slow-timeout = "30s"
capture-stdout = true
health = { tcp = "127.0.0.1:5432" }
[scripts.teardown.db]
command = ["stop-db", "a \"b\""]
[[profile.default.scripts]]
setup = "db"
[[profile.ci.scripts]]
filter = 'binary(db_tests)'
setup = ["db"]
teardown = ["db"]
)toml",
                                            "nextest.toml");
        const std::string shown = show_profile(config, "ci");
        const std::string scripts = shown.substr(shown.find("\n\n") + 2);
        CHECK(scripts == R"toml([scripts.setup.db]  # nextest.toml:1
command = ["start-db", "--port", "5432"]
env = { PGPORT = "5432" }
slow-timeout = { period = "30s", grace-period = "10s" }
leak-timeout = { period = "100ms", result = "pass" }
capture-stdout = true
capture-stderr = false
health = { tcp = "127.0.0.1:5432", interval = "500ms", timeout = "30s" }

[scripts.teardown.db]  # nextest.toml:7
command = ["stop-db", "a \"b\""]
env = {}
leak-timeout = { period = "100ms", result = "pass" }
capture-stdout = false
capture-stderr = false

[[profile.ci.scripts]]  # nextest.toml:11
filter = "binary(db_tests)"
setup = ["db"]
teardown = ["db"]

[[profile.default.scripts]]  # nextest.toml:9
filter = "all()"
setup = ["db"]
teardown = []
)toml");
    }

    TEST_CASE("a profile without scripts shows no scripts section") {
        CHECK(format_scripts(ScriptsConfig{}).empty());
        CHECK(show_profile(Config::defaults_only(), "default").find("scripts") ==
              std::string::npos);
    }
}
