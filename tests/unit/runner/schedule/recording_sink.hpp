// Helpers for scheduler and attempt tests: an EventSink that records every event (and can react to
// one), the name of each event kind for comparing whole sequences, and the GoogleTest fixture
// binaries described as listed TestBinary values.
#pragma once

#include "reporter/event_sink.hpp"
#include "runner/model/test_list.hpp"

#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace ptest::runner::test_support {

/// Records events in order; `on_event` (when set) runs after each is recorded.
class RecordingSink final : public reporter::EventSink {
public:
    void report(const reporter::Event& event) override {
        events.push_back(event);
        if (on_event) {
            on_event(event);
        }
    }

    std::vector<reporter::Event> events;
    std::function<void(const reporter::Event&)> on_event;
};

/// The event's type name: `RunStarted`, `TestSlow`, ...
inline std::string kind_of(const reporter::Event& event) {
    return std::visit(
        [](const auto& e) -> std::string {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, reporter::RunStarted>) {
                return "RunStarted";
            } else if constexpr (std::is_same_v<T, reporter::TestStarted>) {
                return "TestStarted";
            } else if constexpr (std::is_same_v<T, reporter::TestSlow>) {
                return "TestSlow";
            } else if constexpr (std::is_same_v<T, reporter::TestAttemptFailedWillRetry>) {
                return "TestAttemptFailedWillRetry";
            } else if constexpr (std::is_same_v<T, reporter::TestRetryStarted>) {
                return "TestRetryStarted";
            } else if constexpr (std::is_same_v<T, reporter::TestFinished>) {
                return "TestFinished";
            } else if constexpr (std::is_same_v<T, reporter::TestSkipped>) {
                return "TestSkipped";
            } else if constexpr (std::is_same_v<T, reporter::RunCancelling>) {
                return "RunCancelling";
            } else if constexpr (std::is_same_v<T, reporter::RunPaused>) {
                return "RunPaused";
            } else if constexpr (std::is_same_v<T, reporter::RunContinued>) {
                return "RunContinued";
            } else if constexpr (std::is_same_v<T, reporter::RunFinished>) {
                return "RunFinished";
            } else if constexpr (std::is_same_v<T, reporter::StressIterationStarted>) {
                return "StressIterationStarted";
            } else if constexpr (std::is_same_v<T, reporter::StressIterationFinished>) {
                return "StressIterationFinished";
            } else if constexpr (std::is_same_v<T, reporter::ScriptStarted>) {
                return "ScriptStarted";
            } else if constexpr (std::is_same_v<T, reporter::ScriptFinished>) {
                return "ScriptFinished";
            } else if constexpr (std::is_same_v<T, reporter::ScriptHealthChecked>) {
                return "ScriptHealthChecked";
            } else if constexpr (std::is_same_v<T, reporter::BatchStarted>) {
                return "BatchStarted";
            } else if constexpr (std::is_same_v<T, reporter::BatchFinished>) {
                return "BatchFinished";
            } else if constexpr (std::is_same_v<T, reporter::RunStatus>) {
                return "RunStatus";
            } else {
                static_assert(std::is_same_v<T, reporter::StressRunFinished>);
                return "StressRunFinished";
            }
        },
        event);
}

/// The kinds of `events`, in order.
inline std::vector<std::string> kinds(const std::vector<reporter::Event>& events) {
    std::vector<std::string> out;
    for (const reporter::Event& event : events) {
        out.push_back(kind_of(event));
    }
    return out;
}

/// The kinds of `events` joined with spaces, for readable failure messages.
inline std::string kinds_text(const std::vector<reporter::Event>& events) {
    std::string text;
    for (const std::string& kind : kinds(events)) {
        text += text.empty() ? kind : " " + kind;
    }
    return text;
}

/// The `index`-th event of type `T` (0-based). Fails the test (throws) when there is none.
template <typename T>
const T& nth(const std::vector<reporter::Event>& events, std::size_t index = 0) {
    for (const reporter::Event& event : events) {
        if (const T* found = std::get_if<T>(&event)) {
            if (index == 0) {
                return *found;
            }
            --index;
        }
    }
    throw std::runtime_error("no such event");
}

/// The GoogleTest fixture binary `id` (built by the ptest_fixtures target) with the cases `names`.
inline TestBinary gtest_fixture(const std::string& id, const std::vector<std::string>& names) {
    TestBinary binary;
    binary.id = id;
    binary.path = std::string(PTEST_BINARY_DIR "/tests/fixtures/") + id;
    binary.kind = "gtest";
    binary.cwd = PTEST_BINARY_DIR "/tests/fixtures";
    for (const std::string& name : names) {
        TestCase test;
        test.name = name;
        binary.cases.push_back(test);
    }
    return binary;
}

/// The gtest_behaviour fixture with the cases `names`.
inline TestBinary gtest_behaviour(const std::vector<std::string>& names) {
    return gtest_fixture("gtest_behaviour", names);
}

} // namespace ptest::runner::test_support
