// Tests of the unknown-key warnings every table gives: each suggests the nearest key the table
// knows when one is close, and the warnings gathered before a fatal error travel with it.
#include "config_helpers.hpp"

#include "profiles/config.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

/// The warnings of parsing `toml` as `test.toml`.
std::vector<std::string> warnings_of(const std::string& toml) {
    return Config::parse(toml, "test.toml").warnings();
}

} // namespace

TEST_SUITE("profiles::unknown keys") {

    TEST_CASE("a misspelt profile key suggests the key it is close to") {
        CHECK(warnings_of("[profile.default]\nretires = 2\n") ==
              std::vector<std::string>{"test.toml:2:1: warning: ignoring unknown configuration "
                                       "key `profile.default.retires`; did you mean `retries`?"});
        CHECK(warnings_of("[profile.ci]\ninherit = 'default'\n")[0].ends_with(
            "`profile.ci.inherit`; did you mean `inherits`?"));
        CHECK(warnings_of("[profile.ci.junit]\npaht = 'x.xml'\n")[0].ends_with(
            "`profile.ci.junit.paht`; did you mean `path`?"));
    }

    TEST_CASE("every kind of table suggests from its own keys") {
        CHECK(warnings_of(
                  "[profile.default]\nslow-timeout = { period = '1s', terminate-afer = 2 }\n")[0]
                  .ends_with("`profile.default.slow-timeout.terminate-afer`; did you mean "
                             "`terminate-after`?"));
        CHECK(warnings_of("[[binary]]\npath = 'x'\nagrs = []\n")[0].ends_with(
            "`binary[0].agrs`; did you mean `args`?"));
        CHECK(warnings_of("[[profile.default.overrides]]\nfilter = 'all()'\nretires = 1\n")[0]
                  .ends_with("`profile.default.overrides[0].retires`; did you mean `retries`?"));
        CHECK(warnings_of("[profil.default]\n")[0].ends_with("`profil`; did you mean `profile`?"));
        CHECK(warnings_of("[scripts.setpu.db]\ncommand = 'true'\n")[0].ends_with(
            "`scripts.setpu`; did you mean `setup`?"));
    }

    TEST_CASE("a key far from every known key gets no suggestion") {
        CHECK(warnings_of("[profile.default]\nbogus = 1\n") ==
              std::vector<std::string>{"test.toml:2:1: warning: ignoring unknown configuration "
                                       "key `profile.default.bogus`"});
    }

    TEST_CASE("the warnings gathered before a fatal error travel with it") {
        try {
            (void)Config::parse("[[binary]]\npaht = 'x'\n", "test.toml");
            FAIL("a binary without `path` must be an error");
        } catch (const ptest::Error& error) {
            CHECK(std::string(error.what())
                      .starts_with("test.toml:1:1: `binary[0]`: missing required key `path`"));
            CHECK(error.warnings() ==
                  std::vector<std::string>{"test.toml:2:1: warning: ignoring unknown "
                                           "configuration key `binary[0].paht`; did you mean "
                                           "`path`?"});
        }
    }
}
