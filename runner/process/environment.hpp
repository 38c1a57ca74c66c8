// The environment a test process gets: ptest's own, minus what would change which tests a
// framework runs or where it writes, minus per-test variables inherited from an outer ptest, plus
// the binary's configured variables.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// True for variables ptest never passes on: GTEST_*, TESTBRIDGE_*, XML_OUTPUT_FILE,
/// TEST_SHARD_INDEX, TEST_TOTAL_SHARDS, TEST_SHARD_STATUS_FILE, TEST_PREMATURE_EXIT_FILE,
/// BAZEL_TEST, and the per-run/per-test PTEST_* variables ptest sets itself.
bool is_removed_variable(std::string_view name);

/// `environ` (NAME=value entries) without the removed variables.
std::vector<std::string> clean_environment(const char* const* environ);

/// `base` with every variable of `overrides` set (replacing an existing entry of that name).
std::vector<std::string> merge_environment(const std::vector<std::string>& base,
                                           const std::map<std::string, std::string>& overrides);

/// `merge_environment(base, overrides)` without the variables named in `removed`.
std::vector<std::string> merge_environment(const std::vector<std::string>& base,
                                           const std::map<std::string, std::string>& overrides,
                                           const std::vector<std::string>& removed);

} // namespace ptest::runner
