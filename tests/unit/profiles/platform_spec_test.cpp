// Tests of the `platform` setting: `cfg(...)` expressions and target triples evaluated for a
// given host, malformed expressions reported at the offending character, and overrides and
// script rules kept or dropped by whether their platform is the host.
#include "config_helpers.hpp"

#include "profiles/config.hpp"
#include "profiles/platform_spec.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

HostPlatform linux_host() {
    HostPlatform host;
    host.triple = "x86_64-unknown-linux-gnu";
    host.arch = "x86_64";
    host.os = "linux";
    host.family = "unix";
    host.env = "gnu";
    host.vendor = "unknown";
    host.pointer_width = "64";
    host.endian = "little";
    return host;
}

HostPlatform windows_host() {
    HostPlatform host = linux_host();
    host.triple = "x86_64-pc-windows-msvc";
    host.os = "windows";
    host.family = "windows";
    host.env = "msvc";
    host.vendor = "pc";
    return host;
}

bool on_linux(const std::string& text) {
    const PlatformResult result = evaluate_platform(text, linux_host());
    REQUIRE_MESSAGE(result.error.empty(), result.error);
    return result.matches;
}

bool on_windows(const std::string& text) {
    const PlatformResult result = evaluate_platform(text, windows_host());
    REQUIRE_MESSAGE(result.error.empty(), result.error);
    return result.matches;
}

/// The error of `text` as `<offset>: <message>`.
std::string problem(const std::string& text) {
    const PlatformResult result = evaluate_platform(text, linux_host());
    return std::to_string(result.error_offset) + ": " + result.error;
}

} // namespace

TEST_SUITE("profiles::platform") {

    TEST_CASE("the family names unix and windows match the host's family") {
        CHECK(on_linux("cfg(unix)"));
        CHECK_FALSE(on_linux("cfg(windows)"));
        CHECK(on_windows("cfg(windows)"));
        CHECK_FALSE(on_windows("cfg(unix)"));
    }

    TEST_CASE("key-value predicates compare with the host's value") {
        CHECK(on_linux(R"(cfg(target_os = "linux"))"));
        CHECK_FALSE(on_linux(R"(cfg(target_os = "macos"))"));
        CHECK(on_linux(R"(cfg(target_family = "unix"))"));
        CHECK(on_linux(R"(cfg(target_arch = "x86_64"))"));
        CHECK_FALSE(on_linux(R"(cfg(target_arch = "aarch64"))"));
        CHECK(on_linux(R"(cfg(target_pointer_width = "64"))"));
        CHECK(on_linux(R"(cfg(target_env="gnu"))"));
        CHECK(on_windows(R"(cfg(target_os = "windows"))"));
    }

    TEST_CASE("not, all and any combine predicates, nested") {
        CHECK(on_linux("cfg(not(windows))"));
        CHECK_FALSE(on_windows("cfg(not(windows))"));
        CHECK(on_linux(R"(cfg(all(unix, target_os = "linux", target_arch = "x86_64")))"));
        CHECK_FALSE(on_linux(R"(cfg(all(unix, target_os = "macos")))"));
        CHECK(on_linux(R"(cfg(any(windows, target_os = "linux")))"));
        CHECK_FALSE(on_linux(R"(cfg(any(windows, target_os = "macos")))"));
        CHECK(on_linux(R"(cfg(all(any(windows, unix), not(target_env = "msvc"),)))"));
        CHECK(on_linux("cfg(all())"));
        CHECK_FALSE(on_linux("cfg(any())"));
    }

    TEST_CASE("a target triple matches only when it is the host's") {
        CHECK(on_linux("x86_64-unknown-linux-gnu"));
        CHECK_FALSE(on_linux("aarch64-unknown-linux-gnu"));
        CHECK_FALSE(on_linux("x86_64-pc-windows-msvc"));
        CHECK(on_windows("x86_64-pc-windows-msvc"));
    }

    TEST_CASE("a name the host has no value for is false and reported") {
        const PlatformResult result =
            evaluate_platform(R"(cfg(any(target_od = "linux", feature = "x")))", linux_host());
        CHECK(result.error.empty());
        CHECK_FALSE(result.matches);
        CHECK(result.unknown_names == std::vector<std::string>{"target_od", "feature"});
        CHECK(evaluate_platform("cfg(not(test))", linux_host()).matches);
    }

    TEST_CASE("a malformed expression is reported at the offending character") {
        CHECK(problem("cfg(target_os = linux)") ==
              "16: expected a value in double quotes, such as \"linux\"");
        CHECK(problem("cfg(unix") == "8: expected `)`");
        CHECK(problem("cfg(unix))") == "9: unexpected text after the closing `)` of `cfg(...)`");
        CHECK(problem("cfg(not(unix, windows))") == "4: `not(...)` takes exactly one predicate");
        CHECK(problem("cfg(all(unix windows))") == "13: expected `,`");
        CHECK(problem("cfg()").starts_with("4: expected a cfg name"));
        CHECK(problem("cfg(all)") == "7: expected `(` after `all`");
        CHECK(problem("linux") ==
              "0: expected `cfg(...)` or a target triple such as `x86_64-unknown-linux-gnu`");
        CHECK(problem("x86_64 linux").starts_with("6: expected `cfg(...)`"));
    }

    TEST_CASE("the host is described with the values Rust gives it") {
        const HostPlatform& host = HostPlatform::current();
        CHECK_FALSE(host.triple.empty());
        CHECK(host.triple.starts_with(host.arch == "x86" ? "i686" : host.arch.substr(0, 5)));
        CHECK(host.triple.find(host.os == "macos" ? "darwin" : host.os) != std::string::npos);
        CHECK((host.pointer_width == "64" || host.pointer_width == "32"));
        CHECK(on_linux(R"(cfg(target_pointer_width = "64"))"));
    }
}

