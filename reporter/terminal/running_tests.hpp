// What is running right now, as the live progress view names it: each test between its start
// and its finish (with the attempt it is on, whether it is waiting for a retry and whether it is
// slow), and the setup or teardown script that runs before or after the tests. Built from the
// run's events only, so it stays right across retries, re-runs alone, batches (whose cases are
// reported started and finished together when the batch is done), stress iterations and
// scripts. Not thread-safe; fed from the event loop.
#pragma once

#include "reporter/events.hpp"
#include "reporter/terminal/status_line.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// One thing the live view names.
struct RunningEntry {
    /// The test, or empty for a script.
    std::optional<TestId> test;
    /// For a script: its name (`db`); empty for a test.
    std::string script;
    /// The word before the elapsed time: empty for a test's first attempt, `TRY n` for a retry,
    /// `RERUN ALONE`, `DELAY` while it waits for its retry, `SLOW` once slow; `SETUP` or
    /// `TEARDOWN` for a script.
    StatusWord word;
    /// Since when it has been in its current state (its attempt started, it began waiting, the
    /// script started).
    WallClock::time_point since;
};

/// The running tests and scripts, in the order they first started.
class RunningTests {
public:
    /// Forget everything (a new run, or a new stress iteration, starts).
    void clear() { m_entries.clear(); }

    /// Update from `event` received at `now`. Events that change nothing here are ignored.
    void update(const Event& event, WallClock::time_point now);

    /// The entries, oldest first.
    [[nodiscard]] const std::vector<RunningEntry>& entries() const noexcept { return m_entries; }

    /// How many entries are tests (a test waiting for its retry still counts: it holds its
    /// worker).
    [[nodiscard]] std::uint32_t test_count() const noexcept;

private:
    /// The entry of `test`, or null when it is not running.
    RunningEntry* find(const TestId& test);
    /// Drop the entry of `test`, if any.
    void remove(const TestId& test);
    /// A first attempt started: a new entry at the end, without a word.
    void on_started(const TestId& test, WallClock::time_point now);
    /// A retry or the re-run alone started: `TRY n` or `RERUN ALONE`, its clock restarted.
    void on_retry_started(const TestRetryStarted& event, WallClock::time_point now);
    /// An attempt failed: `DELAY` until the retry starts, or gone while it waits to run alone.
    void on_will_retry(const TestAttemptFailedWillRetry& event, WallClock::time_point now);
    /// A slow period passed: `SLOW` (when it has no other word) in the slow or failure style.
    void on_slow(const TestSlow& event);

    std::vector<RunningEntry> m_entries;
};

} // namespace ptest::reporter
