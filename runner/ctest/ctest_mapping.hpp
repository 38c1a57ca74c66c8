// How one CTest test's command becomes ptest work: a whole test binary is expanded into its cases;
// a command that already selects one case (as `gtest_discover_tests`, `catch_discover_tests` and
// `doctest_discover_tests` register them) runs as that one case; any other command is one test
// whose exit code decides. Each framework's argument rules live in its adapter
// (runner/frameworks/); this is the entry point the import uses. Pure: the framework is detected
// by the caller.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Map a command whose program is a `kind` binary (`kind` an adapter's config name, or empty when
/// the program is no test binary) and whose arguments (after the program) are `args`, by the rules
/// of `kind`'s adapter
/// (`FrameworkAdapter::map_ctest_command`). A program that is no test binary is a command with
/// no reason.
CommandMapping map_ctest_command(std::string_view kind, const std::vector<std::string>& args);

} // namespace ptest::runner