TEST_SUITE("profiles::platform in overrides and script rules") {

    TEST_CASE("an override applies only when its platform is the host") {
        const std::string host = HostPlatform::current().triple;
        const std::string family = HostPlatform::current().family;
        const Config config =
            Config::parse("[[profile.default.overrides]]\nplatform = 'cfg(" + family +
                              ")'\nretries = 4\n"
                              "[[profile.default.overrides]]\nplatform = "
                              "'cfg(not(" +
                              family +
                              "))'\nretries = 5\n"
                              "[[profile.default.overrides]]\nfilter = 'all()'\n"
                              "platform = { host = '" +
                              host + "', target = 'cfg(all())' }\nretries = 6\n",
                          "test.toml");
        CHECK(config.warnings().empty());
        const Profile profile = config.resolve("default");
        REQUIRE(profile.overrides.size() == 2);
        CHECK(profile.overrides[0].index == 0);
        CHECK(profile.overrides[0].retries->count == 4);
        CHECK(profile.overrides[1].index == 2);
    }

    TEST_CASE("a script rule applies only when its platform is the host") {
        const Config config = Config::parse(R"t(experimental = ["setup-scripts"]
[scripts.setup.db]
command = "true"
[[profile.default.scripts]]
platform = "no-such-vendor-triple"
setup = "db"
[[profile.default.scripts]]
platform = { host = "cfg(all())" }
setup = "db"
)t",
                                            "test.toml");
        CHECK(config.warnings().empty());
        const Profile profile = config.resolve("default");
        REQUIRE(profile.scripts.rules.size() == 1);
        CHECK(profile.scripts.rules[0].origin == "test.toml:7");
    }

    TEST_CASE("a malformed platform is an error with a caret at the bad character") {
        CHECK(parse_error("[[profile.default.overrides]]\nfilter = 'all()'\n"
                          "platform = 'cfg(target_os = linux)'\n") ==
              "test.toml:3:29: `profile.default.overrides[0].platform`: expected a value in "
              "double quotes, such as \"linux\"\n"
              "platform = 'cfg(target_os = linux)'\n"
              "                            ^");
        CHECK(parse_error("[[profile.default.overrides]]\nplatform = 3\n")
                  .starts_with("test.toml:2:12: `profile.default.overrides[0].platform`: expected "
                               "a `cfg(...)` string"));
    }

    TEST_CASE("an unknown cfg name and an unknown platform key warn with a suggestion") {
        const Config config = Config::parse("[[profile.default.overrides]]\nfilter = 'all()'\n"
                                            "platform = { hots = 'cfg(unix)', target = "
                                            "'cfg(target_od = \"linux\")' }\nretries = 1\n",
                                            "test.toml");
        REQUIRE(config.warnings().size() == 2);
        CHECK(config.warnings()[0] ==
              "test.toml:3:14: warning: ignoring unknown configuration key "
              "`profile.default.overrides[0].platform.hots`; did you mean `host`?");
        CHECK(config.warnings()[1] ==
              "test.toml:3:43: warning: `profile.default.overrides[0].platform.target`: ptest has "
              "no value for `target_od` on this host, so it is false; did you mean `target_os`?");
        CHECK(config.resolve("default").overrides.empty());
    }
}
