// A scoped catch of SIGINT, SIGTERM and SIGHUP for the moments before a run owns the signals
// (extracting an archive, listing its binaries): the signal only sets a flag, so the work can stop
// at a safe point and the temporary extraction is removed on the way out.
#pragma once

#include <csignal>

namespace ptest::runner {

/// Installs the flag-setting handlers; the destructor restores the previous ones. At most one
/// exists at a time (the flag is process-wide). Not copyable.
class InterruptFlag {
public:
    InterruptFlag();
    InterruptFlag(const InterruptFlag&) = delete;
    InterruptFlag& operator=(const InterruptFlag&) = delete;
    ~InterruptFlag();

    /// Whether one of the signals arrived since construction.
    [[nodiscard]] bool raised() const;
    /// The flag itself, for code that polls it.
    [[nodiscard]] static const volatile std::sig_atomic_t* flag();

private:
    struct sigaction m_previous[3]{};
};

} // namespace ptest::runner
