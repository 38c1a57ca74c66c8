// The one guard every subcommand that starts processes holds: it makes ptest the reaper of its
// orphaned descendants, and on the way out, however the command ends (success, `ptest::Error`,
// any exception), kills and reaps every process ptest started, so no test, listing or leaked
// grandchild outlives ptest.
#pragma once

namespace ptest::cli {

/// Becomes the child subreaper on construction; kills and reaps all children on destruction.
/// Hold one for the whole of a command, declared before anything that starts processes.
class ChildrenGuard {
public:
    ChildrenGuard();
    ChildrenGuard(const ChildrenGuard&) = delete;
    ChildrenGuard& operator=(const ChildrenGuard&) = delete;
    ~ChildrenGuard();
};

} // namespace ptest::cli
