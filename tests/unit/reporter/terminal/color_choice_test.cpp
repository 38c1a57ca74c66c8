// Tests of colour and smart-terminal resolution with injected terminal information.
#include "reporter/terminal/color_choice.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace ptest::reporter;

namespace {

TerminalInfo tty(std::optional<std::string> term = "xterm-256color") {
    TerminalInfo info;
    info.is_tty = true;
    info.term = std::move(term);
    return info;
}

TerminalInfo pipe() {
    TerminalInfo info;
    info.term = "xterm-256color";
    return info;
}

} // namespace

TEST_SUITE("reporter::ColorChoice") {
    TEST_CASE("the CLI spellings parse and print back") {
        CHECK(parse_color_choice("auto") == ColorChoice::auto_);
        CHECK(parse_color_choice("always") == ColorChoice::always);
        CHECK(parse_color_choice("never") == ColorChoice::never);
        CHECK_FALSE(parse_color_choice("yes").has_value());
        CHECK(to_string(ColorChoice::auto_) == "auto");
        CHECK(to_string(ColorChoice::always) == "always");
        CHECK(to_string(ColorChoice::never) == "never");
    }

    TEST_CASE("a smart terminal is a tty whose TERM is set and not dumb") {
        CHECK(is_smart_terminal(tty()));
        CHECK_FALSE(is_smart_terminal(tty("dumb")));
        CHECK_FALSE(is_smart_terminal(tty(std::nullopt)));
        CHECK_FALSE(is_smart_terminal(pipe()));
    }

    TEST_CASE("auto resolves in the documented order") {
        struct Row {
            const char* name;
            TerminalInfo info;
            bool expected;
        };
        std::vector<Row> rows;
        rows.push_back({"smart tty", tty(), true});
        rows.push_back({"pipe", pipe(), false});
        rows.push_back({"dumb tty", tty("dumb"), false});
        TerminalInfo no_color = tty();
        no_color.no_color = "1";
        rows.push_back({"NO_COLOR on a tty", no_color, false});
        TerminalInfo empty_no_color = tty();
        empty_no_color.no_color = "";
        rows.push_back({"empty NO_COLOR is ignored", empty_no_color, true});
        TerminalInfo clicolor = pipe();
        clicolor.clicolor_force = "1";
        rows.push_back({"CLICOLOR_FORCE on a pipe", clicolor, true});
        TerminalInfo clicolor_zero = pipe();
        clicolor_zero.clicolor_force = "0";
        rows.push_back({"CLICOLOR_FORCE=0 forces nothing", clicolor_zero, false});
        TerminalInfo force = pipe();
        force.force_color = "true";
        rows.push_back({"FORCE_COLOR on a pipe", force, true});
        TerminalInfo both = pipe();
        both.force_color = "1";
        both.no_color = "1";
        rows.push_back({"NO_COLOR beats FORCE_COLOR", both, false});

        for (const Row& row : rows) {
            INFO(row.name);
            CHECK(resolve_color(ColorChoice::auto_, row.info) == row.expected);
        }
    }

    TEST_CASE("always and never ignore the environment") {
        TerminalInfo no_color = tty();
        no_color.no_color = "1";
        CHECK(resolve_color(ColorChoice::always, no_color));
        CHECK(resolve_color(ColorChoice::always, pipe()));
        TerminalInfo force = tty();
        force.force_color = "1";
        CHECK_FALSE(resolve_color(ColorChoice::never, force));
    }
}
