// HistoryRecorder: TestFinished events into the duration store, saved when the run is over.
#include "runner/history/history_recorder.hpp"

#include "base/error.hpp"

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

reporter::FinishResult HistoryRecorder::finish() {
    reporter::FinishResult result;
    if (!m_save_to || m_recorded == 0) {
        return result;
    }
    try {
        m_store.save(*m_save_to);
    } catch (const Error& error) {
        result.warnings.push_back(std::string("test history not saved: ") + error.what());
    }
    return result;
}

} // namespace ptest::runner
