// How one CTest test's command becomes ptest work: a whole GoogleTest, Catch2 or doctest binary is
// expanded into its cases; a command that already selects one case (as `gtest_discover_tests`,
// `catch_discover_tests` and `doctest_discover_tests` register them) runs as that one case; any
// other command is one test whose exit code decides. Pure: the framework is detected by the caller.
#pragma once

#include "profiles/config.hpp"

#include <string>
#include <vector>

namespace ptest::runner {

/// What ptest does with a CTest test.
enum class CTestMapping {
    expand,   ///< List the binary (with the test's arguments) and run each case on its own.
    one_case, ///< Run the command as registered: it selects one case, checked to run exactly one.
    command,  ///< Run the command whole; its exit code (and CTest's rules) decide.
};

/// The mapping of one command, with the case name for `one_case` and why a test binary is not
/// expanded for `command` (empty when the program is no test binary).
struct CommandMapping {
    CTestMapping mapping = CTestMapping::command;
    std::string case_name;
    std::string reason;
};

/// Map a command whose program is a `kind` binary (`auto_detect` or `command` when it is none)
/// and whose arguments (after the program) are `args`.
///
/// GoogleTest: an exact `--gtest_filter=NAME` (no `*`, `?`, `:` or `-`) is one case; a pattern
/// filter, or none, expands (the listing honours the filter, and the selector ptest adds comes
/// later, so it wins). Catch2: one test-spec argument naming a case exactly (no wildcard, tag,
/// exclusion or `,`) is one case, named with its `\` escapes removed; no test spec expands; more
/// than one is a command. doctest: exactly one `--test-case=`/`-tc=` filter with no wildcard or
/// list is one case; no filter expands; other filters make a command. Options that replace the
/// framework's console report (reporters, listings) always make a command.
CommandMapping map_ctest_command(profiles::FrameworkKind kind,
                                 const std::vector<std::string>& args);

} // namespace ptest::runner
