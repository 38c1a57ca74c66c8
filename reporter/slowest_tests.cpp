// Selecting the slowest tests (see slowest_tests.hpp).
#include "reporter/slowest_tests.hpp"

#include <algorithm>

namespace ptest::reporter {

TestTime test_time(const TestFinished& finished) {
    TestTime time{finished.test, Duration{0}, static_cast<std::uint32_t>(finished.attempts.size())};
    for (const AttemptResult& attempt : finished.attempts) {
        time.duration += attempt.duration;
    }
    return time;
}

std::vector<TestTime> slowest_tests(std::vector<TestTime> tests, std::size_t count) {
    const auto slower = [](const TestTime& a, const TestTime& b) {
        if (a.duration != b.duration) {
            return a.duration > b.duration;
        }
        return a.test < b.test;
    };
    const std::size_t kept = std::min(count, tests.size());
    std::partial_sort(tests.begin(), tests.begin() + static_cast<std::ptrdiff_t>(kept), tests.end(),
                      slower);
    tests.resize(kept);
    return tests;
}

} // namespace ptest::reporter
