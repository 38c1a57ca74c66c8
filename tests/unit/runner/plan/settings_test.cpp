// Tests of per-test settings: the first matching override wins for each setting separately, the
// profile's own overrides come before inherited ones and default's, `--retries` disables retry
// overrides, and test groups resolve their limits.
#include "profiles/config.hpp"
#include "profiles/overrides.hpp"
#include "runner/plan/settings.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace ptest::runner {

namespace {

/// One gtest binary `unit` with the cases `Net.Connects`, `Net.Slow` and `Math.Adds`.
TestList make_list() {
    TestList list;
    TestBinary binary;
    binary.id = "unit";
    binary.path = "/build/unit_tests";
    binary.kind = "gtest";
    for (const char* name : {"Net.Connects", "Net.Slow", "Math.Adds"}) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(test);
    }
    list.binaries.push_back(binary);
    return list;
}

TestRef ref(const TestList& list, std::size_t index) {
    return {&list.binaries[0], &list.binaries[0].cases[index]};
}

profiles::Profile resolve(const std::string& toml, const std::string& name = "default") {
    return profiles::Config::parse(toml, "test.toml").resolve(name);
}

constexpr const char* k_layered = R"toml(
[test-groups]
serial = { max-threads = 1 }
wide = { max-threads = "num-cpus" }

[profile.default]
retries = 0
slow-timeout = "30s"

[[profile.default.overrides]]
filter = "test(Net)"
retries = 2
slow-timeout = "45s"

[profile.ci]
retries = 1
slow-timeout = "15s"

[[profile.ci.overrides]]
filter = "test(Net) and test(/Slow$/)"
retries = 3
test-group = "serial"
priority = 50
threads-required = "num-test-threads"
env = { SLOT_BASE = "1000" }

[[profile.ci.overrides]]
filter = "test(Net)"
retries = 9
priority = -5
)toml";

} // namespace

TEST_SUITE("runner::plan_settings") {
    TEST_CASE("without overrides every test has the profile's settings and @global") {
        TestList list = make_list();
        const PlannedRun run = plan_settings({ref(list, 0), ref(list, 2)},
                                             resolve("[profile.default]\nretries = 4\n"), 8, 4);
        REQUIRE(run.tests.size() == 2);
        CHECK(run.tests[0].settings.retries.count == 4);
        CHECK(run.tests[1].settings.test_group == "@global");
        CHECK(run.tests[1].test == &list.binaries[0].cases[2]);
        CHECK(run.group_max_threads.empty());
    }

    TEST_CASE("nextest's example: the ci profile's overrides, then default's, then profiles") {
        TestList list = make_list();
        const profiles::Profile ci = resolve(k_layered, "ci");
        // Net.Slow: the first ci override sets retries; slow-timeout comes from default's
        // override, which beats the ci profile's own 15s.
        const ResolvedSettings slow = resolve_settings(ref(list, 1), ci, 8, 4);
        CHECK(slow.settings.retries.count == 3);
        CHECK(slow.settings.slow_timeout.period == 45s);
        CHECK(slow.settings.test_group == "serial");
        CHECK(slow.settings.priority == 50);
        CHECK(slow.settings.threads_required == 4);
        CHECK(slow.settings.env.at("SLOT_BASE") == "1000");
        CHECK(slow.origins.retries->profile == "ci");
        CHECK(slow.origins.retries->index == 0);
        CHECK(slow.origins.slow_timeout->profile == "default");
        // Net.Connects: the second ci override (the first does not match) sets retries and
        // priority; slow-timeout again from default's override.
        const ResolvedSettings connects = resolve_settings(ref(list, 0), ci, 8, 4);
        CHECK(connects.settings.retries.count == 9);
        CHECK(connects.settings.priority == -5);
        CHECK(connects.settings.slow_timeout.period == 45s);
        CHECK(connects.settings.test_group == "@global");
        CHECK(connects.origins.test_group == nullptr);
        // Math.Adds: no override matches, so the ci profile's own values.
        const ResolvedSettings adds = resolve_settings(ref(list, 2), ci, 8, 4);
        CHECK(adds.settings.retries.count == 1);
        CHECK(adds.settings.slow_timeout.period == 15s);
        CHECK(adds.settings.threads_required == 1);
    }

    TEST_CASE("the default profile sees only its own overrides") {
        TestList list = make_list();
        const profiles::Profile def = resolve(k_layered);
        CHECK(resolve_settings(ref(list, 1), def, 8, 4).settings.retries.count == 2);
        CHECK(resolve_settings(ref(list, 1), def, 8, 4).settings.test_group == "@global");
        CHECK(resolve_settings(ref(list, 2), def, 8, 4).settings.slow_timeout.period == 30s);
    }

    TEST_CASE("--retries on the command line disables retry overrides, as in nextest") {
        TestList list = make_list();
        profiles::Profile ci = resolve(k_layered, "ci");
        profiles::ProfileOverrides cli;
        cli.retries = 0;
        profiles::apply(ci, cli, "command line");
        const ResolvedSettings slow = resolve_settings(ref(list, 1), ci, 8, 4);
        CHECK(slow.settings.retries.count == 0);
        CHECK(slow.settings.priority == 50); // other settings still apply
    }

    TEST_CASE("default() in an override filter is the profile's default filter") {
        TestList list = make_list();
        const profiles::Profile profile = resolve(R"toml(
[profile.default]
default-filter = "not test(Math)"
[[profile.default.overrides]]
filter = "not default()"
retries = 7
)toml");
        CHECK(resolve_settings(ref(list, 2), profile, 8, 4).settings.retries.count == 7);
        CHECK(resolve_settings(ref(list, 0), profile, 8, 4).settings.retries.count == 0);
    }

    TEST_CASE("the group of a test and the groups' limits") {
        TestList list = make_list();
        const profiles::Profile ci = resolve(k_layered, "ci");
        CHECK(resolve_test_group(ref(list, 1), ci, true) == "serial");
        CHECK(resolve_test_group(ref(list, 0), ci, true) == "@global");
        CHECK(group_max_threads(ci, 6) == std::map<std::string, int>{{"serial", 1}, {"wide", 6}});
        CHECK(plan_settings({ref(list, 1)}, ci, 6, 6).group_max_threads.at("wide") == 6);
    }
}

} // namespace ptest::runner
