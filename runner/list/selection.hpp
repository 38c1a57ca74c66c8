// Selecting which listed tests run: name filters (substring, or whole names with --exact),
// --skip patterns, filter expressions (`-E`) and the profile's `default-filter`, and what to do
// with ignored tests (--run-ignored).
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "runner/model/test_list.hpp"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace ptest::runner {

/// `--run-ignored`: `default` runs only non-ignored tests, `only` only ignored ones, `all` both.
enum class RunIgnored { default_, only, all };

/// The command line's selection settings.
struct SelectionOptions {
    std::vector<std::string>
        filters; ///< A test runs if its name contains any (or equals, --exact).
    bool exact = false;
    std::vector<std::string>
        skip; ///< Tests whose name contains any of these (equals, --exact) are skipped.
    RunIgnored run_ignored = RunIgnored::default_;
    /// `-E`: when any are given, a test runs only if it matches at least one (their union).
    std::vector<profiles::Filterset> expressions;
    /// The profile's `default-filter`: a test outside it does not run, and `default()` is it.
    profiles::Filterset default_filter;
    /// `--ignore-default-filter`: run tests outside the default filter too (`default()` still
    /// means the default filter).
    bool ignore_default_filter = false;
    /// The test group of a test (given whether it is in the default set), for `group()` in `-E`.
    /// Called only when an expression uses `group()`; unset means every test is in `@global`.
    std::function<std::string(const TestRef&, bool is_default)> group_of;
};

/// The tests to run, in test-list order, and the ones not run (ignored or filtered out).
struct Selection {
    std::vector<TestRef> run;
    std::vector<TestRef> skipped;
    /// The cases of `skipped` that `--partition` left out (the rest were ignored or filtered).
    std::set<const TestCase*> partitioned;
};

/// Parse `default`, `only` or `all`. Throws `ptest::Error` (usage) otherwise.
RunIgnored parse_run_ignored(const std::string& text);

/// Apply `options` to every case of `list`. A test runs when it passes the name filters and
/// `--skip`, matches one of the expressions (if any), is in the default filter (unless ignored),
/// and passes the ignored-test rule: the union of the `-E` expressions is intersected with the
/// name filters and with the default set, as nextest does. The one case of a binary whose
/// listing failed runs unless an expression or the default filter excludes its whole binary.
Selection select_tests(const TestList& list, const SelectionOptions& options);

} // namespace ptest::runner
