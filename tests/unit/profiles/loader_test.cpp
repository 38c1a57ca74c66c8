// Tests of finding the workspace root and its configuration file, and loading it.
#include "config_helpers.hpp"

#include "profiles/config.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

const fs::path k_data = fs::path(PTEST_SOURCE_DIR) / "tests" / "data" / "config";

} // namespace

TEST_SUITE("profiles::Loader") {
    TEST_CASE("the workspace root is the nearest ancestor holding a config file") {
        CHECK(find_workspace_root(k_data / "nextest-only" / ".config", std::nullopt) ==
              k_data / "nextest-only");
        CHECK(find_workspace_root(k_data / "both", std::nullopt) == k_data / "both");
    }

    TEST_CASE("an explicit workspace root wins over the search") {
        CHECK(find_workspace_root(k_data / "both", k_data / "empty") == k_data / "empty");
    }

    TEST_CASE("ptest.toml wins over nextest.toml") {
        CHECK(find_config_file(k_data / "both") == k_data / "both" / ".config" / "ptest.toml");
        CHECK(find_config_file(k_data / "nextest-only") ==
              k_data / "nextest-only" / ".config" / "nextest.toml");
        CHECK_FALSE(find_config_file(k_data / "empty").has_value());
        CHECK(load_config(k_data / "both").resolve("default").retries.count == 2);
    }

    TEST_CASE("a workspace's file is loaded with its profiles and binaries") {
        const Config config = load_config(k_data / "nextest-only");
        CHECK(config.profile_names() == std::vector<std::string>{"ci", "default"});
        CHECK(config.resolve("ci").retries.count == 1);
        CHECK(config.resolve("ci").status_level == StatusLevel::all);
        REQUIRE(config.binaries().size() == 1);
        CHECK(config.binaries()[0].kind->text == "doctest");
    }

    TEST_CASE("a workspace without a config file gets the built-in defaults") {
        const Config config = load_config(k_data / "empty");
        CHECK(config.profile_names() == std::vector<std::string>{"default"});
        CHECK(config.warnings().empty());
        CHECK(config.resolve("default").fail_fast.max_fail == 1U);
    }

    TEST_CASE("a malformed workspace file is a setup error naming the file") {
        const std::string error = error_of([] { (void)load_config(k_data / "malformed"); });
        const std::string suffix =
            "malformed/.config/nextest.toml:2:16: `profile.default.slow-timeout`: invalid "
            "duration `1.5s`: fractions are not supported; combine units instead, such as `1s "
            "500ms`\nslow-timeout = \"1.5s\"\n               ^";
        REQUIRE(error.size() >= suffix.size());
        CHECK(error.substr(error.size() - suffix.size()) == suffix);
    }
}
