// Per-test overrides and test groups end to end: an override's `retries` applies to the one test
// its filter matches and not to its neighbour; a test group with `max-threads = 1` never runs two
// of its tests at once even with free workers (checked against the JUnit start times, and against
// a control run without the group, where they do overlap); `show-config test-groups` lists the
// group's tests; a bad override is a config error at its position.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

const std::string k_junit = "\n[profile.default.junit]\npath = \"junit.xml\"\n";

/// Seconds since the epoch of a JUnit timestamp `2024-01-02T03:04:05.678+00:00`.
double parse_timestamp(const std::string& text) {
    std::tm tm{};
    int millis = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &millis) != 7) {
        return -1;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<double>(timegm(&tm)) + millis / 1000.0;
}

/// Run the three 1.5 s fixture cases with three workers under `config`; return each test case's
/// [start, end] from the JUnit report, sorted by start.
std::vector<std::pair<double, double>> run_slow_tests(const std::string& config) {
    TempDir dir;
    write_file(dir / ".config/ptest.toml", config + k_junit);
    Result result = run_ptest({"run", "--binary", fixture("gtest_behaviour").string(), "--binary",
                               fixture("catch2_behaviour").string(), "--binary",
                               fixture("doctest_behaviour").string(), "-j", "3", "--color", "never",
                               "-E", "test(/^[Ss]low/)"},
                              in_dir(dir));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "3 tests run: 3 passed"));
    pugi::xml_document doc;
    REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
    std::vector<std::pair<double, double>> spans;
    for (const pugi::xpath_node& node : doc.select_nodes("//testcase")) {
        const double start = parse_timestamp(node.node().attribute("timestamp").as_string());
        const double time = node.node().attribute("time").as_double();
        REQUIRE(start > 0);
        spans.emplace_back(start, start + time);
    }
    std::sort(spans.begin(), spans.end());
    CHECK(spans.size() == 3);
    return spans;
}

} // namespace

TEST_SUITE("integration::select::overrides") {

    TEST_CASE("an override's retries apply to the test it matches and not to the others") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[profile.default.overrides]]\n"
                                               "filter = 'test(=Flaky.PassesOnSecondAttempt)'\n"
                                               "retries = 1\n" +
                                                   k_junit);
        Result result = run_ptest({"run", "--binary", fixture("gtest_behaviour").string(),
                                   "--no-fail-fast", "--color", "never", "-E", "test(Flaky)"},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        // PassesEveryThirdAttempt gets no retry, so it fails; the other passes on its retry.
        CHECK(result.exit_code == 100);
        CHECK(contains(result.err, "TRY 2 PASS ["));
        CHECK(contains(result.err, "2 tests run: 1 passed (1 flaky), 1 failed"));
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        CHECK(doc.select_nodes("//testcase[@name='Flaky.PassesOnSecondAttempt']/flakyFailure")
                  .size() == 1);
        CHECK(
            doc.select_nodes("//testcase[@name='Flaky.PassesEveryThirdAttempt']/failure").size() ==
            1);
        CHECK(doc.select_nodes("//testcase[@name='Flaky.PassesEveryThirdAttempt']/rerunFailure")
                  .size() == 0);
    }

    TEST_CASE("a group with max-threads = 1 never runs two of its tests at once") {
        const std::string groups = "[test-groups]\nserial = { max-threads = 1 }\n";
        // Control: without the override the three run side by side on the three workers.
        const auto free = run_slow_tests(groups);
        REQUIRE(free.size() == 3);
        CHECK(free[1].first < free[0].second);
        // With it, each starts after the previous one ended.
        const auto serial = run_slow_tests(groups + "[[profile.default.overrides]]\n"
                                                    "filter = 'test(/^[Ss]low/)'\n"
                                                    "test-group = 'serial'\n");
        REQUIRE(serial.size() == 3);
        for (std::size_t i = 1; i < serial.size(); ++i) {
            CAPTURE(i);
            // Timestamps are whole milliseconds.
            CHECK(serial[i].first >= serial[i - 1].second - 0.002);
        }
    }

    TEST_CASE("show-config test-groups lists each group's tests by override and binary") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[test-groups]\n"
                                               "serial = { max-threads = 1 }\n"
                                               "spare = { max-threads = 2 }\n"
                                               "[[profile.default.overrides]]\n"
                                               "filter = 'test(/^[Ss]low/)'\n"
                                               "test-group = 'serial'\n");
        Result result = run_ptest({"show-config", "test-groups", "--binary",
                                   fixture("gtest_behaviour").string(), "--binary",
                                   fixture("catch2_behaviour").string()},
                                  in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out == "group: serial (max threads = 1)\n"
                            "  * override for profile `default` with filter 'test(/^[Ss]low/)' "
                            "(.config/ptest.toml:4):\n"
                            "      gtest_behaviour:\n"
                            "          Slow.OneAndAHalfSeconds\n"
                            "      catch2_behaviour:\n"
                            "          slow one and a half seconds\n"
                            "group: spare (max threads = 2)\n"
                            "  (no tests)\n");
    }

    TEST_CASE("an override naming an undeclared group is a config error at the value") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[profile.default.overrides]]\n"
                                               "filter = 'all()'\n"
                                               "test-group = 'serial'\n");
        Result result =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        CHECK(result.exit_code == 96);
        CHECK(result.err == "ptest: error: .config/ptest.toml:3:14: "
                            "`profile.default.overrides[0].test-group`: unknown test group "
                            "`serial` (known groups: @global); declare it under [test-groups]\n"
                            "test-group = 'serial'\n"
                            "             ^\n");
    }
}
