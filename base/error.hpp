// ptest's single error mechanism for expected failures (bad config, missing binary, unwritable
// output): one exception type carrying its exit code, caught only in `main`. Internal invariants
// are assertions, not Errors.
#pragma once

#include "base/exit_codes.hpp"

#include <stdexcept>
#include <string>

namespace ptest {

/// An expected failure. `what()` is the message without the `ptest: error: ` prefix; it may span
/// several lines when it carries source context (a config line and a caret).
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}

    /// The exit code `main` returns for this error.
    [[nodiscard]] ExitCode code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

} // namespace ptest
