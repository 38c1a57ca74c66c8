// The tables of profile keys and outside settings (see profile_keys.hpp). Each entry only wires a
// key to its element's parser and printer and to its fields in `Profile`, `TestOverride` and
// `ProfileOverrides`; the checking itself lives in the element files.
#include "profiles/profile_keys.hpp"

#include "profiles/duration.hpp"
#include "profiles/fail_fast.hpp"
#include "profiles/filter_setting.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/flaky_result.hpp"
#include "profiles/global_timeout.hpp"
#include "profiles/isolation.hpp"
#include "profiles/junit_config.hpp"
#include "profiles/leak_timeout.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/show_slowest.hpp"
#include "profiles/slow_timeout.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"

#include <algorithm>
#include <array>

namespace ptest::profiles {

namespace {

using Node = toml::node;
using Path = std::string_view;

// The assignment `profile.*Member = value`.
template <auto Member, class T>
Setter set(T value) {
    return [value = std::move(value)](Profile& profile) { profile.*Member = value; };
}

// The assignment `profile.junit.*Member = value`.
template <auto Member, class T>
Setter set_junit(T value) {
    return [value = std::move(value)](Profile& profile) { profile.junit.*Member = value; };
}

// Layer one outside value onto the profile: `profile.*Member = *(given.*Given)` when given.
template <auto Given, auto Member>
bool take(const ProfileOverrides& given, Profile& profile) {
    if (!(given.*Given)) {
        return false;
    }
    profile.*Member = *(given.*Given);
    return true;
}

template <class E>
std::string quoted(E value) {
    return "\"" + std::string(to_string(value)) + "\"";
}

std::uint64_t parse_output_capture_limit(const Node& node, ParseContext& context, Path path) {
    const std::int64_t bytes = context.expect_integer(node, path);
    if (bytes <= 0) {
        context.fail(node, path,
                     "expected a positive number of bytes, found " + std::to_string(bytes));
    }
    return static_cast<std::uint64_t>(bytes);
}

// `--retries` and `PTEST_RETRIES` replace the whole policy with a fixed count and no delay.
bool apply_outside_retries(const ProfileOverrides& given, Profile& profile) {
    if (!given.retries) {
        return false;
    }
    profile.retries = RetryPolicy{};
    profile.retries.count = *given.retries;
    return true;
}

// `--max-fail` wins over `--fail-fast` / `--no-fail-fast`, whichever layer sets them.
bool apply_outside_fail_fast(const ProfileOverrides& given, Profile& profile) {
    if (given.max_fail) {
        profile.fail_fast = *given.max_fail;
        return true;
    }
    if (!given.fail_fast) {
        return false;
    }
    profile.fail_fast = FailFast{};
    if (!*given.fail_fast) {
        profile.fail_fast.max_fail.reset();
    }
    return true;
}

constexpr std::array k_keys{
    ProfileKey{
        .name = "default-filter",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::default_filter>(
                    parse_filter_setting(n, c, p, FiltersetKind::default_filter));
            },
        .show = [](const Profile& p) { return format_filter_setting(p.default_filter); },
        .in_override = OverrideUse::with_platform,
    },
    ProfileKey{
        .name = "retries",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::retries>(parse_retry_policy(n, c, p)); },
        .show = [](const Profile& p) { return format_retry_policy(p.retries); },
        .in_override = OverrideUse::applied,
        .parse_override = [](const Node& n, ParseContext& c, Path p,
                             TestOverride& o) { o.retries = parse_retry_policy(n, c, p); },
        .apply_outside = apply_outside_retries,
    },
    ProfileKey{
        .name = "test-threads",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::test_threads>(parse_test_threads(n, c, p)); },
        .show = [](const Profile& p) { return format_thread_count(p.test_threads); },
        .apply_outside = take<&ProfileOverrides::test_threads, &Profile::test_threads>,
    },
    ProfileKey{
        .name = "threads-required",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::threads_required>(parse_threads_required(n, c, p));
            },
        .show = [](const Profile& p) { return format_thread_count(p.threads_required); },
        .in_override = OverrideUse::applied,
        .parse_override =
            [](const Node& n, ParseContext& c, Path p, TestOverride& o) {
                o.threads_required = parse_threads_required(n, c, p);
            },
    },
    ProfileKey{
        .name = "isolation",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::isolation>(parse_isolation(n, c, p)); },
        .show = [](const Profile& p) { return quoted(p.isolation); },
        .in_override = OverrideUse::applied,
        .parse_override = [](const Node& n, ParseContext& c, Path p,
                             TestOverride& o) { o.isolation = parse_isolation(n, c, p); },
        .apply_outside = take<&ProfileOverrides::isolation, &Profile::isolation>,
    },
    ProfileKey{
        .name = "status-level",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::status_level>(parse_status_level(n, c, p)); },
        .show = [](const Profile& p) { return quoted(p.status_level); },
        .apply_outside = take<&ProfileOverrides::status_level, &Profile::status_level>,
    },
    ProfileKey{
        .name = "final-status-level",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::final_status_level>(parse_final_status_level(n, c, p));
            },
        .show = [](const Profile& p) { return quoted(p.final_status_level); },
        .apply_outside = take<&ProfileOverrides::final_status_level, &Profile::final_status_level>,
    },
    ProfileKey{
        .name = "failure-output",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::failure_output>(parse_test_output_display(n, c, p));
            },
        .show = [](const Profile& p) { return quoted(p.failure_output); },
        .in_override = OverrideUse::not_per_test,
        .apply_outside = take<&ProfileOverrides::failure_output, &Profile::failure_output>,
    },
    ProfileKey{
        .name = "success-output",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::success_output>(parse_test_output_display(n, c, p));
            },
        .show = [](const Profile& p) { return quoted(p.success_output); },
        .in_override = OverrideUse::not_per_test,
        .apply_outside = take<&ProfileOverrides::success_output, &Profile::success_output>,
    },
    ProfileKey{
        .name = "fail-fast",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::fail_fast>(parse_fail_fast(n, c, p)); },
        .show = [](const Profile& p) { return format_fail_fast(p.fail_fast); },
        .apply_outside = apply_outside_fail_fast,
    },
    ProfileKey{
        .name = "slow-timeout",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::slow_timeout>(parse_slow_timeout(n, c, p)); },
        .show = [](const Profile& p) { return format_slow_timeout(p.slow_timeout); },
        .in_override = OverrideUse::applied,
        .parse_override = [](const Node& n, ParseContext& c, Path p,
                             TestOverride& o) { o.slow_timeout = parse_slow_timeout(n, c, p); },
    },
    ProfileKey{
        .name = "leak-timeout",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::leak_timeout>(parse_leak_timeout(n, c, p)); },
        .show = [](const Profile& p) { return format_leak_timeout(p.leak_timeout); },
        .in_override = OverrideUse::applied,
        .parse_override = [](const Node& n, ParseContext& c, Path p,
                             TestOverride& o) { o.leak_timeout = parse_leak_timeout(n, c, p); },
    },
    ProfileKey{
        .name = "list-timeout",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::list_timeout>(c.expect_duration(n, p)); },
        .show = [](const Profile& p) { return "\"" + format_duration(p.list_timeout) + "\""; },
    },
    ProfileKey{
        .name = "output-capture-limit",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::output_capture_limit>(parse_output_capture_limit(n, c, p));
            },
        .show = [](const Profile& p) { return std::to_string(p.output_capture_limit); },
    },
    ProfileKey{
        .name = "show-slowest",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::show_slowest>(c.expect_count(n, p)); },
        .show = [](const Profile& p) { return std::to_string(p.show_slowest); },
        .apply_outside = take<&ProfileOverrides::show_slowest, &Profile::show_slowest>,
    },
    ProfileKey{
        .name = "junit.path",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set_junit<&JunitConfig::path>(parse_junit_text(n, c, p)); },
        .show = [](const Profile& p) { return format_junit_value(p.junit, "junit.path"); },
    },
    ProfileKey{
        .name = "junit.report-name",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::report_name>(parse_junit_text(n, c, p));
            },
        .show = [](const Profile& p) { return format_junit_value(p.junit, "junit.report-name"); },
    },
    ProfileKey{
        .name = "junit.store-success-output",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::store_success_output>(c.expect_bool(n, p));
            },
        .show =
            [](const Profile& p) {
                return format_junit_value(p.junit, "junit.store-success-output");
            },
        .in_override = OverrideUse::not_per_test,
    },
    ProfileKey{
        .name = "junit.store-failure-output",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::store_failure_output>(c.expect_bool(n, p));
            },
        .show =
            [](const Profile& p) {
                return format_junit_value(p.junit, "junit.store-failure-output");
            },
        .in_override = OverrideUse::not_per_test,
    },
    ProfileKey{
        .name = "junit.source-location",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::source_location>(c.expect_bool(n, p));
            },
        .show =
            [](const Profile& p) { return format_junit_value(p.junit, "junit.source-location"); },
    },
    // Issue 19, reports for dashboards: flakiness as failure, a limit on the whole run, and what
    // the JUnit report says about flaky and skipped tests.
    ProfileKey{
        .name = "flaky-result",
        .parse = [](const Node& n, ParseContext& c,
                    Path p) { return set<&Profile::flaky_result>(parse_flaky_result(n, c, p)); },
        .show = [](const Profile& p) { return quoted(p.flaky_result); },
        .in_override = OverrideUse::not_per_test,
    },
    ProfileKey{
        .name = "global-timeout",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set<&Profile::global_timeout>(
                    std::optional<Duration>(parse_global_timeout(n, c, p)));
            },
        .show = [](const Profile& p) { return format_global_timeout(p.global_timeout); },
    },
    ProfileKey{
        .name = "junit.report-skipped",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::report_skipped>(parse_report_skipped(n, c, p));
            },
        .show =
            [](const Profile& p) { return format_junit_value(p.junit, "junit.report-skipped"); },
    },
    ProfileKey{
        .name = "junit.flaky-fail-status",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::flaky_fail_status>(parse_flaky_fail_status(n, c, p));
            },
        .show =
            [](const Profile& p) { return format_junit_value(p.junit, "junit.flaky-fail-status"); },
        .in_override = OverrideUse::not_per_test,
    },
    ProfileKey{
        .name = "junit.flaky-properties",
        .parse =
            [](const Node& n, ParseContext& c, Path p) {
                return set_junit<&JunitConfig::flaky_properties>(c.expect_bool(n, p));
            },
        .show =
            [](const Profile& p) { return format_junit_value(p.junit, "junit.flaky-properties"); },
    },
};

