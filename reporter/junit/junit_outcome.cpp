// Wording of failed attempts and number formats for the JUnit report (contract §2 and §3).
#include "junit_outcome.hpp"

#include "base/signal_names.hpp"
#include "base/text_sanitizer.hpp"

#include <array>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <utility>

namespace ptest::reporter {
namespace {

constexpr std::string_view k_leak_suffix = " (leaked handles)";
constexpr std::string_view k_leak_fail_type =
    "test exited with code 0, but leaked handles so was marked failed";

[[nodiscard]] std::string exit_code_type(const AttemptResult& attempt) {
    if (attempt.exit_code) {
        return "test failure with exit code " + std::to_string(*attempt.exit_code);
    }
    return "test failure";
}

[[nodiscard]] std::string abort_message(const AttemptResult& attempt) {
    if (!attempt.signal) {
        return "test aborted";
    }
    std::string message = "test aborted by signal " + std::to_string(*attempt.signal);
    const std::string name = base::signal_name(*attempt.signal);
    if (name.starts_with("SIG")) {
        message += " (" + name + ")";
    }
    return message;
}

[[nodiscard]] std::string fail_message(const AttemptResult& attempt) {
    if (!attempt.reason.empty()) {
        return "test failed: " + attempt.reason;
    }
    if (attempt.exit_code) {
        return "test failed with exit code " + std::to_string(*attempt.exit_code);
    }
    return "test failed";
}

[[nodiscard]] std::string timeout_message(const AttemptResult& attempt,
                                          const OutcomeContext& context) {
    std::string message =
        "test timeout after " + format_seconds(context.timeout.value_or(attempt.duration)) + "s";
    if (attempt.signal) {
        message += " (terminated with " + base::signal_name(*attempt.signal) + ")";
    }
    return message;
}

[[nodiscard]] std::string cancel_message(const AttemptResult& attempt,
                                         const OutcomeContext& context) {
    std::string_view cause = !attempt.reason.empty() ? attempt.reason : context.cancel_cause;
    // The runner may already phrase its reason as "cancelled by SIGTERM": say it only once.
    constexpr std::string_view k_prefix = "cancelled by ";
    if (cause.starts_with(k_prefix)) {
        cause.remove_prefix(k_prefix.size());
    }
    std::string message = "cancelled";
    if (!cause.empty()) {
        message += " by ";
        message += cause;
    }
    return message + " after " + format_seconds(attempt.duration) + "s";
}

} // namespace

AttemptVerdict describe_failed_attempt(const AttemptResult& attempt, const TestId& test,
                                       const OutcomeContext& context) {
    AttemptVerdict verdict;
    std::string fallback;
    bool prefer_framework = false;
    switch (attempt.status) {
    case AttemptStatus::pass:
    case AttemptStatus::skip:
        // Only a leak with result "fail" makes a passing attempt non-successful.
        verdict.kind = NonSuccessKind::error;
        verdict.type = k_leak_fail_type;
        fallback = verdict.type;
        break;
    case AttemptStatus::fail:
        verdict.type = exit_code_type(attempt);
        fallback = fail_message(attempt);
        prefer_framework = true;
        break;
    case AttemptStatus::abort:
        verdict.type = "test abort";
        fallback = abort_message(attempt);
        break;
    case AttemptStatus::timeout:
        verdict.type = "test timeout";
        fallback = timeout_message(attempt, context);
        break;
    case AttemptStatus::exec_fail:
        verdict.kind = NonSuccessKind::error;
        verdict.type = "execution failure";
        fallback = "failed to start " + test.binary_id + ": " +
                   (attempt.reason.empty() ? std::string("unknown error") : attempt.reason);
        verdict.description = fallback;
        break;
    case AttemptStatus::cancelled:
        verdict.kind = NonSuccessKind::error;
        verdict.type = "test cancelled";
        fallback = cancel_message(attempt, context);
        break;
    }
    if (verdict.kind == NonSuccessKind::failure && attempt.leak != LeakStatus::none) {
        verdict.type += k_leak_suffix;
    }
    std::string message =
        prefer_framework ? base::one_line(attempt.failure_message) : std::string();
    verdict.message = message.empty() ? base::one_line(fallback) : std::move(message);
    if (verdict.description.empty()) {
        verdict.description = attempt.failure_description;
    }
    return verdict;
}

std::string format_seconds(Duration duration) {
    const long long nanos = duration.count() < 0 ? 0 : static_cast<long long>(duration.count());
    const long long millis = (nanos + 500'000) / 1'000'000;
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%lld.%03lld", millis / 1000, millis % 1000);
    return buffer.data();
}

std::string format_timestamp(WallClock::time_point time) {
    const auto millis_total =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    long long seconds = millis_total / 1000;
    long long millis = millis_total % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    const std::time_t as_time_t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&as_time_t, &utc);
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03lld+00:00",
                  utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                  utc.tm_sec, millis);
    return buffer.data();
}

} // namespace ptest::reporter
