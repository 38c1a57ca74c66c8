// The interface every reporter implements, and the fan-out that sends each event to several.
// A sink consumes events while the run goes on and is finished once at the end, when it
// publishes what it writes at the end (the JUnit file) and says what went wrong with its output.
#pragma once

#include "base/error.hpp"

#include "reporter/events.hpp"

#include <string>
#include <vector>

namespace ptest::reporter {

/// What sinks say when they are finished: lines for the user, and the failures of their output.
struct FinishResult {
    std::vector<std::string> warnings; ///< One line each, without the `ptest: warning: ` prefix.
    /// Output that could not be written, each with its exit code (`write_output_error`).
    std::vector<Error> errors;

    /// Append `other`'s warnings and errors after this one's.
    void append(FinishResult other) {
        for (std::string& warning : other.warnings) {
            warnings.push_back(std::move(warning));
        }
        for (Error& error : other.errors) {
            errors.push_back(std::move(error));
        }
    }
};

/// Consumes run events. Called on the event-loop thread only, in emission order.
class EventSink {
public:
    virtual ~EventSink() = default;
    /// Handle one event. Must not throw for ordinary output problems; a reporter that cannot
    /// write remembers the failure and reports it from its own `finish`-style call.
    virtual void report(const Event& event) = 0;
    /// Called once, after the last event: publish what the sink writes at the end and report
    /// what failed. Never throws for output problems. The default has nothing to do.
    virtual FinishResult finish() { return {}; }
};

/// Sends each event to every registered sink, in registration order, and finishes them in that
/// order. Does not own the sinks.
class Fanout final : public EventSink {
public:
    void add(EventSink& sink) { m_sinks.push_back(&sink); }
    void report(const Event& event) override {
        for (EventSink* sink : m_sinks) {
            sink->report(event);
        }
    }
    /// Every sink's `finish`, in registration order, their results one after the other.
    FinishResult finish() override {
        FinishResult result;
        for (EventSink* sink : m_sinks) {
            result.append(sink->finish());
        }
        return result;
    }

private:
    std::vector<EventSink*> m_sinks;
};

} // namespace ptest::reporter
