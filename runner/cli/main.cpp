// ptest's entry point: the command line (CLI11), dispatch to a subcommand, and the one place where
// expected errors become a `ptest: error:` line and their documented exit code.
#include "base/error.hpp"
#include "base/spellcheck.hpp"

#include "profiles/profile_keys.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"
#include "runner/cli/option_values.hpp"
#include "runner/list/selection.hpp"
#include "runner/plan/order.hpp"

#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace ptest::cli;

void add_common(CLI::App& command, CommonArgs& common, bool with_filters) {
    command.add_option("--workspace", common.workspace,
                       "Workspace root (default: nearest ancestor with .config/ptest.toml or "
                       ".config/nextest.toml)");
    // Repeatable options take one value per occurrence, so `--binary PATH FILTER` leaves the
    // filter to the positional list, as nextest's command line does.
    command.add_option("--binary", common.binaries, "A test binary to run (repeatable)")
        ->allow_extra_args(false);
    command
        .add_option("--binary-id", common.binary_ids,
                    "Only binaries whose id matches this glob (repeatable)")
        ->allow_extra_args(false);
    command.add_option("--build-dir", common.build_dir,
                       "A CMake build tree: run the tests it registers with CTest");
    command.add_option("-C,--build-config", common.build_config,
                       "With --build-dir: the configuration of a multi-config build tree (as "
                       "ctest -C)");
    command.add_option("-P,--profile", common.profile, "Configuration profile (env PTEST_PROFILE)");
    command.add_option("--color", common.color, "Colour: auto, always or never")
        ->check(checked_by([](const std::string& text) { (void)parse_color(text); }));
    if (with_filters) {
        command.add_option("filters", common.filters, "Run tests whose name contains any of these");
        command.add_flag("--exact", common.exact, "Filters and --skip match whole names");
        command
            .add_option("--skip", common.skip, "Skip tests whose name contains this (repeatable)")
            ->allow_extra_args(false);
        command
            .add_option("--run-ignored", common.run_ignored,
                        "Ignored tests: default (not run), only, or all")
            ->check(checked_by(
                [](const std::string& text) { (void)ptest::runner::parse_run_ignored(text); }));
        command
            .add_option("-E,--filterset,--filter-expr", common.filter_exprs,
                        "Run tests matching this filter expression (repeatable: any matches)")
            ->allow_extra_args(false);
        command.add_flag("--ignore-default-filter", common.ignore_default_filter,
                         "Do not limit the selection to the profile's default-filter");
        command.add_option("--partition", common.partition,
                           "Run one shard of the tests: count:K/N, hash:K/N or duration:K/N");
    }
}

// One flag per entry of the profile's table of outside settings, in its order.
void add_profile_flags(CLI::App& command, ProfileArgs& profile) {
    const auto settings = ptest::profiles::outside_settings();
    for (std::size_t i = 0; i < settings.size(); ++i) {
        const ptest::profiles::OutsideSetting& setting = settings[i];
        if (setting.flag.empty()) {
            continue;
        }
        ptest::profiles::FlagValue& value = profile.flags.at(i);
        if (setting.set_switch != nullptr) {
            command.add_flag(std::string(setting.flag), value.given, std::string(setting.help));
        } else {
            command.add_option(std::string(setting.flag), value.text, std::string(setting.help));
        }
    }
}

/// For a first argument that is neither an option nor a subcommand: the message naming it, with
/// a "did you mean"; otherwise empty (CLI11's own message is better then).
std::optional<std::string> unknown_subcommand_message(int argc, char** argv) {
    const std::vector<std::string> known = {"run", "list", "show-config"};
    if (argc < 2 || argv[1][0] == '-' ||
        std::find(known.begin(), known.end(), argv[1]) != known.end()) {
        return std::nullopt;
    }
    std::string given = argv[1];
    std::string message = "unknown subcommand `" + given + "` (expected run, list or show-config)";
    if (std::optional<std::string> near = ptest::base::closest_match(given, known)) {
        message += "; did you mean `" + *near + "`?";
    }
    return message;
}

/// Parse the command line into the options `app` declares. Returns the exit code when the
/// command ends here (help, version, or a usage error, printed as ptest's own error line);
/// empty when a subcommand is to run. A bad enumerated value throws `ptest::Error` (usage).
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // CLI11 capitalises its messages; ptest's error lines are lowercase fragments.
        std::string message = e.what();
        if (std::optional<std::string> unknown = unknown_subcommand_message(argc, argv)) {
            message = *unknown;
        }
        if (!message.empty() && message[0] >= 'A' && message[0] <= 'Z') {
            message[0] = static_cast<char>(message[0] - 'A' + 'a');
        }
        print_error(message);
        return static_cast<int>(ptest::ExitCode::usage);
    }
    return std::nullopt;
}

int dispatch(int argc, char** argv) {
    CLI::App app{"ptest: a parallel, process-per-test-case runner for GoogleTest, Catch2 and "
                 "doctest binaries"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "ptest " PTEST_VERSION);

    RunArgs run;
    CLI::App* run_cmd = app.add_subcommand("run", "List and run tests, each in its own process");
    add_common(*run_cmd, run.common, true);
    add_profile_flags(*run_cmd, run.profile);
    run_cmd->add_flag("--no-capture", run.no_capture,
                      "Pass output straight through; run one test at a time");
    run_cmd
        ->add_option("--no-tests", run.no_tests,
                     "When no test is selected: fail (exit 4), warn or pass")
        ->check(checked_by([](const std::string& text) { (void)parse_no_tests(text); }));
    CLI::Option* stress_count = run_cmd->add_option(
        "--stress-count", run.stress_count, "Run the selected tests N times over (or `infinite`)");
    run_cmd
        ->add_option("--stress-duration", run.stress_duration,
                     "Run the selected tests over and over until this much time has passed")
        ->excludes(stress_count);
    run_cmd
        ->add_option("--order", run.order,
                     "Start order: duration (last failures, then longest first, by recorded "
                     "history), declared, or random:SEED")
        ->check(
            checked_by([](const std::string& text) { (void)ptest::runner::parse_order(text); }));

    ListArgs list;
    list.common.run_ignored = "all";
    CLI::App* list_cmd = app.add_subcommand("list", "List the tests that would run");
    add_common(*list_cmd, list.common, true);
    list_cmd->add_option("--message-format", list.message_format, "human or json")
        ->check(checked_by([](const std::string& text) { (void)parse_message_format(text); }));

    ShowConfigArgs show;
    CLI::App* show_cmd = app.add_subcommand("show-config", "Show configuration");
    add_common(*show_cmd, show.common, false);
    show_cmd->add_option("what", show.what, "defaults | profile | test-groups")
        ->required()
        ->check(checked_by([](const std::string& text) { (void)parse_show_config_topic(text); }));
    show_cmd->add_option("name", show.name, "Profile name for `profile`");

    if (std::optional<int> code = parse_command_line(app, argc, argv)) {
        return *code;
    }
    if (run_cmd->parsed()) {
        return run_command(run);
    }
    if (list_cmd->parsed()) {
        return list_command(list);
    }
    return show_config_command(show);
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
