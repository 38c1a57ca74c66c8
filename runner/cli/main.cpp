// ptest's entry point: the command line (CLI11), dispatch to a subcommand, and the one place where
// expected errors become a `ptest: error:` line and their documented exit code.
#include "base/error.hpp"
#include "base/spellcheck.hpp"

#include "runner/cli/command_line.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/completions.hpp"
#include "runner/cli/ctest_flags.hpp"
#include "runner/cli/diagnostics.hpp"

#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ptest::cli;

/// `a, b or c`.
std::string choices(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    }
    return out;
}

/// `ptest` followed by the subcommand that was being parsed, if any.
std::string usage_hint(const CommandLine& line) {
    const std::vector<CLI::App*> parsed = line.app().get_subcommands();
    return parsed.empty() ? std::string("ptest") : "ptest " + parsed.front()->get_name();
}

/// For a first argument that is neither an option nor a subcommand: the message naming it, with
/// a "did you mean"; otherwise empty (CLI11's own message is better then).
std::optional<std::string> unknown_subcommand_message(const CLI::App& app, int argc, char** argv) {
    const std::vector<std::string> known = subcommand_names(app);
    if (argc < 2 || argv[1][0] == '-' ||
        std::find(known.begin(), known.end(), argv[1]) != known.end()) {
        return std::nullopt;
    }
    std::string given = argv[1];
    std::string message = "unknown subcommand `" + given + "` (expected " + choices(known) + ")";
    if (std::optional<std::string> near = ptest::base::closest_match(given, known)) {
        message += "; did you mean `" + *near + "`?";
    }
    return message;
}

/// CLI11's message about an option given without its value (`--binary: 1 required PATH
/// missing`) as ptest says it, or empty for any other message.
std::optional<std::string> missing_value_message(const std::string& message) {
    static const std::regex pattern("^(\\S+): \\d+ required (\\S+) missing$");
    std::smatch match;
    if (!std::regex_match(message, match, pattern)) {
        return std::nullopt;
    }
    return "`" + match[1].str() + "` needs a value (" + match[2].str() + ")";
}

/// The arguments with `-j=N` spelled `-jN`: CLI11 would take `=N` as the value of a short option,
/// where nextest's parser (and a user) reads `N`.
std::vector<std::string> normalized_arguments(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) { // CLI11 takes the arguments in reverse order.
        std::string arg = argv[i];
        if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && arg[2] == '=') {
            arg.erase(2, 1);
        }
        args.push_back(std::move(arg));
    }
    return args;
}

/// Parse the command line into the options `line` declares. Returns the exit code when the
/// command ends here (help, version, or a usage error, printed as ptest's own error line);
/// empty when a subcommand is to run. A bad enumerated value throws `ptest::Error` (usage).
std::optional<int> parse_command_line(CommandLine& line, int argc, char** argv) {
    CLI::App& app = line.app();
    try {
        std::vector<std::string> args = normalized_arguments(argc, argv);
        app.parse(args);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string message = e.what();
        if (std::optional<std::string> unknown = unknown_subcommand_message(app, argc, argv)) {
            message = *unknown;
        } else if (std::optional<std::string> missing = missing_value_message(message)) {
            message = *missing;
        }
        // CLI11 capitalises its messages; ptest's error lines are lowercase fragments.
        if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
            message[0] = static_cast<char>(message[0] - 'A' + 'a');
        }
        print_error(message);
        print_note("`" + usage_hint(line) + " --help` shows the options");
        return static_cast<int>(ptest::ExitCode::usage);
    }
    return std::nullopt;
}

/// `ptest help [SUBCOMMAND]`: the help on stdout, 0; an unknown subcommand is a usage error.
int help_command(const CommandLine& line) {
    const CLI::App& app = line.app();
    if (line.help.topic.empty()) {
        std::fputs(help_text(app).c_str(), stdout);
        return 0;
    }
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == line.help.topic) {
            std::fputs(help_text(*sub).c_str(), stdout);
            return 0;
        }
    }
    const std::vector<std::string> known = subcommand_names(app);
    std::string message =
        "no subcommand `" + line.help.topic + "` (expected " + choices(known) + ")";
    if (std::optional<std::string> near = ptest::base::closest_match(line.help.topic, known)) {
        message += "; did you mean `" + *near + "`?";
    }
    throw ptest::Error(ptest::ExitCode::usage, message);
}

