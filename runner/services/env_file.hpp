// The file a setup script writes its variables to (named by PTEST_ENV and NEXTEST_ENV): one
// `KEY=VALUE` per line, as in nextest. The value is everything after the first `=`, taken as it
// is (no quotes, no expansion); blank lines are skipped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptest::runner {

/// The variables of an env file in file order, or what is wrong with it.
struct EnvFile {
    std::vector<std::pair<std::string, std::string>> variables;
    /// Empty when the file is well formed; else one line naming the first bad line:
    /// `line 2: "export X" is not KEY=VALUE`.
    std::string error;

    [[nodiscard]] bool ok() const noexcept { return error.empty(); }
};

/// Parse `text`. A line without `=`, with an empty key, or whose key is not a shell variable name
/// (letters, digits and `_`, not starting with a digit) is an error, and so is a key starting with
/// `PTEST` or `NEXTEST`: those variables are ptest's (nextest refuses `NEXTEST` keys too).
EnvFile parse_env_file(std::string_view text);

} // namespace ptest::runner
