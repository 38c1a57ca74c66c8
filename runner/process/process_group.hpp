// Signalling test process groups, and making sure nothing ptest started outlives it: ptest marks
// itself a child subreaper, so descendants that leave their group (setsid, double fork) are
// re-parented to ptest instead of init and can still be found and killed at the end.
#pragma once

#include <sys/types.h>

#include <vector>

namespace ptest::runner {

/// Send `signal` to the process group `pgid`. Returns false when the group no longer exists.
bool signal_group(pid_t pgid, int signal) noexcept;

/// Make ptest the reaper of every orphaned descendant (Linux PR_SET_CHILD_SUBREAPER).
/// Returns false when the kernel refuses.
bool become_subreaper() noexcept;

/// The pids of ptest's current children (direct, including re-parented orphans), from /proc.
std::vector<pid_t> list_children();

/// SIGKILL every current child and its process group without waiting for them, so that the
/// event loop's ChildReaper still sees (and reports) their exits.
void kill_all_children() noexcept;

/// SIGKILL every remaining child and its process group, then reap them all (blocking until each
/// is gone). Used at exit so that no test, grandchild or leaked descendant keeps running.
void kill_and_reap_all_children();

} // namespace ptest::runner
