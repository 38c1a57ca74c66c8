// Parsing and printing of humantime durations (see duration.hpp).
#include "profiles/duration.hpp"

#include "base/error.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace ptest::profiles {

namespace {

struct Unit {
    std::string_view name;
    std::uint64_t nanoseconds;
};

constexpr std::uint64_t k_ns_per_second = 1'000'000'000ULL;

constexpr std::array k_units{
    Unit{"nanoseconds", 1},
    Unit{"nanosecond", 1},
    Unit{"nsec", 1},
    Unit{"ns", 1},
    Unit{"microseconds", 1'000},
    Unit{"microsecond", 1'000},
    Unit{"usec", 1'000},
    Unit{"us", 1'000},
    Unit{"\u00b5s", 1'000},
    Unit{"milliseconds", 1'000'000},
    Unit{"millisecond", 1'000'000},
    Unit{"msec", 1'000'000},
    Unit{"ms", 1'000'000},
    Unit{"seconds", k_ns_per_second},
    Unit{"second", k_ns_per_second},
    Unit{"secs", k_ns_per_second},
    Unit{"sec", k_ns_per_second},
    Unit{"s", k_ns_per_second},
    Unit{"minutes", 60 * k_ns_per_second},
    Unit{"minute", 60 * k_ns_per_second},
    Unit{"mins", 60 * k_ns_per_second},
    Unit{"min", 60 * k_ns_per_second},
    Unit{"m", 60 * k_ns_per_second},
    Unit{"hours", 3'600 * k_ns_per_second},
    Unit{"hour", 3'600 * k_ns_per_second},
    Unit{"hrs", 3'600 * k_ns_per_second},
    Unit{"hr", 3'600 * k_ns_per_second},
    Unit{"h", 3'600 * k_ns_per_second},
    Unit{"days", 86'400 * k_ns_per_second},
    Unit{"day", 86'400 * k_ns_per_second},
    Unit{"d", 86'400 * k_ns_per_second},
    Unit{"weeks", 604'800 * k_ns_per_second},
    Unit{"week", 604'800 * k_ns_per_second},
    Unit{"w", 604'800 * k_ns_per_second},
    Unit{"months", 2'630'016 * k_ns_per_second},
    Unit{"month", 2'630'016 * k_ns_per_second},
    Unit{"M", 2'630'016 * k_ns_per_second},
    Unit{"years", 31'557'600 * k_ns_per_second},
    Unit{"year", 31'557'600 * k_ns_per_second},
    Unit{"y", 31'557'600 * k_ns_per_second},
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_space(char c) {
    return c == ' ' || c == '\t';
}
bool is_unit_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
}

[[noreturn]] void invalid(std::string_view text, const std::string& reason) {
    throw Error(ExitCode::usage, "invalid duration `" + std::string(text) + "`: " + reason);
}

} // namespace

Duration parse_duration(std::string_view text) {
    constexpr std::uint64_t k_max =
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::size_t i = 0;
    while (i < text.size() && is_space(text[i])) {
        ++i;
    }
    if (i == text.size()) {
        invalid(text, "expected a number and a unit, such as `60s` or `1m 30s`");
    }
    std::uint64_t total = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            invalid(text, "expected a number at `" + std::string(text.substr(i)) + "`");
        }
        std::uint64_t number = 0;
        const std::size_t number_start = i;
        while (i < text.size() && is_digit(text[i])) {
            const auto digit = static_cast<std::uint64_t>(text[i] - '0');
            if (number > (k_max - digit) / 10) {
                invalid(text, "the number is too large");
            }
            number = number * 10 + digit;
            ++i;
        }
        const std::string_view digits = text.substr(number_start, i - number_start);
        if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
            invalid(text, "fractions are not supported; combine units instead, such as `1s 500ms`");
        }
        while (i < text.size() && is_space(text[i])) {
            ++i;
        }
        const std::size_t unit_start = i;
        while (i < text.size() && is_unit_char(text[i])) {
            ++i;
        }
        const std::string_view unit = text.substr(unit_start, i - unit_start);
        if (unit.empty()) {
            if (i == text.size()) {
                invalid(text, "the number " + std::string(digits) + " needs a unit, such as `" +
                                  std::string(digits) + "s` or `" + std::string(digits) + "ms`");
            }
            invalid(text, "unexpected character `" + std::string(1, text[i]) + "`");
        }
        const Unit* found = nullptr;
        for (const Unit& candidate : k_units) {
            if (candidate.name == unit) {
                found = &candidate;
                break;
            }
        }
        if (found == nullptr) {
            invalid(text, "unknown unit `" + std::string(unit) +
                              "` (valid units: ns, us, ms, s, m, h, d, w, M, y)");
        }
        if (number != 0 && found->nanoseconds > (k_max - total) / number) {
            invalid(text, "the duration is too long");
        }
        total += number * found->nanoseconds;
        while (i < text.size() && is_space(text[i])) {
            ++i;
        }
    }
    return Duration(static_cast<std::int64_t>(total));
}

std::string format_duration(Duration duration) {
    struct Part {
        const char* suffix;
        std::int64_t nanoseconds;
    };
    constexpr std::array k_parts{
        Part{"d", 86'400'000'000'000LL},
        Part{"h", 3'600'000'000'000LL},
        Part{"m", 60'000'000'000LL},
        Part{"s", 1'000'000'000LL},
        Part{"ms", 1'000'000LL},
        Part{"us", 1'000LL},
        Part{"ns", 1LL},
    };
    std::int64_t rest = duration.count();
    if (rest <= 0) {
        return "0s";
    }
    std::string out;
    for (const Part& part : k_parts) {
        const std::int64_t count = rest / part.nanoseconds;
        if (count == 0) {
            continue;
        }
        rest -= count * part.nanoseconds;
        if (!out.empty()) {
            out += ' ';
        }
        out += std::to_string(count) + part.suffix;
    }
    return out;
}

} // namespace ptest::profiles
