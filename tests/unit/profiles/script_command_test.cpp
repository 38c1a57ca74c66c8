// Tests of script command lines: POSIX shell word splitting without expansion, the string, array
// and table forms of `command`, and how `show-config` quotes them back.
#include "config_helpers.hpp"

#include "profiles/script_command.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

using Words = std::vector<std::string>;

/// The message `split_shell_words(text)` throws.
std::string split_error(std::string_view text) {
    return error_of([&] { (void)split_shell_words(text); });
}

/// The setup script `db` with `command = VALUE`, resolved.
Words command_of(std::string_view value) {
    const Profile profile =
        resolve_toml("[scripts.setup.db]\ncommand = " + std::string(value) + "\n");
    return profile.scripts.setup.at("db").command;
}

} // namespace

TEST_SUITE("profiles::script_command") {
    TEST_CASE("blanks separate words, and runs of blanks count as one") {
        CHECK(split_shell_words("pg_ctl  -D\tdata start") ==
              Words{"pg_ctl", "-D", "data", "start"});
        CHECK(split_shell_words("  ").empty());
    }

    TEST_CASE("single quotes keep every character literally, backslashes included") {
        CHECK(split_shell_words(R"(echo 'a  b' 'c\d' '')") == Words{"echo", "a  b", "c\\d", ""});
    }

    TEST_CASE(
        "double quotes keep blanks and let a backslash escape only quote, backslash, $ and `") {
        CHECK(split_shell_words(R"(sh -c "say \"hi\" \$HOME \n")") ==
              Words{"sh", "-c", "say \"hi\" $HOME \\n"});
    }

    TEST_CASE("a backslash outside quotes escapes the next character and joins continued lines") {
        CHECK(split_shell_words(R"(a\ b c\\d)") == Words{"a b", "c\\d"});
        CHECK(split_shell_words("one \\\ntwo") == Words{"one", "two"});
    }

    TEST_CASE("quoted and unquoted parts next to each other make one word") {
        CHECK(split_shell_words(R"(--name='a b'"c d"e)") == Words{"--name=a bc de"});
    }

    TEST_CASE("nothing is expanded: dollars, globs, tildes and semicolons stay as written") {
        CHECK(split_shell_words("echo $HOME *.txt ~ ;") ==
              Words{"echo", "$HOME", "*.txt", "~", ";"});
    }

    TEST_CASE("an unterminated quote or a trailing backslash is an error") {
        CHECK(split_error("echo 'a") == "unterminated single quote in the command");
        CHECK(split_error("echo \"a") == "unterminated double quote in the command");
        CHECK(split_error("echo \\") == "the command ends with a lone backslash");
    }

    TEST_CASE("a command is a string split into words, an array of words, or nextest's table") {
        CHECK(command_of(R"('scripts/start-db --port 5432')") ==
              Words{"scripts/start-db", "--port", "5432"});
        CHECK(command_of(R"(["sh", "-c", "echo 'hi there'"])") ==
              Words{"sh", "-c", "echo 'hi there'"});
        CHECK(command_of(R"({ command-line = "start.sh -v", relative-to = "workspace-root" })") ==
              Words{"start.sh", "-v"});
        CHECK(command_of(R"({ command-line = ["start.sh"], relative-to = "none" })") ==
              Words{"start.sh"});
    }

    TEST_CASE("a bad string command is an error at the value") {
        CHECK(parse_error("[scripts.setup.db]\ncommand = \"start 'db\"\n") ==
              "test.toml:2:11: `scripts.setup.db.command`: unterminated single quote in the "
              "command\n"
              "command = \"start 'db\"\n"
              "          ^");
    }

    TEST_CASE("an empty command is an error in every form") {
        const std::string expected_tail = "`scripts.setup.db.command`: the command is empty: name "
                                          "a program to run";
        CHECK(parse_error("[scripts.setup.db]\ncommand = \"  \"\n") ==
              "test.toml:2:11: " + expected_tail + "\ncommand = \"  \"\n          ^");
        CHECK(parse_error("[scripts.setup.db]\ncommand = []\n") ==
              "test.toml:2:11: " + expected_tail + "\ncommand = []\n          ^");
        CHECK(parse_error("[scripts.setup.db]\ncommand = ['']\n") ==
              "test.toml:2:11: " + expected_tail + "\ncommand = ['']\n          ^");
    }

    TEST_CASE("a command of the wrong type, or with a word that is not a string, is an error") {
        CHECK(parse_error("[scripts.setup.db]\ncommand = 3\n") ==
              "test.toml:2:11: `scripts.setup.db.command`: expected a string, an array of strings "
              "or a table, found an integer\n"
              "command = 3\n"
              "          ^");
        CHECK(parse_error("[scripts.setup.db]\ncommand = ['a', 1]\n") ==
              "test.toml:2:17: `scripts.setup.db.command[1]`: expected a string, found an "
              "integer\n"
              "command = ['a', 1]\n"
              "                ^");
    }

    TEST_CASE("nextest's table form needs command-line and refuses a target-relative program") {
        CHECK(parse_error("[scripts.setup.db]\ncommand = { relative-to = 'none' }\n") ==
              "test.toml:2:11: `scripts.setup.db.command`: missing required key `command-line`\n"
              "command = { relative-to = 'none' }\n"
              "          ^");
        CHECK(
            parse_error(
                "[scripts.setup.db]\ncommand = { command-line = 'a', relative-to = 'target' }\n") ==
            "test.toml:2:47: `scripts.setup.db.command.relative-to`: `target` is not supported: "
            "ptest has no target directory; write the program's path relative to the workspace "
            "root\n"
            "command = { command-line = 'a', relative-to = 'target' }\n"
            "                                              ^");
    }

    TEST_CASE("show-config writes a command back as a TOML array that reads the same words") {
        CHECK(format_command({"sh", "-c", "echo \"a\\b\"\n"}) ==
              R"(["sh", "-c", "echo \"a\\b\"\n"])");
        CHECK(toml_quote(std::string("bell\x07", 5)) == R"("bell\u0007")");
    }
}
