// Tests of the scripts configuration: `[scripts.setup.NAME]`, `[scripts.teardown.NAME]` and the
// deprecated `[script.NAME]` parse into `ScriptConfig`s; `[[profile.NAME.scripts]]` rules name
// them, are checked when the file is read, and resolve in the overrides' precedence order; every
// mistake is an error at the value it is about.
#include "config_helpers.hpp"

#include "profiles/config.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

using Names = std::vector<std::string>;

/// Two setup scripts and one teardown script, then `rest`.
std::string with_scripts(std::string_view rest) {
    return "[scripts.setup.postgres]\ncommand = 'start-db'\n"
           "[scripts.setup.cache]\ncommand = 'start-cache'\n"
           "[scripts.teardown.postgres]\ncommand = 'stop-db'\n" +
           std::string(rest);
}

/// `profile:origin` of each rule of `profile`, in precedence order.
Names rule_order(const Profile& profile) {
    Names out;
    for (const ScriptRule& rule : profile.scripts.rules) {
        out.push_back(rule.profile + ":" + rule.origin);
    }
    return out;
}

} // namespace

TEST_SUITE("profiles::scripts") {
    TEST_CASE("a configuration without scripts resolves to no scripts and no rules") {
        const Profile profile = Config::defaults_only().resolve("default");
        CHECK(profile.scripts.setup.empty());
        CHECK(profile.scripts.teardown.empty());
        CHECK(profile.scripts.rules.empty());
    }

    TEST_CASE("a setup script takes every key, and unset keys keep nextest's defaults") {
        const Profile profile = resolve_toml(R"([scripts.setup.db]
command = "initdb -D data"
env = { PGPORT = "5432", LANG = "C" }
slow-timeout = { period = "10s", terminate-after = 3 }
leak-timeout = "1s"
capture-stdout = true
capture-stderr = true
health = { command = "pg_isready -q", interval = "200ms", timeout = "20s" }
[scripts.setup.plain]
command = ["true"]
)");
        const ScriptConfig& db = profile.scripts.setup.at("db");
        CHECK(db.name == "db");
        CHECK(db.kind == ScriptKind::setup);
        CHECK(db.command == Names{"initdb", "-D", "data"});
        CHECK(db.env == std::map<std::string, std::string>{{"LANG", "C"}, {"PGPORT", "5432"}});
        REQUIRE(db.slow_timeout.has_value());
        CHECK(db.slow_timeout->period == 10s);
        CHECK(db.slow_timeout->terminate_after == 3U);
        CHECK(db.leak_timeout.period == 1s);
        CHECK(db.capture_stdout);
        CHECK(db.capture_stderr);
        REQUIRE(db.health.has_value());
        CHECK(db.health->argv == Names{"pg_isready", "-q"});
        CHECK(db.health->interval == 200ms);
        CHECK(db.origin == "test.toml:1");
        const ScriptConfig& plain = profile.scripts.setup.at("plain");
        CHECK_FALSE(plain.slow_timeout.has_value());
        CHECK(plain.leak_timeout.period == 100ms);
        CHECK_FALSE(plain.capture_stdout);
        CHECK_FALSE(plain.capture_stderr);
        CHECK_FALSE(plain.health.has_value());
        CHECK(plain.origin == "test.toml:9");
    }

    TEST_CASE("setup and teardown names are separate, so one service can use one name for both") {
        const Profile profile = resolve_toml(with_scripts(""));
        CHECK(profile.scripts.setup.size() == 2);
        REQUIRE(profile.scripts.teardown.size() == 1);
        CHECK(profile.scripts.teardown.at("postgres").kind == ScriptKind::teardown);
        CHECK(profile.scripts.teardown.at("postgres").command == Names{"stop-db"});
    }

    TEST_CASE("nextest's deprecated [script.NAME] is a setup script") {
        const Profile profile = resolve_toml("[script.old]\ncommand = 'old.sh'\n");
        REQUIRE(profile.scripts.setup.count("old") == 1);
        CHECK(profile.scripts.setup.at("old").command == Names{"old.sh"});
    }

    TEST_CASE("a setup script defined both as [script.NAME] and [scripts.setup.NAME] is an error") {
        CHECK(parse_error("[script.db]\ncommand = 'a'\n[scripts.setup.db]\ncommand = 'b'\n") ==
              "test.toml:3:16: `scripts.setup.db`: setup script `db` is already defined at "
              "test.toml:1\n"
              "[scripts.setup.db]\n"
              "               ^");
    }

    TEST_CASE("a script without a command is an error at its table") {
        CHECK(parse_error("[scripts.teardown.db]\nenv = {}\n") ==
              "test.toml:1:1: `scripts.teardown.db`: missing required key `command`\n"
              "[scripts.teardown.db]\n"
              "^");
    }

    TEST_CASE("a script name must be an identifier") {
        CHECK(parse_error("[scripts.setup.\"my db\"]\ncommand = 'a'\n") ==
              "test.toml:1:16: `scripts.setup.my db`: invalid script name `my db`: use letters, "
              "digits, `_` and `-`, starting with a letter or `_`\n"
              "[scripts.setup.\"my db\"]\n"
              "               ^");
    }

    TEST_CASE("a teardown script cannot have a health check") {
        CHECK(parse_error("[scripts.teardown.db]\ncommand = 'stop'\nhealth = { tcp = 'h:1' }\n") ==
              "test.toml:3:10: `scripts.teardown.db.health`: a teardown script has no health "
              "check; put `health` on the setup script that starts the service\n"
              "health = { tcp = 'h:1' }\n"
              "         ^");
    }

    TEST_CASE("script timeouts use the tests' parsers and their errors") {
        CHECK(parse_error("[scripts.setup.db]\ncommand = 'a'\nslow-timeout = '5'\n") ==
              "test.toml:3:16: `scripts.setup.db.slow-timeout`: invalid duration `5`: the number 5 "
              "needs a unit, such as `5s` or `5ms`\n"
              "slow-timeout = '5'\n"
              "               ^");
        CHECK(parse_error(
                  "[scripts.setup.db]\ncommand = 'a'\nleak-timeout = { result = 'fail' }\n") ==
              "test.toml:3:16: `scripts.setup.db.leak-timeout`: missing required key `period`\n"
              "leak-timeout = { result = 'fail' }\n"
              "               ^");
    }

    TEST_CASE("capture flags are booleans and env values are strings") {
        CHECK(parse_error("[scripts.setup.db]\ncommand = 'a'\ncapture-stdout = 'yes'\n") ==
              "test.toml:3:18: `scripts.setup.db.capture-stdout`: expected a boolean, found a "
              "string\n"
              "capture-stdout = 'yes'\n"
              "                 ^");
        CHECK(parse_error("[scripts.setup.db]\ncommand = 'a'\nenv = { PORT = 5432 }\n") ==
              "test.toml:3:16: `scripts.setup.db.env.PORT`: expected a string, found an integer\n"
              "env = { PORT = 5432 }\n"
              "               ^");
    }

    TEST_CASE("unknown keys in script tables and in [scripts] are warnings, not errors") {
        const Config config = Config::parse(R"([scripts.setup.db]
command = 'a'
junit = { store-success-output = true }
[scripts.wrapper.w]
command = 'b'
)",
                                            "test.toml");
        CHECK(config.warnings() ==
              Names{"test.toml:3:1: warning: ignoring unknown configuration key "
                    "`scripts.setup.db.junit`",
                    "test.toml:4:10: warning: ignoring unknown configuration key "
                    "`scripts.wrapper`"});
        CHECK(config.resolve("default").scripts.setup.count("db") == 1);
    }

    TEST_CASE("experimental = [\"setup-scripts\"] is accepted silently; other features warn") {
        CHECK(Config::parse("experimental = ['setup-scripts']\n", "test.toml").warnings().empty());
        CHECK(Config::parse("experimental = ['benchmarks']\n", "test.toml").warnings() ==
              Names{"test.toml:1:17: warning: ignoring unknown experimental feature `benchmarks` "
                    "(ptest knows `setup-scripts`, and needs no flag for it)"});
        CHECK(parse_error("experimental = 'setup-scripts'\n") ==
              "test.toml:1:16: `experimental`: expected an array of strings, found a string\n"
              "experimental = 'setup-scripts'\n"
              "               ^");
    }

    TEST_CASE("a rule names its scripts by a name or a list, and its filter defaults to all()") {
        const Profile profile = resolve_toml(with_scripts(R"t([[profile.default.scripts]]
filter = "binary(db_tests)"
setup = ["postgres", "cache"]
teardown = "postgres"
[[profile.default.scripts]]
setup = "cache"
)t"));
        REQUIRE(profile.scripts.rules.size() == 2);
        const ScriptRule& first = profile.scripts.rules[0];
        CHECK(first.profile == "default");
        CHECK(first.origin == "test.toml:7");
        CHECK(first.filter.text() == "binary(db_tests)");
        CHECK(first.setup == Names{"postgres", "cache"});
        CHECK(first.teardown == Names{"postgres"});
        const ScriptRule& second = profile.scripts.rules[1];
        CHECK(second.filter.text() == "all()");
        CHECK(second.setup == Names{"cache"});
        CHECK(second.teardown.empty());
    }

    TEST_CASE("rules resolve as overrides do: the profile's, then its ancestors', default's last") {
        const Config config = Config::parse(with_scripts(R"t([[profile.default.scripts]]
setup = "cache"
[[profile.base.scripts]]
setup = "postgres"
[[profile.ci.scripts]]
teardown = "postgres"
[profile.ci]
inherits = "base"
[profile.base]
)t"),
                                            "test.toml");
        CHECK(rule_order(config.resolve("ci")) ==
              Names{"ci:test.toml:11", "base:test.toml:9", "default:test.toml:7"});
        CHECK(rule_order(config.resolve("base")) ==
              Names{"base:test.toml:9", "default:test.toml:7"});
        CHECK(rule_order(config.resolve("default")) == Names{"default:test.toml:7"});
        CHECK(config.resolve("ci").scripts.setup.size() == 2);
    }

    TEST_CASE("an unknown script name is an error at the name, with a did-you-mean") {
        CHECK(
            parse_error(with_scripts("[[profile.ci.scripts]]\nsetup = ['cache', 'postgress']\n")) ==
            "test.toml:8:19: `profile.ci.scripts[0].setup`: unknown setup script `postgress` "
            "(known setup scripts: cache, postgres); did you mean `postgres`?\n"
            "setup = ['cache', 'postgress']\n"
            "                  ^");
        CHECK(parse_error("[[profile.ci.scripts]]\nteardown = 'db'\n") ==
              "test.toml:2:12: `profile.ci.scripts[0].teardown`: unknown teardown script `db` (no "
              "[scripts.teardown.NAME] is defined)\n"
              "teardown = 'db'\n"
              "           ^");
    }

    TEST_CASE(
        "a teardown script listed under setup, or a setup script under teardown, is an error") {
        CHECK(parse_error("[scripts.teardown.stop]\ncommand = 'a'\n"
                          "[[profile.default.scripts]]\nsetup = 'stop'\n") ==
              "test.toml:4:9: `profile.default.scripts[0].setup`: `stop` is a teardown script "
              "([scripts.teardown.stop]), not a setup script; list it under `teardown`\n"
              "setup = 'stop'\n"
              "        ^");
        CHECK(parse_error(with_scripts("[[profile.default.scripts]]\nteardown = ['cache']\n")) ==
              "test.toml:8:13: `profile.default.scripts[0].teardown`: `cache` is a setup script "
              "([scripts.setup.cache]), not a teardown script; list it under `setup`\n"
              "teardown = ['cache']\n"
              "            ^");
    }

    TEST_CASE("a bad filter in a rule points into the expression") {
        CHECK(
            parse_error(with_scripts("[[profile.default.scripts]]\nfilter = 'test(a) orr test(b)'\n"
                                     "setup = 'cache'\n")) ==
            "test.toml:8:19: `profile.default.scripts[0].filter`: invalid filter expression: "
            "expected an operator or end of expression\n"
            "filter = 'test(a) orr test(b)'\n"
            "                  ^");
    }

    TEST_CASE("setup and teardown are names or lists of names, and rules are an array of tables") {
        CHECK(parse_error(with_scripts("[[profile.default.scripts]]\nsetup = 3\n")) ==
              "test.toml:8:9: `profile.default.scripts[0].setup`: expected a script name or an "
              "array of names, found an integer\n"
              "setup = 3\n"
              "        ^");
        CHECK(parse_error("[profile.default.scripts]\nsetup = 'a'\n") ==
              "test.toml:1:1: `profile.default.scripts`: expected an array of tables "
              "([[profile.default.scripts]]), found a table\n"
              "[profile.default.scripts]\n"
              "^");
    }

    TEST_CASE("a rule whose platform is not the host is checked, then dropped") {
        const Config config = Config::parse(with_scripts(R"t([[profile.default.scripts]]
platform = "cfg(not(all()))"
setup = "cache"
[[profile.default.scripts]]
setup = "postgres"
extra = 1
)t"),
                                            "test.toml");
        CHECK(config.warnings() ==
              Names{"test.toml:12:1: warning: ignoring unknown configuration key "
                    "`profile.default.scripts[1].extra`"});
        const Profile profile = config.resolve("default");
        REQUIRE(profile.scripts.rules.size() == 1);
        CHECK(profile.scripts.rules[0].setup == Names{"postgres"});
        CHECK(parse_error(with_scripts("[[profile.default.scripts]]\nplatform = 'cfg(not(all()))'\n"
                                       "setup = 'nope'\n"))
                  .find("unknown setup script `nope`") != std::string::npos);
    }

    TEST_CASE("a rule that names no script is kept but warned about") {
        const Config config =
            Config::parse("[[profile.default.scripts]]\nfilter = 'all()'\n", "test.toml");
        CHECK(config.warnings() ==
              Names{"test.toml:1:1: warning: `profile.default.scripts[0]`: this rule names no "
                    "`setup` or `teardown` script, so it does nothing"});
        CHECK(config.resolve("default").scripts.rules.size() == 1);
    }
}
