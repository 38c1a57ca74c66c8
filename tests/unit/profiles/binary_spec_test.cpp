// Tests of the `[[binary]]` tables.
#include "config_helpers.hpp"

#include "profiles/binary_spec.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

TEST_SUITE("profiles::BinarySpec") {
    TEST_CASE("binaries are read in file order with every key") {
        const Config config = Config::parse(R"([[binary]]
path = "build/tests/unit"
id = "unit"
kind = "gtest"
cwd = "tests"
env = { LANG = "C", FOO = "bar" }
args = ["--gtest_brief=1", "-v"]

[[binary]]
path = "build/tests/*_catch"
)",
                                            "test.toml");
        REQUIRE(config.binaries().size() == 2);
        const BinarySpec& first = config.binaries()[0];
        CHECK(first.path == "build/tests/unit");
        CHECK(first.id == "unit");
        CHECK(first.kind == FrameworkKind::gtest);
        CHECK(first.cwd == "tests");
        CHECK(first.env == std::map<std::string, std::string>{{"FOO", "bar"}, {"LANG", "C"}});
        CHECK(first.args == std::vector<std::string>{"--gtest_brief=1", "-v"});
        CHECK(first.where.file == "test.toml");
        CHECK(first.where.line == 1);
        const BinarySpec& second = config.binaries()[1];
        CHECK(second.path == "build/tests/*_catch");
        CHECK_FALSE(second.id.has_value());
        CHECK(second.kind == FrameworkKind::auto_detect);
        CHECK(second.where.line == 9);
        CHECK(config.warnings().empty());
    }

    TEST_CASE("every kind spelling is accepted") {
        for (const auto& entry : k_framework_kinds) {
            CAPTURE(entry.name);
            const Config config = Config::parse("[[binary]]\npath = \"t\"\nkind = \"" +
                                                    std::string(entry.name) + "\"\n",
                                                "test.toml");
            CHECK(config.binaries().at(0).kind == entry.value);
        }
    }

    TEST_CASE("bad binary tables are errors") {
        CHECK(parse_error("[[binary]]\nid = \"x\"\n") ==
              "test.toml:1:1: `binary[0]`: missing required key `path`\n[[binary]]\n^");
        CHECK(parse_error("[[binary]]\npath = \"t\"\nkind = \"boost\"\n") ==
              "test.toml:3:8: `binary[0].kind`: unknown binary kind `boost` (valid values: auto, "
              "gtest, catch2, doctest, command)\nkind = \"boost\"\n       ^");
        CHECK(parse_error("[[binary]]\npath = \"t\"\nargs = \"-v\"\n") ==
              "test.toml:3:8: `binary[0].args`: expected an array of strings, found a string\n"
              "args = \"-v\"\n       ^");
        CHECK(parse_error("[[binary]]\npath = \"t\"\nargs = [\"-v\", 2]\n") ==
              "test.toml:3:15: `binary[0].args[1]`: expected a string, found an integer\n"
              "args = [\"-v\", 2]\n              ^");
        CHECK(parse_error("[[binary]]\npath = \"a\"\nid = \"x\"\n[[binary]]\npath = \"b\"\n"
                          "id = \"x\"\n") ==
              "test.toml:6:6: `binary[1].id`: duplicate binary id `x`: used by `a` (binary[0]) "
              "and `b` (binary[1])\n"
              "id = \"x\"\n     ^");
        CHECK(parse_error("binary = 3\n") ==
              "test.toml:1:10: `binary`: expected an array of tables (`[[binary]]`), found an "
              "integer\nbinary = 3\n         ^");
    }

    TEST_CASE("an unknown key in a binary table is a warning") {
        const Config config =
            Config::parse("[[binary]]\npath = \"t\"\nfilter = \"x\"\n", "test.toml");
        REQUIRE(config.warnings().size() == 1);
        CHECK(config.warnings()[0] ==
              "test.toml:3:1: warning: ignoring unknown configuration key `binary[0].filter`");
    }

    TEST_CASE("a command-line kind lists the valid kinds") {
        CHECK(parse_framework_kind("catch2") == FrameworkKind::catch2);
        CHECK(error_of([] { (void)parse_framework_kind("catch"); }) ==
              "unknown binary kind `catch` (valid values: auto, gtest, catch2, doctest, command)");
    }
}
