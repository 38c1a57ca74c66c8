// The resolved profile: every setting the runner and the reporters need for one run, after the
// built-in defaults, `[profile.default]`, the chosen profile's `inherits` chain, the environment
// and the command line have been layered. Plain data; the loader (`loader.hpp`) produces it.
#pragma once

#include "base/clock.hpp"

#include "profiles/filterset/filterset.hpp"
#include "profiles/scripts.hpp"
#include "profiles/timeouts.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::profiles {

using base::Duration;

/// Which live result lines the terminal shows (`status-level`), in nextest's order: each level
/// shows its own results and every level before it.
enum class StatusLevel { none, fail, retry, slow, leak, pass, skip, all };

/// Which tests the closing list repeats (`final-status-level`), in nextest's order.
enum class FinalStatusLevel { none, fail, flaky, slow, skip, pass, all };

/// When captured output is shown (`failure-output`, `success-output`).
enum class TestOutputDisplay { immediate, immediate_final, final, never };

enum class Backoff { fixed, exponential };

/// `retries`: a count, or `{ backoff, count, delay, max-delay, jitter }`.
struct RetryPolicy {
    Backoff backoff = Backoff::fixed;
    std::uint32_t count = 0;
    Duration delay{0};
    std::optional<Duration> max_delay;
    bool jitter = false;
};

/// `isolation`: every case in a process of its own, or cases of one binary sharing a process.
enum class Isolation { process, batch };

enum class FailFastTerminate { wait, immediate };

/// `fail-fast`: a bool, or `{ max-fail = N | "all", terminate }`. `max_fail` empty means "all"
/// (never stop early); `fail-fast = true` is `max_fail = 1`.
struct FailFast {
    std::optional<std::uint32_t> max_fail = 1;
    FailFastTerminate terminate = FailFastTerminate::wait;
};

/// `test-threads` and `threads-required`: a number (negative: CPUs minus that many) or a keyword.
struct ThreadCount {
    enum class Kind { count, num_cpus, num_test_threads };
    Kind kind = Kind::num_cpus;
    std::int32_t value = 0; ///< Meaningful for `Kind::count` only.
};

/// `flaky-result`: whether a test that passed on a retry counts as passed or as failed.
enum class FlakyResult { pass, fail };

/// `junit.report-skipped`: which tests the run did not start are written as `<skipped>` testcases
/// (nextest's `none`, `ignored`, `all`).
enum class ReportSkipped { none, ignored, all };

/// `junit.flaky-fail-status`: how a flaky test that `flaky-result = "fail"` failed is written.
enum class FlakyFailStatus { failure, success };

/// `[profile.NAME.junit]`.
struct JunitConfig {
    std::optional<std::string> path; ///< As written; relative paths are relative to the workspace.
    std::string report_name = "nextest-run";
    bool store_success_output = false;
    bool store_failure_output = true;
    /// `source-location`: each `testcase` carries `file` and `line` (where its framework reports
    /// them). Off by default: the JUnit contract and its schemas do not allow them yet.
    bool source_location = false;
    ReportSkipped report_skipped = ReportSkipped::none;
    FlakyFailStatus flaky_fail_status = FlakyFailStatus::failure;
    /// `flaky-properties` (ptest only): a flaky testcase carries `<properties>` with `flaky` and
    /// `attempts`. Off by default: the contract's schemas do not allow testcase properties.
    bool flaky_properties = false;
};

/// `[test-groups.NAME]`: tests in the group never run more than `max_threads` at once.
struct TestGroupConfig {
    ThreadCount max_threads{ThreadCount::Kind::count, 1};
    std::string origin; ///< `file:line` of the group's table, for `show-config`.
};

/// One `[[profile.NAME.overrides]]` table: settings for the tests its `filter` matches. Each
/// setting is optional; for each setting, the first matching override that sets it wins.
struct TestOverride {
    std::string profile;   ///< The profile whose list it is in.
    std::size_t index = 0; ///< Its position in that list (0-based).
    std::string origin;    ///< `file:line` of the table (or `built-in`).
    Filterset filter;
    std::optional<RetryPolicy> retries;
    std::optional<SlowTimeout> slow_timeout;
    std::optional<LeakTimeout> leak_timeout;
    std::optional<ThreadCount> threads_required;
    std::optional<std::int32_t> priority;                  ///< -100..100; higher starts earlier.
    std::optional<std::string> test_group;                 ///< A `[test-groups]` name or `@global`.
    std::optional<std::map<std::string, std::string>> env; ///< Extra environment (ptest only).
    std::optional<Isolation> isolation;                    ///< ptest only (issue 15).
    /// `default-filter` of an override with `platform` and no `filter` (nextest 0.9.84): the
    /// default filter on that platform. Only kept when the platform is the host's.
    std::optional<Filterset> default_filter;
};

/// A fully resolved profile.
struct Profile {
    std::string name = "default";
    RetryPolicy retries;
    SlowTimeout slow_timeout;
    LeakTimeout leak_timeout;
    FailFast fail_fast;
    ThreadCount test_threads;
    ThreadCount threads_required{ThreadCount::Kind::count, 1};
    /// ptest extension `isolation`: "batch" lets cases of one binary share a process.
    Isolation isolation = Isolation::process;
    StatusLevel status_level = StatusLevel::pass;
    FinalStatusLevel final_status_level = FinalStatusLevel::flaky;
    TestOutputDisplay failure_output = TestOutputDisplay::immediate;
    TestOutputDisplay success_output = TestOutputDisplay::never;
    JunitConfig junit;
    /// `default-filter`: the tests run when the command line names none (`all()` by default).
    Filterset default_filter;
    /// The overrides that apply under this profile, in precedence order: the profile's own, then
    /// those of each profile it inherits from, `default`'s last.
    std::vector<TestOverride> overrides;
    /// Every `[test-groups]` of the configuration, by name.
    std::map<std::string, TestGroupConfig> test_groups;
    /// ptest extension `list-timeout`: how long one binary's listing may take before it is
    /// killed and reported as not listable.
    Duration list_timeout = std::chrono::seconds(20);
    /// ptest extension `output-capture-limit`: bytes kept per stream per attempt (half from the
    /// head, half from the tail); the rest is counted and dropped, never buffered.
    std::uint64_t output_capture_limit = 4U << 20U;
    /// `flaky-result`: "fail" makes a test that passed only on a retry count as failed.
    FlakyResult flaky_result = FlakyResult::pass;
    /// `global-timeout`: the whole run is cancelled once it has run this long; unset: no limit.
    std::optional<Duration> global_timeout;
    /// Setup and teardown scripts and the rules attaching them to tests (issue 16).
    ScriptsConfig scripts;
    /// ptest extension `show-slowest`: how many of the slowest tests to list after the summary
    /// (0: none).
    std::uint32_t show_slowest = 0;
    /// Where each setting came from, keyed by its configuration key (`retries`, `junit.path`, …):
    /// `built-in`, `FILE:LINE`, `environment` or `command line`. Filled by `Config::resolve` and
    /// `apply`; empty for a default-constructed profile.
    std::map<std::string, std::string> sources;
};

/// Resolve a thread count against the machine: `num-cpus` is `cpus`, a negative count is
/// `cpus - |n|`, and the result is at least 1.
int resolve_thread_count(const ThreadCount& count, int cpus, int test_threads = 1);

} // namespace ptest::profiles
