// The users' own `.config/nextest.toml` (shared/seed) must load verbatim and resolve as nextest
// would resolve it.
#include "profiles/config.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

using namespace std::chrono_literals;
using namespace ptest::profiles;

namespace {

const char* const k_seed_path = PTEST_SOURCE_DIR "/../shared/seed/nextest.toml";

Config load_seed() {
    std::ifstream in(k_seed_path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << k_seed_path);
    std::ostringstream text;
    text << in.rdbuf();
    return Config::parse(text.str(), ".config/nextest.toml");
}

} // namespace

TEST_SUITE("profiles::SeedConfig") {
    TEST_CASE("the seed file loads with exactly one warning, naming report-format and its line") {
        const Config config = load_seed();
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] == ".config/nextest.toml:17:1: warning: ignoring unknown "
                                      "configuration key `profile.ci.junit.report-format`");
        CHECK(config.profile_names() == std::vector<std::string>{"ci", "default", "local"});
    }

    TEST_CASE("the ci profile resolves its own settings and inherits leak-timeout from default") {
        const Profile ci = load_seed().resolve("ci");
        CHECK(ci.name == "ci");
        CHECK(ci.slow_timeout.period == 60s);
        CHECK(ci.slow_timeout.terminate_after == 2U);
        CHECK(ci.slow_timeout.grace_period == 10s);
        CHECK(ci.junit.path == "target/nextest/ci/junit.xml");
        CHECK(ci.status_level == StatusLevel::pass);
        CHECK(ci.final_status_level == FinalStatusLevel::slow);
        CHECK_FALSE(ci.fail_fast.max_fail.has_value());
        CHECK(ci.leak_timeout.period == 500ms);
        CHECK(ci.leak_timeout.result == LeakResult::fail);
        CHECK(ci.retries.count == 0);
        CHECK(ci.test_threads.kind == ThreadCount::Kind::num_cpus);
        CHECK(ci.sources.at("fail-fast") == ".config/nextest.toml:8");
        CHECK(ci.sources.at("leak-timeout") == ".config/nextest.toml:3");
        CHECK(ci.sources.at("junit.path") == ".config/nextest.toml:16");
        CHECK(ci.sources.at("junit.store-failure-output") == "built-in");
    }

    TEST_CASE("the local profile fails fast and shows retries") {
        const Profile local = load_seed().resolve("local");
        CHECK(local.fail_fast.max_fail == 1U);
        CHECK(local.status_level == StatusLevel::retry);
        CHECK(local.leak_timeout.result == LeakResult::fail);
        CHECK_FALSE(local.junit.path.has_value());
    }

    TEST_CASE("the default profile does not fail fast") {
        const Profile profile = load_seed().resolve("default");
        CHECK_FALSE(profile.fail_fast.max_fail.has_value());
        CHECK(profile.final_status_level == FinalStatusLevel::flaky);
    }
}
