// Tests of `--show-progress`: its spellings and what each choice shows on a terminal and off one.
#include "reporter/terminal/progress_mode.hpp"

#include <doctest/doctest.h>

using namespace ptest::reporter;

TEST_SUITE("reporter::ShowProgress") {
    TEST_CASE("every choice parses from its command-line spelling and prints back to it") {
        for (const ShowProgress choice :
             {ShowProgress::auto_, ShowProgress::none, ShowProgress::bar, ShowProgress::counter,
              ShowProgress::only}) {
            CHECK(parse_show_progress(to_string(choice)) == choice);
        }
        CHECK_FALSE(parse_show_progress("running").has_value());
        CHECK_FALSE(parse_show_progress("").has_value());
    }

    TEST_CASE("max-progress-running takes a count or infinite and nothing else") {
        CHECK(parse_max_progress_running("8") == MaxProgressRunning{8});
        CHECK(parse_max_progress_running("0") == MaxProgressRunning{0});
        CHECK(parse_max_progress_running("infinite") == k_unlimited_progress_running);
        CHECK_FALSE(parse_max_progress_running("-1").has_value());
        CHECK_FALSE(parse_max_progress_running("8 tests").has_value());
        CHECK_FALSE(parse_max_progress_running("").has_value());
    }

    TEST_CASE("auto is the bar on a terminal and the periodic lines in a pipe, with no counter") {
        const ProgressDisplay terminal = resolve_progress(ShowProgress::auto_, true, false);
        CHECK(terminal.bar);
        CHECK_FALSE(terminal.periodic);
        CHECK_FALSE(terminal.counter);
        CHECK_FALSE(terminal.hide_success);
        const ProgressDisplay pipe = resolve_progress(ShowProgress::auto_, false, false);
        CHECK_FALSE(pipe.bar);
        CHECK(pipe.periodic);
        CHECK_FALSE(pipe.counter);
    }

    TEST_CASE("only hides successes on a terminal and is auto in a pipe") {
        const ProgressDisplay terminal = resolve_progress(ShowProgress::only, true, false);
        CHECK(terminal.bar);
        CHECK(terminal.hide_success);
        const ProgressDisplay pipe = resolve_progress(ShowProgress::only, false, false);
        CHECK(pipe.periodic);
        CHECK_FALSE(pipe.hide_success);
    }

    TEST_CASE("counter puts the count in status lines and draws nothing live") {
        for (const bool smart : {true, false}) {
            const ProgressDisplay display = resolve_progress(ShowProgress::counter, smart, false);
            CHECK(display.counter);
            CHECK_FALSE(display.bar);
            CHECK_FALSE(display.periodic);
        }
    }

    TEST_CASE("none shows nothing, and no-capture never gets a live view") {
        const ProgressDisplay none = resolve_progress(ShowProgress::none, true, false);
        CHECK_FALSE(none.bar);
        CHECK_FALSE(none.periodic);
        CHECK_FALSE(none.counter);
        const ProgressDisplay no_capture = resolve_progress(ShowProgress::bar, true, true);
        CHECK_FALSE(no_capture.bar);
        CHECK_FALSE(no_capture.periodic);
    }
}