// `--no-fail-fast` disables fail-fast and wins over `--fail-fast`.
void set_no_fail_fast(ProfileOverrides& out, bool on) {
    if (on) {
        out.fail_fast = false;
    }
}

// In `--help` order, which is also the order the environment is read in (so the first bad
// variable in it is the one reported). `--no-fail-fast` is listed before `--fail-fast` but
// `PTEST_NO_FAIL_FAST` after `PTEST_FAIL_FAST`, hence their separate entries; either way the "no"
// switch wins, because the `--fail-fast` switch leaves a value already set alone.
constexpr std::array k_outside{
    OutsideSetting{
        .key = "retries",
        .env = "PTEST_RETRIES",
        .flag = "--retries",
        .help = "Number of retries for failing tests",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.retries = parse_retry_count(t); },
    },
    OutsideSetting{
        .key = "test-threads",
        .env = "PTEST_TEST_THREADS",
        .flag = "-j,--test-threads",
        .help = "Tests run at once: a number, a negative number (CPUs minus it), num-cpus",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.test_threads = parse_test_threads(t); },
    },
    OutsideSetting{
        .key = "fail-fast",
        .flag = "--no-fail-fast",
        .help = "Run every test whatever fails",
        .set_switch = set_no_fail_fast,
    },
    OutsideSetting{
        .key = "fail-fast",
        .env = "PTEST_FAIL_FAST",
        .flag = "--fail-fast",
        .help = "Stop starting tests after one fails",
        .set_switch =
            [](ProfileOverrides& o, bool on) {
                if (!o.fail_fast) {
                    o.fail_fast = on;
                }
            },
    },
    OutsideSetting{
        .key = "fail-fast",
        .env = "PTEST_NO_FAIL_FAST",
        .set_switch = set_no_fail_fast,
    },
    OutsideSetting{
        .key = "fail-fast",
        .env = "PTEST_MAX_FAIL",
        .flag = "--max-fail",
        .help = "Stop after N failures (or `all`)",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.max_fail = parse_max_fail(t); },
    },
    OutsideSetting{
        .key = "isolation",
        .env = "PTEST_ISOLATION",
        .flag = "--isolation",
        .help = "Cases per process: process (one each), batch (several, failures re-run alone)",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.isolation = parse_isolation(t); },
    },
    OutsideSetting{
        .key = "status-level",
        .env = "PTEST_STATUS_LEVEL",
        .flag = "--status-level",
        .help = "Live results shown: none, fail, retry, slow, leak, pass, skip, all",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.status_level = parse_status_level(t); },
    },
    OutsideSetting{
        .key = "final-status-level",
        .env = "PTEST_FINAL_STATUS_LEVEL",
        .flag = "--final-status-level",
        .help = "Closing list: none, fail, flaky, slow, skip, pass, all",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.final_status_level = parse_final_status_level(t); },
    },
    OutsideSetting{
        .key = "failure-output",
        .env = "PTEST_FAILURE_OUTPUT",
        .flag = "--failure-output",
        .help = "Failing tests' output: immediate, immediate-final, final, never",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.failure_output = parse_test_output_display(t); },
    },
    OutsideSetting{
        .key = "success-output",
        .env = "PTEST_SUCCESS_OUTPUT",
        .flag = "--success-output",
        .help = "Passing tests' output: immediate, immediate-final, final, never",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.success_output = parse_test_output_display(t); },
    },
    OutsideSetting{
        .key = "show-slowest",
        .env = "PTEST_SHOW_SLOWEST",
        .flag = "--show-slowest",
        .help = "List the N slowest tests after the summary (0: none)",
        .set_value = [](ProfileOverrides& o,
                        std::string_view t) { o.show_slowest = parse_show_slowest(t); },
    },
};

} // namespace

