// Selecting which listed tests run: name filters (substring, or whole names with --exact),
// --skip patterns, and what to do with ignored tests (--run-ignored).
#pragma once

#include "runner/list/test_list.hpp"

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
};

/// The tests to run, in test-list order, and the ones not run (ignored or filtered out).
struct Selection {
    std::vector<TestRef> run;
    std::vector<TestRef> skipped;
};

/// Parse `default`, `only` or `all`. Throws `ptest::Error` (usage) otherwise.
RunIgnored parse_run_ignored(const std::string& text);

/// Apply `options` to every case of `list`.
Selection select_tests(const TestList& list, const SelectionOptions& options);

} // namespace ptest::runner
