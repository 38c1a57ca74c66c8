// The words of a JUnit report: how one failed attempt is classified (`failure` or `error`), its
// `type` string (nextest's wording), its one-line `message` with the contract's fallbacks when the
// framework gave none, and the number formats (RFC 3339 timestamps, seconds with three decimals).
// Pure functions, so every wording is unit-tested without building a document.
#pragma once

#include "reporter/events.hpp"

#include <optional>
#include <string>

namespace ptest::reporter {

/// Which element a non-successful attempt becomes.
enum class NonSuccessKind { failure, error };

/// What the report needs to know about the run to word an attempt.
struct OutcomeContext {
    /// slow-timeout period × terminate-after, when the profile terminates slow tests.
    std::optional<Duration> timeout;
    /// Who cancelled the run ("SIGTERM", "fail-fast"), for attempts that carry no reason.
    std::string cancel_cause;
};

/// A failed attempt in JUnit words. `message` is already one line (sanitised, at most 512 bytes);
/// `description` is raw text still to be sanitised and bounded.
struct AttemptVerdict {
    NonSuccessKind kind = NonSuccessKind::failure;
    std::string type;
    std::string message;
    std::string description;
};

/// Classifies a non-successful attempt (`!attempt.is_success()`) of `test`.
[[nodiscard]] AttemptVerdict describe_failed_attempt(const AttemptResult& attempt,
                                                     const TestId& test,
                                                     const OutcomeContext& context);

/// Seconds with exactly three decimals and `.` as separator (`0.004`), rounded to the nearest
/// millisecond; negative durations are written as `0.000`. Locale-independent.
[[nodiscard]] std::string format_seconds(Duration duration);

/// RFC 3339 in UTC with milliseconds and a numeric offset: `2025-01-09T07:50:12.664+00:00`.
[[nodiscard]] std::string format_timestamp(WallClock::time_point time);

} // namespace ptest::reporter
