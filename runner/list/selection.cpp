// Test selection by name, as nextest's positional filters, --exact and --skip behave, and by
// filter expressions and the default filter.
#include "runner/list/selection.hpp"

#include "base/error.hpp"

#include "runner/list/test_query.hpp"

#include <algorithm>

namespace ptest::runner {

namespace {

bool matches(const std::string& name, const std::string& pattern, bool exact) {
    return exact ? name == pattern : name.find(pattern) != std::string::npos;
}

bool matches_any(const std::string& name, const std::vector<std::string>& patterns, bool exact) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return matches(name, p, exact); });
}

/// Whether `test`, the one case of a binary whose listing failed, runs. Its real cases are
/// unknown, so name filters, `--skip` and `--run-ignored` cannot leave it out: only an expression
/// or default filter that no test of its binary can match does (as nextest lists every binary
/// its binary-level filter may select).
bool unlisted_binary_selected(const TestRef& test, const SelectionOptions& options) {
    const profiles::FilterQuery query = filter_query(test);
    const bool by_expression =
        options.expressions.empty() ||
        std::any_of(options.expressions.begin(), options.expressions.end(),
                    [&](const profiles::Filterset& e) { return e.matches_binary(query) != false; });
    return by_expression &&
           (options.ignore_default_filter || options.default_filter.matches_binary(query) != false);
}

} // namespace

RunIgnored parse_run_ignored(const std::string& text) {
    if (text == "default") {
        return RunIgnored::default_;
    }
    if (text == "only" || text == "ignored-only") {
        return RunIgnored::only;
    }
    if (text == "all") {
        return RunIgnored::all;
    }
    throw Error(ExitCode::usage,
                "invalid --run-ignored value `" + text + "` (expected default, only or all)");
}

Selection select_tests(const TestList& list, const SelectionOptions& options) {
    Selection selection;
    const bool need_groups =
        options.group_of &&
        std::any_of(options.expressions.begin(), options.expressions.end(),
                    [](const profiles::Filterset& e) { return e.uses_group(); });
    for (const TestBinary& binary : list.binaries) {
        if (binary.listing_failure) {
            TestRef ref{&binary, &binary.cases.front()};
            (unlisted_binary_selected(ref, options) ? selection.run : selection.skipped)
                .push_back(ref);
            continue;
        }
        for (const TestCase& test : binary.cases) {
            TestRef ref{&binary, &test};
            bool by_name =
                options.filters.empty() || matches_any(test.name, options.filters, options.exact);
            bool skipped_by_name = matches_any(test.name, options.skip, options.exact);
            bool by_ignored = options.run_ignored == RunIgnored::all ||
                              (options.run_ignored == RunIgnored::only) == test.ignored;
            const bool is_default = in_default_set(ref, options.default_filter);
            bool by_expression = options.expressions.empty();
            if (!by_expression && by_name && !skipped_by_name && by_ignored) {
                const std::string group =
                    need_groups ? options.group_of(ref, is_default) : std::string("@global");
                const profiles::FilterQuery query = filter_query(ref, is_default, group);
                by_expression =
                    std::any_of(options.expressions.begin(), options.expressions.end(),
                                [&](const profiles::Filterset& e) { return e.matches(query); });
            }
            const bool by_default = options.ignore_default_filter || is_default;
            if (by_name && !skipped_by_name && by_ignored && by_expression && by_default) {
                selection.run.push_back(ref);
            } else {
                selection.skipped.push_back(ref);
            }
        }
    }
    return selection;
}

} // namespace ptest::runner
