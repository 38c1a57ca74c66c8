// How a child process ended, as the process seam reports it to the layers above: an exit code or
// the signal that killed it.
#pragma once

namespace ptest::runner {

/// How a child ended, decoded from its wait status.
struct ExitStatus {
    bool signalled = false;
    int code = 0; ///< Exit code, or the signal number when `signalled`.
};

/// Decode a raw waitpid status.
ExitStatus decode_wait_status(int status) noexcept;

} // namespace ptest::runner
