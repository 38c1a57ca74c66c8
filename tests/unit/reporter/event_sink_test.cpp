// Tests of the fan-out: every event reaches every sink in order, and finishing gathers what each
// sink says, in registration order.
#include "reporter/event_sink.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::reporter;

namespace {

/// A sink that counts events and says `warning` (and fails with `error`, when set) at the end.
class ScriptedSink final : public EventSink {
public:
    ScriptedSink(std::string warning, std::string error)
        : m_warning(std::move(warning)), m_error(std::move(error)) {}

    void report(const Event&) override { ++events; }

    FinishResult finish() override {
        FinishResult result;
        result.warnings.push_back(m_warning);
        if (!m_error.empty()) {
            result.errors.emplace_back(ptest::ExitCode::write_output_error, m_error);
        }
        return result;
    }

    int events = 0;

private:
    std::string m_warning;
    std::string m_error;
};

} // namespace

TEST_SUITE("reporter::Fanout") {
    TEST_CASE("finishing a fan-out gathers every sink's warnings and errors in order") {
        ScriptedSink first("first warns", "");
        ScriptedSink second("second warns", "second failed");
        Fanout fanout;
        fanout.add(first);
        fanout.add(second);
        fanout.report(RunFinished{});
        CHECK(first.events == 1);
        CHECK(second.events == 1);
        const FinishResult finished = fanout.finish();
        CHECK(finished.warnings == std::vector<std::string>{"first warns", "second warns"});
        REQUIRE(finished.errors.size() == 1);
        CHECK(std::string(finished.errors[0].what()) == "second failed");
        CHECK(finished.errors[0].code() == ptest::ExitCode::write_output_error);
    }

    TEST_CASE("a sink with nothing to publish finishes with nothing to say") {
        class Quiet final : public EventSink {
            void report(const Event&) override {}
        } quiet;
        const FinishResult finished = quiet.finish();
        CHECK(finished.warnings.empty());
        CHECK(finished.errors.empty());
    }
}
