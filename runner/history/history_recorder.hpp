// Feeds a run's results into the duration store: an event sink beside the terminal and JUnit
// reporters that records each finished test's duration and outcome as it finishes, and saves
// the store when the run is over.
#pragma once

#include "reporter/event_sink.hpp"
#include "runner/history/history_store.hpp"

#include <filesystem>
#include <optional>

namespace ptest::runner {

/// Records every `TestFinished` into a `HistoryStore` it does not own. What is recorded is the
/// duration of the attempt that decided the result (the last one) and whether the test failed.
/// A test cancelled while running is not recorded: its duration says nothing about the test,
/// so its earlier history is kept. Emits nothing; never throws.
class HistoryRecorder final : public reporter::EventSink {
public:
    /// Record into `store`, which must outlive the recorder; `finish` saves it to `save_to`.
    explicit HistoryRecorder(HistoryStore& store,
                             std::optional<std::filesystem::path> save_to = std::nullopt)
        : m_store(store), m_save_to(std::move(save_to)) {}

    void report(const reporter::Event& event) override;

    /// Save the store to `save_to` when a test was recorded. History only ever helps, so a
    /// store that cannot be saved is a warning (`test history not saved: ...`), not an error.
    reporter::FinishResult finish() override;

    /// How many tests were recorded so far (0: the store is unchanged).
    [[nodiscard]] std::size_t recorded() const noexcept { return m_recorded; }

private:
    HistoryStore& m_store;
    std::optional<std::filesystem::path> m_save_to;
    std::size_t m_recorded = 0;
};

} // namespace ptest::runner
