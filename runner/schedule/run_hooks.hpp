// What a run does around its tests: the scheduler calls these hooks after `RunStarted` and before
// the first test, and again once the last test has finished and before `RunFinished`. The setup
// and teardown scripts of issue 16 (runner/services) implement them; the scheduler knows nothing
// of scripts, only that tests wait for `before_tests`, that a failed `before_tests` cancels the
// run, and that `after_tests` always runs once `before_tests` was called.
#pragma once

#include "runner/schedule/planned_test.hpp"

#include <functional>
#include <map>
#include <string>

namespace ptest::runner {

/// Work a run does before and after its tests. Single-threaded: called on the loop thread only.
class RunHooks {
public:
    RunHooks() = default;
    RunHooks(const RunHooks&) = delete;
    RunHooks& operator=(const RunHooks&) = delete;
    virtual ~RunHooks() = default;

    /// Start the work that must finish before any test starts; call `done` once, on the loop and
    /// never from within this call, with true when the tests may start.
    virtual void before_tests(std::function<void(bool ok)> done) = 0;

    /// Variables to add to `test`'s environment, once `before_tests` succeeded. A variable the
    /// test's own settings already set keeps the settings' value.
    [[nodiscard]] virtual std::map<std::string, std::string>
    test_env(const PlannedTest& test) const = 0;

    /// Start the work that follows the tests (after a normal end, failures, fail-fast, a cancel,
    /// or a failed `before_tests`); call `done` once, on the loop and never from within this call.
    virtual void after_tests(std::function<void()> done) = 0;

    /// A signal arrived while `before_tests` or `after_tests` was running.
    virtual void interrupt(int signal) = 0;
};

} // namespace ptest::runner
