// Tests of which scripts a run runs and in what order: a rule is active when its filter matches a
// selected test; setup scripts run rule by rule, each once; teardown scripts run for the rules the
// setup reached, the last rule's first, each once.
#include "runner/services/script_plan.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

namespace {

profiles::ScriptRule rule(const std::string& filter, std::vector<std::string> setup,
                          std::vector<std::string> teardown = {}) {
    profiles::ScriptRule rule;
    rule.profile = "default";
    rule.filter = profiles::Filterset::parse(filter, profiles::FiltersetKind::override_filter);
    rule.setup = std::move(setup);
    rule.teardown = std::move(teardown);
    return rule;
}

TestBinary binary(const std::string& id, const std::vector<std::string>& names) {
    TestBinary binary;
    binary.id = id;
    binary.path = "/fake/" + id;
    binary.kind = "gtest";
    for (const std::string& name : names) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(test);
    }
    return binary;
}

} // namespace

TEST_SUITE("runner::script_plan") {
    TEST_CASE("a rule is active only when its filter matches a selected test") {
        const TestBinary db = binary("db", {"Db.Connects"});
        const TestBinary unit = binary("unit", {"Math.Adds"});
        profiles::ScriptsConfig config;
        config.rules = {rule("binary_id(db)", {"postgres"}), rule("binary_id(web)", {"server"}),
                        rule("test(Adds)", {"cache"})};
        const std::vector<TestRef> selected = {{&db, &db.cases[0]}, {&unit, &unit.cases[0]}};
        CHECK(active_rules(config, selected, {}) == std::vector<std::size_t>{0, 2});
        const std::vector<TestRef> only_unit = {{&unit, &unit.cases[0]}};
        CHECK(active_rules(config, only_unit, {}) == std::vector<std::size_t>{2});
        CHECK(active_rules(config, std::vector<TestRef>{}, {}).empty());
    }

    TEST_CASE("a rule without a filter matches every test") {
        const TestBinary unit = binary("unit", {"Math.Adds"});
        profiles::ScriptsConfig config;
        config.rules.emplace_back();
        config.rules[0].setup = {"all"};
        CHECK(rule_matches(config.rules[0], {&unit, &unit.cases[0]}, {}));
    }

    TEST_CASE("setup scripts run rule by rule, a script named by two rules once") {
        profiles::ScriptsConfig config;
        config.rules = {rule("all()", {"network", "postgres"}), rule("all()", {"redis"}),
                        rule("all()", {"postgres", "migrate"})};
        CHECK(setup_order(config, {0, 1, 2}) ==
              std::vector<std::string>{"network", "postgres", "redis", "migrate"});
        CHECK(setup_order(config, {1, 2}) ==
              std::vector<std::string>{"redis", "postgres", "migrate"});
    }

    TEST_CASE("teardown scripts run for the reached rules in reverse order, each once") {
        profiles::ScriptsConfig config;
        config.rules = {rule("all()", {"network"}, {"network-down"}),
                        rule("all()", {"postgres"}, {"postgres-stop", "collect-logs"}),
                        rule("all()", {"redis"}, {"redis-stop", "collect-logs"})};
        CHECK(teardown_order(config, {0, 1, 2}) ==
              std::vector<std::string>{"redis-stop", "collect-logs", "postgres-stop",
                                       "network-down"});
        // A later setup failed: only the rules reached tear down.
        CHECK(teardown_order(config, {0, 1}) ==
              std::vector<std::string>{"postgres-stop", "collect-logs", "network-down"});
        CHECK(teardown_order(config, {}).empty());
    }
}

} // namespace ptest::runner