std::span<const ProfileKey> profile_key_table() {
    return k_keys;
}

std::span<const OutsideSetting> outside_settings() {
    return k_outside;
}

const ProfileKey* find_profile_key(std::string_view name) {
    const auto* key = std::find_if(k_keys.begin(), k_keys.end(),
                                   [name](const ProfileKey& k) { return k.name == name; });
    return key == k_keys.end() ? nullptr : key;
}

const ProfileKey* find_profile_key(std::string_view table, std::string_view key) {
    if (key.find('.') != std::string_view::npos) {
        return nullptr;
    }
    return table.empty() ? find_profile_key(key) : find_profile_key(join_key(table, key));
}

bool is_key_table(std::string_view name) {
    return std::any_of(k_keys.begin(), k_keys.end(), [name](const ProfileKey& k) {
        return k.name.size() > name.size() && k.name.substr(0, name.size()) == name &&
               k.name[name.size()] == '.';
    });
}

std::vector<std::string> key_names_in(std::string_view table, bool in_override) {
    std::vector<std::string> names;
    for (const ProfileKey& key : k_keys) {
        if (in_override && key.in_override == OverrideUse::refused) {
            continue;
        }
        const std::size_t dot = key.name.find('.');
        std::string_view own = key.name;
        if (table.empty()) {
            own = key.name.substr(0, dot);
        } else if (dot == std::string_view::npos || key.name.substr(0, dot) != table) {
            continue;
        } else {
            own = key.name.substr(dot + 1);
        }
        if (std::find(names.begin(), names.end(), own) == names.end()) {
            names.emplace_back(own);
        }
    }
    return names;
}

const std::vector<std::string_view>& profile_keys() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> all;
        all.reserve(k_keys.size());
        for (const ProfileKey& key : k_keys) {
            all.push_back(key.name);
        }
        return all;
    }();
    return names;
}

} // namespace ptest::profiles
