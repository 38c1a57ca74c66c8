// Colour and smart-terminal resolution for the terminal reporter (see color_choice.hpp).
#include "reporter/terminal/color_choice.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace ptest::reporter {

namespace {

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

bool non_empty(const std::optional<std::string>& value) {
    return value && !value->empty();
}

} // namespace

std::optional<ColorChoice> parse_color_choice(std::string_view text) {
    if (text == "auto") {
        return ColorChoice::auto_;
    }
    if (text == "always") {
        return ColorChoice::always;
    }
    if (text == "never") {
        return ColorChoice::never;
    }
    return std::nullopt;
}

std::string_view to_string(ColorChoice choice) {
    switch (choice) {
    case ColorChoice::auto_:
        return "auto";
    case ColorChoice::always:
        return "always";
    case ColorChoice::never:
        return "never";
    }
    return "auto";
}

TerminalInfo TerminalInfo::detect(std::FILE* stream) {
    TerminalInfo info;
    const int fd = stream != nullptr ? fileno(stream) : -1;
    info.is_tty = fd >= 0 && isatty(fd) == 1;
    if (info.is_tty) {
        winsize size{};
        if (ioctl(fd, TIOCGWINSZ, &size) == 0) {
            info.columns = size.ws_col;
            info.rows = size.ws_row;
        }
    }
    info.term = env("TERM");
    info.no_color = env("NO_COLOR");
    info.clicolor_force = env("CLICOLOR_FORCE");
    info.force_color = env("FORCE_COLOR");
    return info;
}

bool is_smart_terminal(const TerminalInfo& info) {
    return info.is_tty && info.term && *info.term != "dumb";
}

bool resolve_color(ColorChoice choice, const TerminalInfo& info) {
    switch (choice) {
    case ColorChoice::always:
        return true;
    case ColorChoice::never:
        return false;
    case ColorChoice::auto_:
        break;
    }
    if (non_empty(info.no_color)) {
        return false;
    }
    if (non_empty(info.clicolor_force) && *info.clicolor_force != "0") {
        return true;
    }
    if (non_empty(info.force_color)) {
        return true;
    }
    return is_smart_terminal(info);
}

} // namespace ptest::reporter
