// The adapter for plain commands: a program that is no test framework's binary is one test,
// named after its binary id, run with its configured arguments, and judged by its exit code.
#pragma once

#include "runner/frameworks/adapter.hpp"

namespace ptest::runner {

/// The plain-command adapter (kind `command`): never detected, never listed.
const FrameworkAdapter& command_adapter();

} // namespace ptest::runner