int dispatch(int argc, char** argv) {
    CommandLine line;
    // `help` is read here: CLI11 would take `ptest help run` for the `run` subcommand.
    if (argc >= 2 && std::string_view(argv[1]) == "help") {
        if (argc > 3) {
            throw ptest::Error(ptest::ExitCode::usage,
                               "help takes at most one subcommand (e.g. `ptest help run`)");
        }
        line.help.topic = argc == 3 ? argv[2] : "";
        return help_command(line);
    }
    if (std::optional<int> code = parse_command_line(line, argc, argv)) {
        return *code;
    }
    if (line.run_cmd->parsed()) {
        check_bare_filter_words(line.run.common);
        apply_ctest_selection(line.run.ctest, line.run.common);
        apply_output_on_failure(line.run.ctest, line.run.profile);
        return run_command(line.run);
    }
    if (line.list_cmd->parsed()) {
        check_bare_filter_words(line.list.common);
        apply_ctest_selection(line.list.ctest, line.list.common);
        return list_command(line.list);
    }
    if (line.show_cmd->parsed()) {
        if (line.show.what.empty()) {
            throw ptest::Error(ptest::ExitCode::usage,
                               "show-config needs what to show: defaults, profile [NAME] or "
                               "test-groups");
        }
        return show_config_command(line.show);
    }
    if (line.archive_cmd->parsed()) {
        return archive_command(line.archive);
    }
    if (line.junit_cmd->parsed()) {
        return junit_command(line.junit);
    }
    if (line.completions_cmd->parsed()) {
        if (line.completions.shell.empty()) {
            throw ptest::Error(ptest::ExitCode::usage,
                               "completions needs a shell: bash, zsh or fish");
        }
        std::fputs(completion_script(line.app(), line.completions.shell).c_str(), stdout);
        return 0;
    }
    // No subcommand: say so, with the overview a new user needs.
    print_error("a subcommand is required: " + choices(subcommand_names(line.app())));
    std::fputs(help_text(line.app()).c_str(), stderr);
    return static_cast<int>(ptest::ExitCode::usage);
}

/// `PTEST_REPORT_RUSAGE=FILE` (for scripts/bench): at exit, write ptest's own resource use,
/// without its children's, as `user_seconds system_seconds peak_rss_kib`. Measured from inside
/// because no outside observer can separate ptest from the tests it waits for. The peak RSS is
/// `VmHWM`, not `ru_maxrss`, which also counts the parent's pages from before the `exec`.
struct RusageReport {
    RusageReport() = default;
    RusageReport(const RusageReport&) = delete;
    RusageReport& operator=(const RusageReport&) = delete;
    ~RusageReport() {
        const char* path = std::getenv("PTEST_REPORT_RUSAGE");
        rusage self{};
        if (path == nullptr || *path == '\0' || ::getrusage(RUSAGE_SELF, &self) != 0) {
            return;
        }
        long peak_kib = -1;
        if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
            char line[256];
            while (std::fgets(line, sizeof line, status) != nullptr) {
                if (std::sscanf(line, "VmHWM: %ld kB", &peak_kib) == 1) {
                    break;
                }
            }
            std::fclose(status);
        }
        if (std::FILE* out = std::fopen(path, "w")) {
            std::fprintf(out, "%ld.%06ld %ld.%06ld %ld\n", static_cast<long>(self.ru_utime.tv_sec),
                         static_cast<long>(self.ru_utime.tv_usec),
                         static_cast<long>(self.ru_stime.tv_sec),
                         static_cast<long>(self.ru_stime.tv_usec), peak_kib);
            std::fclose(out);
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    const RusageReport rusage_report;
    try {
        return dispatch(argc, argv);
    } catch (const ptest::Error& error) {
        // The warnings gathered before a config error often explain it (a misspelt required key).
        for (const std::string& warning : error.warnings()) {
            ptest::cli::print_diagnostic(warning);
        }
        ptest::cli::print_error(error.what());
        return static_cast<int>(error.code());
    } catch (const std::exception& error) {
        ptest::cli::print_internal_error(error.what());
        return static_cast<int>(ptest::ExitCode::internal_error);
    }
}
