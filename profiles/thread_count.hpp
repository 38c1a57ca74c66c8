// The `test-threads` and `threads-required` settings: how many tests run at once, and how many of
// those slots one test takes, as a number or a keyword resolved against the machine at run time.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// Parse `test-threads`: a non-zero integer (negative: CPUs minus that many) or `"num-cpus"`.
ThreadCount parse_test_threads(const toml::node& node, ParseContext& context,
                               std::string_view path);

/// Parse `threads-required`: a positive integer, `"num-cpus"` or `"num-test-threads"`.
ThreadCount parse_threads_required(const toml::node& node, ParseContext& context,
                                   std::string_view path);

/// Parse a `--test-threads` / `PTEST_TEST_THREADS` value: a non-zero integer or `num-cpus`.
/// Throws `ptest::Error` (`ExitCode::usage`) for anything else.
ThreadCount parse_test_threads(std::string_view text);

/// The count as TOML: `4`, `-1`, `"num-cpus"` or `"num-test-threads"`.
std::string format_thread_count(const ThreadCount& count);

} // namespace ptest::profiles
