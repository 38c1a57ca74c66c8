// Parsing the stress options (see stress_plan.hpp).
#include "runner/cli/stress_plan.hpp"

#include "base/error.hpp"

#include "profiles/duration.hpp"

#include <charconv>

namespace ptest::cli {

StressPlan parse_stress(const std::optional<std::string>& count,
                        const std::optional<std::string>& duration) {
    StressPlan plan;
    if (count) {
        plan.active = true;
        const std::string& text = *count;
        if (text == "infinite") {
            plan.limits.count.reset();
            return plan;
        }
        std::uint64_t value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
            throw Error(ExitCode::usage, "invalid --stress-count value `" + text +
                                             "` (expected a positive integer or `infinite`)");
        }
        plan.limits.count = value;
    }
    if (duration) {
        plan.active = true;
        plan.limits.count.reset();
        plan.limits.duration = profiles::parse_duration(*duration);
        if (plan.limits.duration->count() <= 0) {
            throw Error(ExitCode::usage, "invalid --stress-duration value `" + *duration +
                                             "` (expected more than 0s)");
        }
    }
    return plan;
}

} // namespace ptest::cli
