// How many times `ptest run` goes over the selected tests: once, or as a stress run
// (`--stress-count N|infinite`, `--stress-duration D`) that repeats until the count is reached,
// the time is up, an iteration fails (unless fail-fast is off) or the user interrupts it.
#pragma once

#include "reporter/events.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ptest::cli {

/// The iterations a run asks for.
struct StressPlan {
    bool active = false; ///< A stress run (its events, headers and verdicts); false: run once.
    reporter::StressLimits limits{1, std::nullopt};

    /// Whether iteration `done + 1` starts, `elapsed` after the first one started.
    [[nodiscard]] bool more(std::uint64_t done, reporter::Duration elapsed) const {
        if (limits.count && done >= *limits.count) {
            return false;
        }
        return !limits.duration || elapsed < *limits.duration;
    }
};

/// The plan of `--stress-count` (a positive integer or `infinite`) and `--stress-duration` (a
/// duration over 0s); neither gives a single run. Throws `ptest::Error` (usage) for a bad value.
StressPlan parse_stress(const std::optional<std::string>& count,
                        const std::optional<std::string>& duration);

} // namespace ptest::cli
