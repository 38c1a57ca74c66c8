// ptest's single error mechanism for expected failures (bad config, missing binary, unwritable
// output): one exception type carrying its exit code, caught only in `main`. Internal invariants
// are assertions, not Errors.
#pragma once

#include "base/exit_codes.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptest {

/// An expected failure. `what()` is the message without the `ptest: error: ` prefix; it may span
/// several lines when it carries source context (a config line and a caret).
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}

    /// The exit code `main` returns for this error.
    [[nodiscard]] ExitCode code() const noexcept { return m_code; }

    /// Warnings gathered before the failure (a config file's unknown keys, already formatted with
    /// their prefix), which `main` prints before the error so that none is lost; usually empty.
    [[nodiscard]] const std::vector<std::string>& warnings() const noexcept {
        static const std::vector<std::string> k_none;
        return m_warnings ? *m_warnings : k_none;
    }

    /// Attach `warnings` (ordered as they are to be printed) ahead of any already attached.
    void add_warnings(std::vector<std::string> warnings) {
        if (warnings.empty()) {
            return;
        }
        if (m_warnings) {
            warnings.insert(warnings.end(), m_warnings->begin(), m_warnings->end());
        }
        // Shared, so that copying the exception (as throwing does) never throws.
        m_warnings = std::make_shared<const std::vector<std::string>>(std::move(warnings));
    }

private:
    ExitCode m_code;
    std::shared_ptr<const std::vector<std::string>> m_warnings;
};

} // namespace ptest
