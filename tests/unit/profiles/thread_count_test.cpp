// Tests of `test-threads`, `threads-required` and resolving thread counts against the machine.
#include "config_helpers.hpp"

#include "profiles/thread_count.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;
using Kind = ThreadCount::Kind;

TEST_SUITE("profiles::ThreadCount") {
    TEST_CASE("the built-ins are num-cpus test threads and one required thread") {
        const Profile profile = Config::defaults_only().resolve("default");
        CHECK(profile.test_threads.kind == Kind::num_cpus);
        CHECK(profile.threads_required.kind == Kind::count);
        CHECK(profile.threads_required.value == 1);
    }

    TEST_CASE("test-threads takes a positive or negative count or num-cpus") {
        CHECK(resolve_default("test-threads = 4").test_threads.value == 4);
        CHECK(resolve_default("test-threads = -2").test_threads.value == -2);
        CHECK(resolve_default("test-threads = -2").test_threads.kind == Kind::count);
        CHECK(resolve_default(R"(test-threads = "num-cpus")").test_threads.kind == Kind::num_cpus);
    }

    TEST_CASE("threads-required takes a positive count, num-cpus or num-test-threads") {
        CHECK(resolve_default("threads-required = 2").threads_required.value == 2);
        CHECK(resolve_default(R"(threads-required = "num-cpus")").threads_required.kind ==
              Kind::num_cpus);
        CHECK(resolve_default(R"(threads-required = "num-test-threads")").threads_required.kind ==
              Kind::num_test_threads);
    }

    TEST_CASE("bad thread counts are errors at the value") {
        struct Case {
            std::string line;
            std::string message;
        };
        const std::vector<Case> cases{
            {"test-threads = 0",
             "test.toml:2:16: `profile.default.test-threads`: expected a non-zero integer or "
             "\"num-cpus\", found 0\ntest-threads = 0\n               ^"},
            {R"(test-threads = "num-test-threads")",
             "test.toml:2:16: `profile.default.test-threads`: expected a non-zero integer or "
             "\"num-cpus\", found \"num-test-threads\"\ntest-threads = \"num-test-threads\"\n"
             "               ^"},
            {"test-threads = 1.5",
             "test.toml:2:16: `profile.default.test-threads`: expected a non-zero integer or "
             "\"num-cpus\", found a float\ntest-threads = 1.5\n               ^"},
            {"threads-required = -1",
             "test.toml:2:20: `profile.default.threads-required`: expected a positive integer, "
             "\"num-cpus\" or \"num-test-threads\", found -1\nthreads-required = -1\n"
             "                   ^"},
            {R"(threads-required = "all")",
             "test.toml:2:20: `profile.default.threads-required`: expected a positive integer, "
             "\"num-cpus\" or \"num-test-threads\", found \"all\"\nthreads-required = \"all\"\n"
             "                   ^"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.line);
            CHECK(default_error(c.line) == c.message);
        }
    }

    TEST_CASE("a command-line thread count is a non-zero integer or num-cpus") {
        CHECK(parse_test_threads(std::string_view("8")).value == 8);
        CHECK(parse_test_threads(std::string_view("-1")).value == -1);
        CHECK(parse_test_threads(std::string_view("num-cpus")).kind == Kind::num_cpus);
        CHECK(error_of([] { (void)parse_test_threads(std::string_view("0")); }) ==
              "invalid test-threads `0`: expected a non-zero integer or `num-cpus`");
        CHECK(error_of([] { (void)parse_test_threads(std::string_view("many")); }) ==
              "invalid test-threads `many`: expected a non-zero integer or `num-cpus`");
    }

    TEST_CASE("resolving a count against the machine never gives less than one") {
        CHECK(resolve_thread_count(ThreadCount{Kind::count, 3}, 8) == 3);
        CHECK(resolve_thread_count(ThreadCount{Kind::count, -2}, 8) == 6);
        CHECK(resolve_thread_count(ThreadCount{Kind::count, -10}, 8) == 1);
        CHECK(resolve_thread_count(ThreadCount{Kind::num_cpus, 0}, 8) == 8);
        CHECK(resolve_thread_count(ThreadCount{Kind::num_test_threads, 0}, 8, 5) == 5);
        CHECK(resolve_thread_count(ThreadCount{Kind::num_cpus, 0}, 0) == 1);
    }

    TEST_CASE("thread counts print as TOML") {
        CHECK(format_thread_count(ThreadCount{Kind::count, -1}) == "-1");
        CHECK(format_thread_count(ThreadCount{Kind::num_cpus, 0}) == "\"num-cpus\"");
        CHECK(format_thread_count(ThreadCount{Kind::num_test_threads, 0}) ==
              "\"num-test-threads\"");
    }
}
