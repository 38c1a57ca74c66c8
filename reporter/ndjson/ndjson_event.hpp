// The NDJSON stream's vocabulary: what each run event becomes as JSON objects, one per line of
// `ptest run --message-format ndjson` (docs/ndjson.md, schema in docs/ndjson-schema.json). Pure
// functions of the events, so every line is unit-tested without a process; the reporter
// (ndjson_reporter.hpp) only orders and writes them.
#pragma once

#include "base/json.hpp"

#include "reporter/events.hpp"
#include "reporter/slowest_tests.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptest::reporter {

/// The stream's major format version, in `format-version` of its first line. Within one
/// version, members and event types may be added; none is removed, renamed or retyped.
inline constexpr int k_ndjson_format_version = 1;

/// The most each captured stream contributes to an event, in bytes of UTF-8: about half from
/// its start and half from its end (`head`, `tail`), the middle counted in `omitted-bytes`.
inline constexpr std::size_t k_ndjson_output_cap = std::size_t{64} * 1024U;

/// What the stream says about the run that no event carries.
struct NdjsonContext {
    std::string ptest_version; ///< `ptest --version`'s number.
    bool no_capture = false;   ///< `--no-capture`: no output is captured.
    /// `show-slowest`: how many of the slowest tests `run-finished` names (0: no `slowest`).
    std::uint32_t show_slowest = 0;
};

/// The `slowest` member of `run-finished`: each of `tests` as `{binary-id, name, duration}`.
[[nodiscard]] base::json::Value slowest_member(const std::vector<TestTime>& tests);

/// The JSON objects `event` stands for, in stream order: one for most events; a finished test is
/// its last attempt's `attempt-finished`, then `test-finished`. Never throws for odd text (names
/// and output are written as valid UTF-8 when dumped).
[[nodiscard]] std::vector<base::json::Value> ndjson_events(const Event& event,
                                                           const NdjsonContext& context);

/// `event` (a `run-finished` or `stress-run-finished` object) with the command's `exit-code`.
void set_exit_code(base::json::Value& event, int exit_code);

} // namespace ptest::reporter
