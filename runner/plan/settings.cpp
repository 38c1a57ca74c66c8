// Resolving per-test settings from the profile and its overrides (see settings.hpp).
#include "runner/plan/settings.hpp"

#include "runner/list/test_query.hpp"
#include "runner/schedule/ctest_settings.hpp"

namespace ptest::runner {

namespace {

using profiles::TestOverride;

// `slot` takes `override` when it does not have one yet and `override` sets the setting.
template <class T>
void first_wins(const TestOverride*& slot, const TestOverride& override,
                const std::optional<T>& value) {
    if (slot == nullptr && value) {
        slot = &override;
    }
}

bool set_outside_config(const profiles::Profile& profile, const std::string& key) {
    const auto it = profile.sources.find(key);
    return it != profile.sources.end() &&
           (it->second == "command line" || it->second == "environment");
}

SettingOrigins find_origins(const TestRef& test, const profiles::Profile& profile) {
    SettingOrigins origins;
    if (profile.overrides.empty()) {
        return origins;
    }
    const bool is_default = in_default_set(test, profile.default_filter);
    const profiles::FilterQuery query = filter_query(test, is_default);
    const bool retries_fixed = set_outside_config(profile, "retries");
    const bool isolation_fixed = set_outside_config(profile, "isolation");
    for (const TestOverride& override : profile.overrides) {
        if (!override.filter.matches(query)) {
            continue;
        }
        if (!retries_fixed) {
            first_wins(origins.retries, override, override.retries);
        }
        first_wins(origins.slow_timeout, override, override.slow_timeout);
        first_wins(origins.leak_timeout, override, override.leak_timeout);
        first_wins(origins.threads_required, override, override.threads_required);
        first_wins(origins.priority, override, override.priority);
        first_wins(origins.test_group, override, override.test_group);
        first_wins(origins.env, override, override.env);
        if (!isolation_fixed) {
            first_wins(origins.isolation, override, override.isolation);
        }
    }
    return origins;
}

} // namespace

ResolvedSettings resolve_settings(const TestRef& test, const profiles::Profile& profile, int cpus,
                                  int test_threads) {
    ResolvedSettings resolved;
    resolved.settings = TestSettings::from_profile(profile, cpus, test_threads);
    resolved.origins = find_origins(test, profile);
    const SettingOrigins& o = resolved.origins;
    TestSettings& s = resolved.settings;
    if (o.retries != nullptr) {
        s.retries = *o.retries->retries;
    }
    if (o.slow_timeout != nullptr) {
        s.slow_timeout = *o.slow_timeout->slow_timeout;
    }
    if (o.leak_timeout != nullptr) {
        s.leak_timeout = *o.leak_timeout->leak_timeout;
    }
    if (o.threads_required != nullptr) {
        s.threads_required = profiles::resolve_thread_count(*o.threads_required->threads_required,
                                                            cpus, test_threads);
    }
    if (o.priority != nullptr) {
        s.priority = *o.priority->priority;
    }
    if (o.test_group != nullptr) {
        s.test_group = *o.test_group->test_group;
    }
    if (o.env != nullptr) {
        s.env = *o.env->env;
    }
    if (o.isolation != nullptr) {
        s.isolation = *o.isolation->isolation;
    }
    // A build tree's own properties (TIMEOUT, RUN_SERIAL, RESOURCE_LOCK, PROCESSORS) only ever
    // add constraints, so they apply on top.
    apply_ctest_rules(*test.binary, s);
    return resolved;
}

std::string resolve_test_group(const TestRef& test, const profiles::Profile& profile,
                               bool is_default) {
    const profiles::FilterQuery query = filter_query(test, is_default);
    for (const TestOverride& override : profile.overrides) {
        if (override.test_group && override.filter.matches(query)) {
            return *override.test_group;
        }
    }
    return k_global_group;
}

std::map<std::string, int> group_max_threads(const profiles::Profile& profile, int cpus) {
    std::map<std::string, int> limits;
    for (const auto& [name, group] : profile.test_groups) {
        limits[name] = profiles::resolve_thread_count(group.max_threads, cpus);
    }
    return limits;
}

PlannedRun plan_settings(const std::vector<TestRef>& tests, const profiles::Profile& profile,
                         int cpus, int test_threads) {
    PlannedRun run;
    run.tests.reserve(tests.size());
    for (const TestRef& test : tests) {
        run.tests.push_back(
            PlannedTest{test, resolve_settings(test, profile, cpus, test_threads).settings});
    }
    run.group_max_threads = group_max_threads(profile, cpus);
    return run;
}

} // namespace ptest::runner
