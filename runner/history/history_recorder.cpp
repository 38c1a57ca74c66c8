// HistoryRecorder: TestFinished events into the duration store.
#include "runner/history/history_recorder.hpp"

#include <chrono>

namespace ptest::runner {

void HistoryRecorder::report(const reporter::Event& event) {
    const auto* finished = std::get_if<reporter::TestFinished>(&event);
    if (finished == nullptr || finished->attempts.empty()) {
        return;
    }
    const reporter::AttemptResult& last = finished->last();
    if (last.status == reporter::AttemptStatus::cancelled) {
        return;
    }
    TestHistory history;
    history.seconds = std::chrono::duration<double>(last.duration).count();
    history.failed = !last.is_success();
    m_store.record(finished->test.binary_id, finished->test.name, history);
    ++m_recorded;
}

} // namespace ptest::runner
