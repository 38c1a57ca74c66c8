// The test list: every binary ptest will run, with every case its framework listed. The model
// shared by listing, the CTest import, planning and the scheduler; it depends on no other runner
// folder.
#pragma once

#include "base/captured_output.hpp"
#include "base/clock.hpp"

#include "profiles/config.hpp"
#include "runner/model/ctest_rules.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

/// One test case as its framework listed it.
struct TestCase {
    std::string name;                ///< Full name: `Suite.Case/0`, a Catch2 or doctest name.
    bool ignored = false;            ///< GoogleTest DISABLED_, Catch2 hidden, doctest skip().
    std::vector<std::string> labels; ///< Catch2 tags (without brackets), doctest suite.
    std::string suite;               ///< doctest test suite ("" when none); unused elsewhere.
    /// The case's own name as declared, when `name` adds more to keep it unique (doctest:
    /// `name` is `suite/case` for a case in a suite); empty when it equals `name`.
    std::string case_name;
    std::string file;       ///< Source file, when the listing says.
    std::uint32_t line = 0; ///< Source line, when the listing says.
    /// The case's 1-based position among every listed case its name selector also matches, in
    /// the framework's own run order, when the framework can then select by position (doctest
    /// `--first`/`--last`: duplicate names, template instances, wildcard characters); 0 when the
    /// name selector matches this case alone.
    std::uint32_t position = 0;
    /// Failed assertions the case declares as expected (Boost.Test's `expected_failures`
    /// decorator): the case still passes with up to this many. 0 for every other framework.
    std::uint32_t expected_failures = 0;
    /// Set when the framework's command line cannot select this case exactly (and ptest has no
    /// other exact means): the case is listed but refused with this reason, never run as
    /// something else.
    std::optional<std::string> unselectable;
};

/// The name of the one case a binary whose listing failed has: it stands for the binary's unknown
/// cases, and fails with the listing's problem and output without being run.
inline constexpr const char* k_listing_case = "(listing)";

/// Why a binary's tests could not be listed, and what its listing printed.
struct ListingFailure {
    /// One line naming the binary: "could not list the tests of `id` (path): <problem>", or, for
    /// a framework the listing was to confirm, the candidates and the `kind` to set.
    std::string message;
    /// What went wrong, without the binary: "listing was killed by SIGABRT", "not a GoogleTest
    /// listing ...".
    std::string problem;
    /// The listing was to confirm the binary's framework (detection.hpp), so which framework it
    /// is remains unknown.
    bool framework_unconfirmed = false;
    base::CapturedOutput stdout_output; ///< What the listing printed, bounded.
    base::CapturedOutput stderr_output;
};

/// One listed test binary.
struct TestBinary {
    std::string id;
    std::filesystem::path path; ///< Absolute.
    /// Its framework: the config name of an adapter in the registry (runner/frameworks), detected
    /// or configured. Empty only before detection; never empty once listed.
    std::string kind;
    std::filesystem::path cwd; ///< Absolute working directory for its tests.
    std::map<std::string, std::string> env;
    std::vector<std::string> env_remove; ///< Variables removed from its tests' environment.
    std::vector<std::string> args;
    std::vector<TestCase> cases; ///< In the framework's listing order.
    /// Its `args` already select its one case (a CTest test registered per case): the case runs
    /// with `args` verbatim and no selector is added, but the framework's report is still checked
    /// for exactly one case.
    bool preselected = false;
    /// CTest's rules for its tests, when it came from a build tree (`--build-dir`); else null.
    std::shared_ptr<const CTestRules> ctest;
    /// Its cases were expanded from one CTest test that runs the whole binary, so ctest runs
    /// them one after another in one process: a case that fails beside the others may only be
    /// sharing files or state with them (`[ctest] rerun-alone`).
    bool expanded_from_ctest = false;
    /// The framework's major version when its adapter depends on it (Catch2: 3 for v3, whose
    /// listing, exit codes and report differ from v2's), read from the executable's bytes; 0
    /// otherwise.
    int framework_version = 0;
    /// Set when its listing failed: `cases` is then the one case `k_listing_case`, which the run
    /// reports failed with this (and the other binaries still run).
    std::optional<ListingFailure> listing_failure;
    /// How long its quickest listing pass took (one start-up of the binary plus printing its
    /// names): the batch hint's bound on its start-up cost. Unset when it was not listed.
    std::optional<base::Duration> listing_time;
};

/// A reference to one case of one listed binary; both point into a `TestList`.
struct TestRef {
    const TestBinary* binary = nullptr;
    const TestCase* test = nullptr;
};

/// Every binary, in configuration order (config `[[binary]]` first, then `--binary`).
struct TestList {
    std::vector<TestBinary> binaries;
};

} // namespace ptest::runner
