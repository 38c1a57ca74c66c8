// Tests of choosing the slowest tests of a run and of what a test costs.
#include "reporter/slowest_tests.hpp"

#include <doctest/doctest.h>

using namespace ptest::reporter;

namespace {

Duration ms(int count) {
    return std::chrono::milliseconds(count);
}

TestTime timed(std::string binary, std::string name, int millis) {
    return TestTime{{std::move(binary), std::move(name)}, ms(millis), 1};
}

std::vector<std::string> names_of(const std::vector<TestTime>& times) {
    std::vector<std::string> names;
    for (const TestTime& time : times) {
        names.push_back(time.test.name);
    }
    return names;
}

} // namespace

TEST_SUITE("reporter::slowest_tests") {
    TEST_CASE("the slowest come first and only as many as asked for") {
        const std::vector<TestTime> tests{timed("b", "fast", 10), timed("b", "slowest", 900),
                                          timed("b", "middle", 300), timed("b", "slow", 600)};
        CHECK(names_of(slowest_tests(tests, 3)) ==
              std::vector<std::string>{"slowest", "slow", "middle"});
    }

    TEST_CASE("asking for more than ran gives every test, and asking for none gives none") {
        const std::vector<TestTime> tests{timed("b", "one", 10), timed("b", "two", 20)};
        CHECK(names_of(slowest_tests(tests, 10)) == std::vector<std::string>{"two", "one"});
        CHECK(slowest_tests(tests, 0).empty());
    }

    TEST_CASE("equal times are listed by binary, then name, whatever order they finished in") {
        const std::vector<TestTime> tests{timed("b2", "a", 50), timed("b1", "z", 50),
                                          timed("b1", "y", 50)};
        const std::vector<TestTime> slowest = slowest_tests(tests, 3);
        REQUIRE(slowest.size() == 3);
        CHECK(slowest[0].test == TestId{"b1", "y"});
        CHECK(slowest[1].test == TestId{"b1", "z"});
        CHECK(slowest[2].test == TestId{"b2", "a"});
    }

    TEST_CASE("a test costs the time of all its attempts") {
        TestFinished finished;
        finished.test = {"bin", "flaky"};
        finished.attempts.resize(3);
        finished.attempts[0].duration = ms(100);
        finished.attempts[1].duration = ms(250);
        finished.attempts[2].duration = ms(50);
        const TestTime time = test_time(finished);
        CHECK(time.test == finished.test);
        CHECK(time.duration == ms(400));
        CHECK(time.attempts == 3);
    }
}
