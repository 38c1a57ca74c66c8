// Tests of `nextest-version`: accepted up to ptest's compatibility version, a newer required
// version refused at the value, a newer recommended one warned about.
#include "config_helpers.hpp"

#include "profiles/config.hpp"
#include "profiles/nextest_version.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::nextest_version") {

    TEST_CASE("versions are read as MAJOR.MINOR.PATCH and compared field by field") {
        CHECK(parse_version("0.9.50") == Version{0, 9, 50});
        CHECK(parse_version("1.0.0") == Version{1, 0, 0});
        CHECK_FALSE(parse_version("0.9"));
        CHECK_FALSE(parse_version("0.9.x"));
        CHECK_FALSE(parse_version("0..1"));
        CHECK_FALSE(parse_version(""));
        CHECK(*parse_version("0.9.100") > *parse_version("0.9.99"));
        REQUIRE(parse_version(k_nextest_compat_version));
    }

    TEST_CASE("a version at or below the compatibility version is accepted silently") {
        CHECK(Config::parse("nextest-version = \"0.9.50\"\n", "test.toml").warnings().empty());
        CHECK(Config::parse("nextest-version = { required = \"0.9.50\", recommended = \"" +
                                std::string(k_nextest_compat_version) + "\" }\n",
                            "test.toml")
                  .warnings()
                  .empty());
    }

    TEST_CASE("a required version above the compatibility version is an error at the value") {
        const std::string compat(k_nextest_compat_version);
        CHECK(parse_error("nextest-version = \"99.0.0\"\n") ==
              "test.toml:1:19: `nextest-version`: this configuration requires nextest 99.0.0, but "
              "ptest reads configuration as nextest " +
                  compat + " does (its compatibility version); keys added after " + compat +
                  " would be ignored, so ptest stops here\n"
                  "nextest-version = \"99.0.0\"\n"
                  "                  ^");
        CHECK(parse_error("nextest-version = { required = \"99.0.0\" }\n")
                  .starts_with("test.toml:1:32: `nextest-version.required`: this configuration "
                               "requires nextest 99.0.0"));
    }

    TEST_CASE("a recommended version above the compatibility version is a warning") {
        const Config config =
            Config::parse("nextest-version = { recommended = \"99.0.0\" }\n", "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] ==
              "test.toml:1:35: warning: `nextest-version.recommended`: nextest 99.0.0 is "
              "recommended, but ptest reads configuration as nextest " +
                  std::string(k_nextest_compat_version) +
                  " does (its compatibility version); newer keys are ignored with a warning");
    }

    TEST_CASE("a malformed version or value is an error, an unknown key a warning") {
        CHECK(parse_error("nextest-version = \"latest\"\n") ==
              "test.toml:1:19: `nextest-version`: expected a version such as \"0.9.50\" "
              "(MAJOR.MINOR.PATCH), found \"latest\"\nnextest-version = \"latest\"\n"
              "                  ^");
        CHECK(parse_error("nextest-version = 9\n")
                  .starts_with("test.toml:1:19: `nextest-version`: expected a version string"));
        const Config config =
            Config::parse("nextest-version = { requried = \"0.9.1\" }\n", "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] == "test.toml:1:21: warning: ignoring unknown configuration key "
                                      "`nextest-version.requried`; did you mean `required`?");
    }
}
