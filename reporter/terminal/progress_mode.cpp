// The `--show-progress` choices and their resolution (see progress_mode.hpp).
#include "reporter/terminal/progress_mode.hpp"

#include <charconv>

namespace ptest::reporter {

std::optional<ShowProgress> parse_show_progress(std::string_view text) {
    if (text == "auto") {
        return ShowProgress::auto_;
    }
    if (text == "none") {
        return ShowProgress::none;
    }
    if (text == "bar") {
        return ShowProgress::bar;
    }
    if (text == "counter") {
        return ShowProgress::counter;
    }
    if (text == "only") {
        return ShowProgress::only;
    }
    return std::nullopt;
}

std::string_view to_string(ShowProgress choice) {
    switch (choice) {
    case ShowProgress::auto_:
        return "auto";
    case ShowProgress::none:
        return "none";
    case ShowProgress::bar:
        return "bar";
    case ShowProgress::counter:
        return "counter";
    case ShowProgress::only:
        return "only";
    }
    return "auto";
}

std::optional<MaxProgressRunning> parse_max_progress_running(std::string_view text) {
    if (text == "infinite") {
        return k_unlimited_progress_running;
    }
    std::uint32_t count = 0;
    const char* end = text.data() + text.size();
    const auto [rest, error] = std::from_chars(text.data(), end, count);
    if (text.empty() || error != std::errc() || rest != end) {
        return std::nullopt;
    }
    return MaxProgressRunning{count};
}

ProgressDisplay resolve_progress(ShowProgress choice, bool smart, bool no_capture) {
    ProgressDisplay display;
    // Off a terminal `only` is `auto`, as in nextest: a CI log keeps its successful tests.
    if (choice == ShowProgress::only && !smart) {
        choice = ShowProgress::auto_;
    }
    const bool live = choice == ShowProgress::auto_ || choice == ShowProgress::bar ||
                      choice == ShowProgress::only;
    // nextest's `auto` puts the counter in a pipe's status lines; ptest keeps those lines as
    // they always were (scripts read them) and prints the periodic lines instead.
    display.counter = choice == ShowProgress::counter;
    display.bar = live && smart && !no_capture;
    display.periodic = live && !smart && !no_capture;
    display.hide_success = choice == ShowProgress::only;
    return display;
}

} // namespace ptest::reporter
