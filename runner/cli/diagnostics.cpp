// The `ptest: <kind>: <message>` lines (see diagnostics.hpp).
#include "runner/cli/diagnostics.hpp"

#include <cstdio>
#include <string>

namespace ptest::cli {

namespace {

void print(std::string_view prefix, std::string_view message) {
    std::string line(prefix);
    line += message;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace

void print_error(std::string_view message) {
    std::fflush(stdout);
    print("ptest: error: ", message);
}

void print_warning(std::string_view message) {
    print("ptest: warning: ", message);
}

void print_note(std::string_view message) {
    print("ptest: note: ", message);
}

void print_internal_error(std::string_view message) {
    std::fflush(stdout);
    print("ptest: internal error: ", message);
}

void print_diagnostic(std::string_view line) {
    print("", line);
}

} // namespace ptest::cli
