// Feeds a run's results into the duration store: an event sink beside the terminal and JUnit
// reporters that records each finished test's duration and outcome as it finishes.
#pragma once

#include "reporter/event_sink.hpp"
#include "runner/history/history_store.hpp"

namespace ptest::runner {

/// Records every `TestFinished` into a `HistoryStore` it does not own. What is recorded is the
/// duration of the attempt that decided the result (the last one) and whether the test failed.
/// A test cancelled while running is not recorded: its duration says nothing about the test,
/// so its earlier history is kept. Emits nothing; never throws.
class HistoryRecorder final : public reporter::EventSink {
public:
    explicit HistoryRecorder(HistoryStore& store) : m_store(store) {}

    void report(const reporter::Event& event) override;

    /// How many tests were recorded so far (0: the store is unchanged).
    [[nodiscard]] std::size_t recorded() const noexcept { return m_recorded; }

private:
    HistoryStore& m_store;
    std::size_t m_recorded = 0;
};

} // namespace ptest::runner
