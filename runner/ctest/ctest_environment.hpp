// A CTest test's environment: its ENVIRONMENT entries applied over the environment ptest gives
// every test, then its ENVIRONMENT_MODIFICATION operations, with ctest's semantics for each
// operation. Pure: the base environment is a parameter.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ptest::runner {

/// What a test's environment changes: variables to set (over the base) and variables to remove.
struct EnvironmentChanges {
    std::map<std::string, std::string> set;
    std::vector<std::string> unset;
};

/// Apply `environment` (`NAME=value` entries, in order) and then `modifications`
/// (`NAME=op:value`, ops `reset`, `set`, `unset`, `string_append`, `string_prepend`,
/// `path_list_append`, `path_list_prepend`, `cmake_list_append`, `cmake_list_prepend`) to `base`
/// (`NAME=value` entries). `reset` returns a variable to its value after `environment`. An entry
/// ctest would reject (no `=`, no `:`, unknown op) is skipped and described in `problems`.
EnvironmentChanges apply_ctest_environment(const std::vector<std::string>& base,
                                           const std::vector<std::string>& environment,
                                           const std::vector<std::string>& modifications,
                                           std::vector<std::string>& problems);

} // namespace ptest::runner
