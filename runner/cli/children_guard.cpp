// ChildrenGuard (see children_guard.hpp) over runner/process's process-group helpers.
#include "runner/cli/children_guard.hpp"

#include "runner/process/process_group.hpp"

namespace ptest::cli {

ChildrenGuard::ChildrenGuard() {
    runner::become_subreaper();
}

ChildrenGuard::~ChildrenGuard() {
    try {
        runner::kill_and_reap_all_children();
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw; nothing to add.
    }
}

} // namespace ptest::cli
