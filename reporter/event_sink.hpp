// The interface every reporter implements, and the fan-out that sends each event to several.
#pragma once

#include "reporter/events.hpp"

#include <vector>

namespace ptest::reporter {

/// Consumes run events. Called on the event-loop thread only, in emission order.
class EventSink {
public:
    virtual ~EventSink() = default;
    /// Handle one event. Must not throw for ordinary output problems; a reporter that cannot
    /// write remembers the failure and reports it from its own `finish`-style call.
    virtual void report(const Event& event) = 0;
};

/// Sends each event to every registered sink, in registration order. Does not own the sinks.
class Fanout final : public EventSink {
public:
    void add(EventSink& sink) { m_sinks.push_back(&sink); }
    void report(const Event& event) override {
        for (EventSink* sink : m_sinks) {
            sink->report(event);
        }
    }

private:
    std::vector<EventSink*> m_sinks;
};

} // namespace ptest::reporter
