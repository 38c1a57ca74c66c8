// Names of POSIX signals as users know them (SIGSEGV, SIGABRT, ...), shared by every reporter.
#pragma once

#include <string>

namespace ptest::base {

/// "SIGSEGV" for 11 and so on; "signal N" for numbers without a well-known name.
std::string signal_name(int signal);

} // namespace ptest::base
