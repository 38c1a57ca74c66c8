// The running tests and scripts of the live view (see running_tests.hpp).
#include "reporter/terminal/running_tests.hpp"

#include "reporter/terminal/script_lines.hpp"

#include <algorithm>

namespace ptest::reporter {

void RunningTests::update(const Event& event, WallClock::time_point now) {
    if (std::holds_alternative<RunStarted>(event)) {
        clear();
    } else if (const auto* started = std::get_if<TestStarted>(&event)) {
        on_started(started->test, now);
    } else if (const auto* retry = std::get_if<TestRetryStarted>(&event)) {
        on_retry_started(*retry, now);
    } else if (const auto* failed = std::get_if<TestAttemptFailedWillRetry>(&event)) {
        on_will_retry(*failed, now);
    } else if (const auto* slow = std::get_if<TestSlow>(&event)) {
        on_slow(*slow);
    } else if (const auto* finished = std::get_if<TestFinished>(&event)) {
        remove(finished->test);
    } else if (const auto* script = std::get_if<ScriptStarted>(&event)) {
        RunningEntry entry;
        entry.script = script->name;
        entry.word = {script_kind_word(script->kind), Style::pass};
        entry.since = now;
        m_entries.push_back(std::move(entry));
    } else if (const auto* done = std::get_if<ScriptFinished>(&event)) {
        const std::string word = script_kind_word(done->result.kind);
        std::erase_if(m_entries, [&](const RunningEntry& e) {
            return !e.test && e.script == done->result.name && e.word.text == word;
        });
    } else if (std::holds_alternative<RunFinished>(event)) {
        clear();
    }
}

std::uint32_t RunningTests::test_count() const noexcept {
    return static_cast<std::uint32_t>(
        std::count_if(m_entries.begin(), m_entries.end(),
                      [](const RunningEntry& e) { return e.test.has_value(); }));
}

RunningEntry* RunningTests::find(const TestId& test) {
    const auto found = std::find_if(m_entries.begin(), m_entries.end(),
                                    [&](const RunningEntry& e) { return e.test == test; });
    return found == m_entries.end() ? nullptr : &*found;
}

void RunningTests::remove(const TestId& test) {
    std::erase_if(m_entries, [&](const RunningEntry& e) { return e.test == test; });
}

void RunningTests::on_started(const TestId& test, WallClock::time_point now) {
    // A test starts once; should a start repeat, the entry is refreshed rather than doubled.
    RunningEntry* entry = find(test);
    if (entry == nullptr) {
        entry = &m_entries.emplace_back();
        entry->test = test;
    }
    entry->word = {};
    entry->since = now;
}

void RunningTests::on_retry_started(const TestRetryStarted& event, WallClock::time_point now) {
    // A test re-run alone left the list while it waited in the queue: it comes back at the end.
    RunningEntry* entry = find(event.test);
    if (entry == nullptr) {
        entry = &m_entries.emplace_back();
        entry->test = event.test;
    }
    entry->word = {event.alone ? std::string("RERUN ALONE")
                               : "TRY " + std::to_string(event.attempt),
                   Style::retry};
    entry->since = now;
}

void RunningTests::on_will_retry(const TestAttemptFailedWillRetry& event,
                                 WallClock::time_point now) {
    if (event.rerun_alone) {
        // It waits for every other test to finish and holds no worker meanwhile: not running.
        remove(event.test);
        return;
    }
    if (RunningEntry* entry = find(event.test)) {
        entry->word = {"DELAY", Style::retry};
        entry->since = now;
    }
}

void RunningTests::on_slow(const TestSlow& event) {
    RunningEntry* entry = find(event.test);
    if (entry == nullptr) {
        return;
    }
    if (entry->word.text.empty()) {
        entry->word.text = "SLOW";
    }
    entry->word.style = event.will_terminate ? Style::fail : Style::skip;
}

} // namespace ptest::reporter
