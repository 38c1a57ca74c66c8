// Tests of the configuration side of filters, overrides and test groups: `default-filter`,
// `[test-groups]` and `[[profile.NAME.overrides]]` parse with positions, errors point into the
// file, and a resolved profile lists its overrides in nextest's precedence order.
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

/// `profile:index` of each override of `profile`, in precedence order.
std::vector<std::string> override_order(const Profile& profile) {
    std::vector<std::string> out;
    for (const TestOverride& o : profile.overrides) {
        out.push_back(o.profile + ":" + std::to_string(o.index));
    }
    return out;
}

using Names = std::vector<std::string>;

} // namespace

TEST_SUITE("profiles::overrides and test groups") {
    TEST_CASE("default-filter is all() unless a profile sets it, and it is layered") {
        CHECK(Config::defaults_only().resolve("default").default_filter.text() == "all()");
        const Config config = Config::parse(R"t([profile.default]
default-filter = "not test(Slow)"
[profile.ci]
default-filter = "all()"
[profile.local]
)t",
                                            "test.toml");
        CHECK(config.resolve("default").default_filter.text() == "not test(Slow)");
        CHECK(config.resolve("ci").default_filter.text() == "all()");
        CHECK(config.resolve("local").default_filter.text() == "not test(Slow)");
        CHECK(config.resolve("default").sources.at("default-filter") == "test.toml:2");
    }

    TEST_CASE("a bad default-filter points at the error inside the string") {
        CHECK(default_error(R"t(default-filter = "test(a) andd test(b)")t") ==
              "test.toml:2:27: `profile.default.default-filter`: invalid filter expression: "
              "expected an operator or end of expression\n"
              "default-filter = \"test(a) andd test(b)\"\n"
              "                          ^");
        CHECK(default_error("default-filter = 'not default()'") ==
              "test.toml:2:23: `profile.default.default-filter`: invalid filter expression: "
              "`default()` cannot be used in `default-filter`, which defines it\n"
              "default-filter = 'not default()'\n"
              "                      ^");
    }

    TEST_CASE("an expression that cannot be mapped into the file shows its own caret") {
        CHECK(default_error(R"t(default-filter = "test(\"a\") )")t") ==
              "test.toml:2:18: `profile.default.default-filter`: invalid filter expression\n"
              "  test(\"a\") )\n"
              "            ^ unmatched `)`\n"
              "default-filter = \"test(\\\"a\\\") )\"\n"
              "                 ^");
    }

    TEST_CASE("test groups parse with max-threads in every form") {
        const Config config = Config::parse(R"t([test-groups]
serial = { max-threads = 1 }
[test-groups.wide]
max-threads = "num-cpus"
[test-groups.most]
max-threads = -1
)t",
                                            "test.toml");
        REQUIRE(config.test_groups().size() == 3);
        CHECK(config.test_groups().at("serial").max_threads.value == 1);
        CHECK(config.test_groups().at("serial").origin == "test.toml:2");
        CHECK(config.test_groups().at("wide").max_threads.kind == ThreadCount::Kind::num_cpus);
        CHECK(config.test_groups().at("most").max_threads.value == -1);
        CHECK(config.resolve("default").test_groups.size() == 3);
    }

    TEST_CASE("test group names follow nextest's rules") {
        CHECK(parse_error("[test-groups.\"@global\"]\nmax-threads = 1\n") ==
              "test.toml:1:14: `test-groups.@global`: `@global` is the built-in group of every "
              "test and cannot be defined\n[test-groups.\"@global\"]\n             ^");
        CHECK(parse_error("[test-groups.\"@tool:x:y\"]\nmax-threads = 1\n")
                  .find("reserved for tool configuration files") != std::string::npos);
        CHECK(parse_error("[test-groups.\"9lives\"]\nmax-threads = 1\n")
                  .find("invalid test group name `9lives`") != std::string::npos);
        CHECK(parse_error("[test-groups.g]\n") ==
              "test.toml:1:1: `test-groups.g`: missing `max-threads`\n[test-groups.g]\n^");
        CHECK(parse_error("[test-groups.g]\nmax-threads = 0\n") ==
              "test.toml:2:15: `test-groups.g.max-threads`: expected a non-zero integer or "
              "\"num-cpus\", found 0\nmax-threads = 0\n              ^");
    }

    TEST_CASE("an override parses every setting") {
        const Profile profile = resolve_toml(R"t([test-groups]
serial = { max-threads = 1 }
[[profile.default.overrides]]
filter = "test(Net)"
retries = 3
slow-timeout = "5s"
leak-timeout = { period = "1s", result = "fail" }
threads-required = 2
priority = -100
test-group = "serial"
env = { PORT_BASE = "9000" }
)t");
        REQUIRE(profile.overrides.size() == 1);
        const TestOverride& o = profile.overrides[0];
        CHECK(o.profile == "default");
        CHECK(o.origin == "test.toml:3");
        CHECK(o.filter.text() == "test(Net)");
        CHECK(o.retries->count == 3);
        CHECK(o.slow_timeout->period == 5s);
        CHECK(o.leak_timeout->result == LeakResult::fail);
        CHECK(o.threads_required->value == 2);
        CHECK(o.priority == -100);
        CHECK(o.test_group == "serial");
        CHECK(o.env->at("PORT_BASE") == "9000");
    }

    TEST_CASE("an override may put a test back into @global without declaring it") {
        const Profile profile = resolve_toml(R"t([[profile.default.overrides]]
filter = "all()"
test-group = "@global"
)t");
        CHECK(profile.overrides.at(0).test_group == "@global");
    }

    TEST_CASE("override errors point at the value") {
        CHECK(parse_error(R"t([[profile.default.overrides]]
filter = "test(a)"
test-group = "serail"
)t") == "test.toml:3:14: `profile.default.overrides[0].test-group`: unknown test group `serail` "
        "(known groups: @global); declare it under [test-groups]\n"
        "test-group = \"serail\"\n             ^");
        CHECK(parse_error(R"t([[profile.default.overrides]]
filter = "test(a) | group(x)"
)t") == "test.toml:2:21: `profile.default.overrides[0].filter`: invalid filter expression: "
        "`group()` cannot be used in an override's filter (overrides decide the groups), only on "
        "the command line\nfilter = \"test(a) | group(x)\"\n                    ^");
        CHECK(parse_error("[[profile.default.overrides]]\nretries = 1\n") ==
              "test.toml:1:1: `profile.default.overrides[0]`: an override needs a `filter`\n"
              "[[profile.default.overrides]]\n^");
        CHECK(parse_error("[[profile.default.overrides]]\nfilter = 'all()'\npriority = 101\n") ==
              "test.toml:3:12: `profile.default.overrides[0].priority`: expected an integer from "
              "-100 to 100, found 101\npriority = 101\n           ^");
        CHECK(
            parse_error("[profile.default]\noverrides = 3\n").find("expected an array of tables") !=
            std::string::npos);
    }

    TEST_CASE("overrides for another platform are dropped and unsupported settings warn") {
        const Config config = Config::parse(R"t([[profile.default.overrides]]
platform = "cfg(not(all()))"
retries = 5
[[profile.default.overrides]]
filter = "all()"
success-output = "immediate"
run-extra-args = ["--x"]
)t",
                                            "test.toml");
        const Profile profile = config.resolve("default");
        REQUIRE(profile.overrides.size() == 1);
        CHECK(profile.overrides[0].index == 1);
        REQUIRE(config.warnings().size() == 2);
        CHECK(config.warnings()[0] ==
              "test.toml:6:1: warning: `profile.default.overrides[1].success-output` is not "
              "applied per test yet; the profile's value is used for every test");
        CHECK(config.warnings()[1] == "test.toml:7:1: warning: ignoring unknown configuration key "
                                      "`profile.default.overrides[1].run-extra-args`");
    }

    TEST_CASE("a platform override's default-filter is the default filter on the host") {
        const Config config = Config::parse(R"t([profile.default]
default-filter = "all()"
[[profile.default.overrides]]
platform = "cfg(not(all()))"
default-filter = "test(Elsewhere)"
[[profile.default.overrides]]
platform = "cfg(all())"
default-filter = "test(Here)"
[profile.ci]
default-filter = "test(Ci)"
[profile.local]
[[profile.local.overrides]]
platform = "cfg(all())"
default-filter = "test(Local)"
[profile.local-own]
inherits = "local"
default-filter = "test(Own)"
)t",
                                            "test.toml");
        CHECK(config.warnings().empty());
        const Profile by_default = config.resolve("default");
        CHECK(by_default.default_filter.text() == "test(Here)");
        CHECK(by_default.sources.at("default-filter") == "test.toml:6");
        // A profile's own default-filter comes before the overrides of the profiles it inherits.
        CHECK(config.resolve("ci").default_filter.text() == "test(Ci)");
        CHECK(config.resolve("local").default_filter.text() == "test(Local)");
        CHECK(config.resolve("local-own").default_filter.text() == "test(Own)");
    }

    TEST_CASE("default-filter in an override needs platform and no filter") {
        for (const std::string& selector :
             {std::string("filter = \"all()\"\n"), std::string("filter = \"all()\"\nplatform = "
                                                               "\"cfg(all())\"\n")}) {
            CAPTURE(selector);
            const std::string error = parse_error("[[profile.default.overrides]]\n" + selector +
                                                  "default-filter = \"all()\"\n");
            CHECK(error.find(": `profile.default.overrides[0].default-filter`: `default-filter` in "
                             "an override is the default filter on a platform: it needs "
                             "`platform` and no `filter`") != std::string::npos);
        }
    }

    TEST_CASE("an override's junit table checks its known keys and only warns about others") {
        const Config config = Config::parse(R"t([[profile.default.overrides]]
filter = "all()"
junit = { store-success-output = true, future-key = "text" }
)t",
                                            "test.toml");
        REQUIRE(config.warnings().size() == 2);
        CHECK(config.warnings()[1] == "test.toml:3:40: warning: ignoring unknown configuration key "
                                      "`profile.default.overrides[0].junit.future-key`");
        CHECK(config.warnings()[0].find("`profile.default.overrides[0].junit` is not applied") !=
              std::string::npos);
        CHECK(default_error("[[profile.default.overrides]]\nfilter = \"all()\"\n"
                            "junit = { store-success-output = \"yes\" }")
                  .find("store-success-output") != std::string::npos);
    }

    TEST_CASE("overrides come in precedence order: the profile's, its parents', default's") {
        const Config config = Config::parse(R"t([[profile.default.overrides]]
filter = "all()"
[[profile.default.overrides]]
filter = "none()"
[profile.base]
[[profile.base.overrides]]
filter = "all()"
[profile.ci]
inherits = "base"
[[profile.ci.overrides]]
filter = "all()"
[[profile.ci.overrides]]
filter = "all()"
)t",
                                            "test.toml");
        CHECK(override_order(config.resolve("ci")) ==
              Names{"ci:0", "ci:1", "base:0", "default:0", "default:1"});
        CHECK(override_order(config.resolve("base")) == Names{"base:0", "default:0", "default:1"});
        CHECK(override_order(config.resolve("default")) == Names{"default:0", "default:1"});
    }
}
