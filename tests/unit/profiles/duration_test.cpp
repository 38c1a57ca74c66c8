// Tests of humantime duration parsing and printing.
#include "config_helpers.hpp"

#include "profiles/duration.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using ptest::profiles::Duration;
using ptest::profiles::format_duration;
using ptest::profiles::parse_duration;
using ptest::profiles::testing::error_of;

TEST_SUITE("profiles::Duration") {
    TEST_CASE("every humantime unit and combination is accepted") {
        struct Case {
            std::string text;
            Duration expected;
        };
        const std::vector<Case> cases{
            {"500ms", 500ms},
            {"60s", 60s},
            {"1m 30s", 90s},
            {"1m30s", 90s},
            {"2h", 2h},
            {"1d", 24h},
            {"1w", 7 * 24h},
            {"0s", 0s},
            {"250us", 250us},
            {"7ns", 7ns},
            {"1sec", 1s},
            {"2 minutes", 2min},
            {"3hours 4min 5secs", 3h + 4min + 5s},
            {"10 msec", 10ms},
            {"1hr", 1h},
            {"  45s  ", 45s},
            {"1M", Duration(2'630'016'000'000'000LL)},
            {"1y", Duration(31'557'600'000'000'000LL)},
        };
        for (const Case& c : cases) {
            CAPTURE(c.text);
            CHECK(parse_duration(c.text) == c.expected);
        }
    }

    TEST_CASE("garbage is rejected with a message saying what is wrong") {
        struct Case {
            std::string text;
            std::string message;
        };
        const std::vector<Case> cases{
            {"", "invalid duration ``: expected a number and a unit, such as `60s` or `1m 30s`"},
            {"60", "invalid duration `60`: the number 60 needs a unit, such as `60s` or `60ms`"},
            {"1.5s", "invalid duration `1.5s`: fractions are not supported; combine units "
                     "instead, such as `1s 500ms`"},
            {"5x", "invalid duration `5x`: unknown unit `x` (valid units: ns, us, ms, s, m, h, d, "
                   "w, M, y)"},
            {"-5s", "invalid duration `-5s`: expected a number at `-5s`"},
            {"soon", "invalid duration `soon`: expected a number at `soon`"},
            {"5s!", "invalid duration `5s!`: expected a number at `!`"},
            {"99999999999999999999s", "invalid duration `99999999999999999999s`: the number is "
                                      "too large"},
            {"9999999999d", "invalid duration `9999999999d`: the duration is too long"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.text);
            CHECK(error_of([&] { (void)parse_duration(c.text); }) == c.message);
        }
    }

    TEST_CASE("a printed duration lists its parts and parses back") {
        CHECK(format_duration(90s) == "1m 30s");
        CHECK(format_duration(100ms) == "100ms");
        CHECK(format_duration(60s) == "1m");
        CHECK(format_duration(0s) == "0s");
        CHECK(format_duration(26h + 1ms + 5ns) == "1d 2h 1ms 5ns");
        for (const Duration d : {Duration(90s), Duration(1500ms), Duration(3h + 7us)}) {
            CHECK(parse_duration(format_duration(d)) == d);
        }
    }
}
