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
        REQUIRE(first.kind.has_value());
        CHECK(first.kind->text == "gtest");
        CHECK(first.cwd == "tests");
        CHECK(first.env == std::map<std::string, std::string>{{"FOO", "bar"}, {"LANG", "C"}});
        CHECK(first.args == std::vector<std::string>{"--gtest_brief=1", "-v"});
        CHECK(first.where.file == "test.toml");
        CHECK(first.where.line == 1);
        const BinarySpec& second = config.binaries()[1];
        CHECK(second.path == "build/tests/*_catch");
        CHECK_FALSE(second.id.has_value());
        CHECK_FALSE(second.kind.has_value());
        CHECK(second.where.line == 9);
        CHECK(config.warnings().empty());
    }

    TEST_CASE("a kind is kept as written, with its position, for the runner to check") {
        // Which names are frameworks is the runner's registry's to say (see registry_test.cpp).
        const Config config =
            Config::parse("[[binary]]\npath = \"t\"\nkind = \"cppunit\"\n", "test.toml");
        const std::optional<WrittenValue>& kind = config.binaries().at(0).kind;
        REQUIRE(kind.has_value());
        CHECK(kind->text == "cppunit");
        CHECK(kind->key == "binary[0].kind");
        CHECK(kind->where.file == "test.toml");
        CHECK(kind->where.line == 3);
        CHECK(kind->where.column == 8);
        CHECK(kind->source_line == "kind = \"cppunit\"");
        CHECK(std::string(value_error(*kind, "unknown binary kind `cppunit`").what()) ==
              "test.toml:3:8: `binary[0].kind`: unknown binary kind `cppunit`\n"
              "kind = \"cppunit\"\n       ^");
    }

    TEST_CASE("bad binary tables are errors") {
        CHECK(parse_error("[[binary]]\nid = \"x\"\n") ==
              "test.toml:1:1: `binary[0]`: missing required key `path`\n[[binary]]\n^");
        CHECK(parse_error("[[binary]]\npath = \"t\"\nkind = 3\n") ==
              "test.toml:3:8: `binary[0].kind`: expected a string, found an integer\n"
              "kind = 3\n       ^");
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
}
