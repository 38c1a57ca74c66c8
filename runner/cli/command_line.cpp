// ptest's command line, declared once: the subcommands and their options, each with a value name
// a user can act on (`N`, `PATH`, `EXPR`), its default and its environment variable. The help
// formatter prints the value name, then the description with the default and environment on
// their own line, and closes every help with the exit codes of docs/exit-codes.md.
#include "runner/cli/command_line.hpp"

#include "profiles/profile_keys.hpp"
#include "runner/cli/option_values.hpp"
#include "runner/cli/progress_options.hpp"
#include "runner/list/selection.hpp"
#include "runner/plan/order.hpp"

#include <map>
#include <sstream>
#include <string_view>

namespace ptest::cli {

namespace {

/// A description with its default and environment variable, when it has them, on a line of
/// their own: `[default: fail] [env: PTEST_PROFILE]`.
std::string describe(std::string text, std::string_view default_value = {},
                     std::string_view env = {}) {
    std::string extra;
    if (!default_value.empty()) {
        extra += "[default: " + std::string(default_value) + "]";
    }
    if (!env.empty()) {
        extra += std::string(extra.empty() ? "" : " ") + "[env: " + std::string(env) + "]";
    }
    return extra.empty() ? text : text + "\n" + extra;
}

const char* const k_exit_codes =
    "Exit codes (docs/exit-codes.md):\n"
    "  0    every selected test passed; list and show-config succeeded\n"
    "  2    the command line or a PTEST_* variable could not be parsed\n"
    "  4    no test was selected (--no-tests fail, the default)\n"
    "  5    run --rerun-failed: the selected tests passed, others still fail or did not run\n"
    "  94   a -E filter expression could not be parsed\n"
    "  96   setup error: bad configuration, unknown profile, missing binary\n"
    "  100  a test failed (a flaky one too, with flaky-result = \"fail\"), or the run was\n"
    "       cancelled (by a signal, fail-fast or global-timeout)\n"
    "  101  internal error (a bug in ptest)\n"
    "  103  an archive could not be made (ptest archive: a missing shared library)\n"
    "  104  a test binary could not be listed\n"
    "  105  a setup script or its health check failed (or a teardown, when the tests passed)\n"
    "  106  an archive could not be read (corrupt, truncated, not one, another version)\n"
    "  107  junit merge: an input is missing or not a JUnit report, or two inputs disagree\n"
    "  110  the JUnit file or the report could not be written\n";

/// The help layout: `--option VALUE` on the left (no `TEXT ...`, no `Excludes:` run into the
/// description), the description on the right, the exit codes at the end.
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter() { column_width(34); }

    std::string make_option_opts(const CLI::Option* option) const override {
        if (option->get_expected_max() == 0 || option->get_type_size() == 0 ||
            option->get_positional()) {
            return {};
        }
        return " " + option->get_type_name();
    }

    std::string make_usage(const CLI::App* app, std::string name) const override {
        std::string usage = CLI::Formatter::make_usage(app, std::move(name));
        // CLI11 spells the usage of a command with subcommands as `[OPTIONS] SUBCOMMAND`.
        return usage;
    }

    std::string make_footer(const CLI::App* app) const override {
        std::string footer = CLI::Formatter::make_footer(app);
        return footer + (footer.empty() ? "" : "\n") + k_exit_codes;
    }
};

void add_common(CLI::App& command, CommonArgs& common, bool with_filters, bool for_list) {
    command
        .add_option("--workspace", common.workspace,
                    describe("Workspace root", "nearest ancestor with .config/ptest.toml or "
                                               ".config/nextest.toml"))
        ->type_name("DIR");
    // Repeatable options take one value per occurrence, so `--binary PATH FILTER` leaves the
    // filter to the positional list, as nextest's command line does.
    command.add_option("--binary", common.binaries, "A test binary (repeatable)")
        ->allow_extra_args(false)
        ->type_name("PATH");
    command
        .add_option("--binary-id", common.binary_ids,
                    "Only binaries whose id matches this glob (repeatable)")
        ->allow_extra_args(false)
        ->type_name("GLOB");
    command
        .add_option("--build-dir", common.build_dir,
                    "A CMake build tree: its CTest tests are the test list")
        ->type_name("DIR");
    command
        .add_option("-C,--build-config", common.build_config,
                    "With --build-dir: the configuration of a multi-config build tree (as "
                    "ctest -C)")
        ->type_name("CONFIG");
    command
        .add_option("-P,--profile", common.profile,
                    describe("Configuration profile", "default", "PTEST_PROFILE"))
        ->type_name("PROFILE");
    command.add_option("--color", common.color, describe("Colour: auto, always or never", "auto"))
        ->type_name("WHEN")
        ->check(checked_by([](const std::string& text) { (void)parse_color(text); }));
    if (!with_filters) {
        return;
    }
    const std::string verb = for_list ? "List" : "Run";
    command
        .add_option("filters", common.filters,
                    verb + " only tests whose name contains one of these (all without one)")
        ->type_name("FILTER");
    command.add_flag("--exact", common.exact, "FILTERs and --skip match whole names");
    command
        .add_option("--skip", common.skip,
                    (for_list ? "Leave out" : "Skip") +
                        std::string(" tests whose name contains this (repeatable)"))
        ->allow_extra_args(false)
        ->type_name("NAME");
    command
        .add_option("--run-ignored", common.run_ignored,
                    describe("Ignored tests: default (left out), only, or all",
                             for_list ? "all" : "default"))
        ->type_name("WHICH")
        ->check(checked_by(
            [](const std::string& text) { (void)ptest::runner::parse_run_ignored(text); }));
    command
        .add_option("-E,--filterset,--filter-expr", common.filter_exprs,
                    verb + " only tests matching this filter expression, e.g. 'test(Math) and "
                           "not kind(doctest)' (repeatable: any matches)")
        ->allow_extra_args(false)
        ->type_name("EXPR");
    command.add_flag("--ignore-default-filter", common.ignore_default_filter,
                     "Do not limit the selection to the profile's default-filter");
    command
        .add_option("--partition", common.partition,
                    verb + " one shard of the tests: count:K/N, slice:K/N, hash:K/N or "
                           "duration:K/N")
        ->type_name("KIND:K/N");
}

/// The value name of each profile flag's value, by its profile key.
std::string profile_value_name(std::string_view key) {
    static const std::map<std::string_view, std::string> names = {
        {"retries", "N"},           {"test-threads", "N"},     {"fail-fast", "N"},
        {"isolation", "MODE"},      {"status-level", "LEVEL"}, {"final-status-level", "LEVEL"},
        {"failure-output", "WHEN"}, {"success-output", "WHEN"}};
    if (key == "show-slowest") {
        return "N";
    }
    const auto found = names.find(key);
    return found == names.end() ? "VALUE" : found->second;
}

/// The environment variable of an outside setting: its own, or for a switch that has none, that
/// of the flagless entry which sets the same thing (`--no-fail-fast`, `PTEST_NO_FAIL_FAST`).
std::string_view env_of(const profiles::OutsideSetting& setting) {
    if (!setting.env.empty() || setting.set_switch == nullptr) {
        return setting.env;
    }
    for (const profiles::OutsideSetting& other : profiles::outside_settings()) {
        if (other.flag.empty() && other.set_switch == setting.set_switch) {
            return other.env;
        }
    }
    return {};
}

// One flag per entry of the profile's table of outside settings, in its order.
void add_profile_flags(CLI::App& command, ProfileArgs& profile) {
    const auto settings = profiles::outside_settings();
    for (std::size_t i = 0; i < settings.size(); ++i) {
        const profiles::OutsideSetting& setting = settings[i];
        if (setting.flag.empty()) {
            continue;
        }
        profiles::FlagValue& value = profile.flags.at(i);
        const std::string help =
            describe(std::string(setting.help), "the profile's " + std::string(setting.key),
                     env_of(setting));
        if (setting.set_switch != nullptr) {
            command.add_flag(std::string(setting.flag), value.given, help);
        } else {
            command.add_option(std::string(setting.flag), value.text, help)
                ->type_name(profile_value_name(setting.key));
        }
    }
}

// Archives (issue 18): where `run` and `list` take their tests from, and `ptest archive`.
void add_archive_source(CLI::App& command, CommonArgs& common) {
    command
        .add_option("--archive-file", common.archive_file,
                    "Take the tests from this archive (made by `ptest archive`) instead of "
                    "--binary, --build-dir and the workspace's config")
        ->type_name("FILE");
    command
        .add_option("--workspace-remap", common.workspace_remap,
                    describe("With --archive-file: the workspace root on this machine",
                             "the extracted workspace"))
        ->type_name("DIR");
    command
        .add_option("--extract-to", common.extract_to,
                    describe("With --archive-file: extract into DIR (new or empty) and keep it",
                             "a temporary folder, removed at exit"))
        ->type_name("DIR");
}

void add_archive(CommandLine& line) {
    CLI::App& cmd = *line.archive_cmd;
    add_common(cmd, line.archive.common, false, false);
    cmd.add_option("--archive-file", line.archive.output,
                   "The archive to write, a .tar.zst (its folder must exist)")
        ->type_name("FILE")
        ->required();
}

// ---- Progress (issue 17): `--show-progress`, `--max-progress-running` ----
void add_progress_options(CLI::App& cmd, RunArgs& run) {
    cmd.add_option("--show-progress", run.show_progress,
                   describe("Progress: auto (a bar on a terminal, periodic lines elsewhere), "
                            "bar, counter (in each status line), only (the bar; passing tests "
                            "not listed) or none",
                            "auto", "PTEST_SHOW_PROGRESS"))
        ->type_name("HOW")
        ->check(checked_by([](const std::string& text) { (void)parse_show_progress(text); }));
    cmd.add_option("--max-progress-running", run.max_progress_running,
                   describe("Running tests the progress view names: N or infinite", "8",
                            "PTEST_MAX_PROGRESS_RUNNING"))
        ->type_name("N")
        ->check(
            checked_by([](const std::string& text) { (void)parse_max_progress_running(text); }));
}

void add_run(CommandLine& line) {
    RunArgs& run = line.run;
    CLI::App& cmd = *line.run_cmd;
    add_common(cmd, run.common, true, false);
    add_profile_flags(cmd, run.profile);
    cmd.add_flag("--no-capture", run.no_capture,
                 "Pass output straight through; run one test at a time");
    cmd.add_option("--no-tests", run.no_tests,
                   describe("When no test is selected: fail (exit 4), warn or pass", "fail"))
        ->type_name("ACTION")
        ->check(checked_by([](const std::string& text) { (void)parse_no_tests(text); }));
    CLI::Option* stress_count =
        cmd.add_option("--stress-count", run.stress_count,
                       "Run the selected tests N times over (or `infinite`); not with "
                       "--stress-duration")
            ->type_name("N");
    cmd.add_option("--stress-duration", run.stress_duration,
                   "Run the selected tests over and over until DURATION has passed (e.g. 10m); "
                   "not with --stress-count")
        ->type_name("DURATION")
        ->excludes(stress_count);
    cmd.add_option("--order", run.order,
                   describe("Start order: duration (last failures, then longest first, by "
                            "recorded history), declared, or random:SEED",
                            "duration"))
        ->type_name("ORDER")
        ->check(checked_by([](const std::string& text) { (void)runner::parse_order(text); }));
    cmd.add_option("--trace", run.trace,
                   "Write a trace of the run to FILE (Chrome trace JSON, for Perfetto)")
        ->type_name("FILE");
    add_ctest_flags(cmd, run.ctest, true);
    // The NDJSON event stream (issue 19, docs/ndjson.md).
    cmd.add_option("--message-format", run.message_format,
                   describe("human, or ndjson: also every event as a JSON line on stdout", "human"))
        ->type_name("FORMAT")
        ->check(checked_by([](const std::string& text) { (void)parse_run_message_format(text); }));
    add_archive_source(cmd, run.common);
    add_progress_options(cmd, run);
    cmd.add_flag("--rerun-failed", run.rerun_failed,
                 "Run only the selected tests that failed or did not run in the last recorded "
                 "run of this profile");
}

void add_list(CommandLine& line) {
    ListArgs& list = line.list;
    list.common.run_ignored = "all";
    add_common(*line.list_cmd, list.common, true, true);
    line.list_cmd
        ->add_option("--message-format", list.message_format, describe("human or json", "human"))
        ->type_name("FORMAT")
        ->check(checked_by([](const std::string& text) { (void)parse_message_format(text); }));
    add_ctest_flags(*line.list_cmd, list.ctest, false);
    add_archive_source(*line.list_cmd, list.common);
}

void add_junit(CommandLine& line) {
    JunitArgs& junit = line.junit;
    CLI::App& cmd = *line.junit_cmd;
    // Not `required()`: a missing action or output gets ptest's own message.
    cmd.add_option("action", junit.action, "What to do: merge")->type_name("ACTION");
    cmd.add_option("-o,--output", junit.output, "Where to write the merged report")
        ->type_name("PATH");
    cmd.add_option("files", junit.files, "The JUnit reports to merge, in order")->type_name("FILE");
}

void add_show_config(CommandLine& line) {
    ShowConfigArgs& show = line.show;
    CLI::App& cmd = *line.show_cmd;
    add_common(cmd, show.common, false, false);
    // Not `required()`: a missing topic gets ptest's own message listing the choices.
    cmd.add_option("what", show.what, "What to show: defaults, profile [NAME] or test-groups")
        ->type_name("WHAT")
        ->check(checked_by([](const std::string& text) { (void)parse_show_config_topic(text); }));
    cmd.add_option("name", show.name, describe("Profile name for `profile`", "the selected one"))
        ->type_name("NAME");
}

} // namespace

CommandLine::CommandLine()
    : m_app("ptest: a parallel, process-per-test-case runner for GoogleTest, Catch2, doctest and "
            "Boost.Test binaries",
            "ptest") {
    m_app.formatter(std::make_shared<HelpFormatter>());
    m_app.set_version_flag("-V,--version", "ptest " PTEST_VERSION, "Print the version and exit");
    m_app.set_help_flag("-h,--help", "Print this help and exit");
    run_cmd = m_app.add_subcommand("run", "List and run tests, each in its own process");
    list_cmd = m_app.add_subcommand("list", "List the tests that would run");
    show_cmd = m_app.add_subcommand("show-config",
                                    "Show the built-in defaults, a resolved profile or the test "
                                    "groups");
    archive_cmd = m_app.add_subcommand(
        "archive", "Write the test binaries and what they need into one archive to run elsewhere");
    junit_cmd = m_app.add_subcommand("junit", "Merge the JUnit reports of shards into one");
    completions_cmd = m_app.add_subcommand("completions", "Print a shell completion script");
    help_cmd = m_app.add_subcommand("help", "Print the help of ptest or of a subcommand");
    add_run(*this);
    add_list(*this);
    add_show_config(*this);
    add_archive(*this);
    add_junit(*this);
    completions_cmd->add_option("shell", completions.shell, "bash, zsh or fish")
        ->type_name("SHELL")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    help_cmd->add_option("subcommand", help.topic, "run, list, show-config, archive or completions")
        ->type_name("SUBCOMMAND");
    for (CLI::App* sub : m_app.get_subcommands([](CLI::App*) { return true; })) {
        sub->set_help_flag("-h,--help", "Print this help and exit");
    }
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names.push_back(sub->get_name());
    }
    return names;
}

std::string help_text(const CLI::App& command) {
    // Not `App::help()`, which prints the help of the subcommand that was parsed instead.
    const CLI::App* parent = command.get_parent();
    const std::string name =
        parent == nullptr ? command.get_name() : parent->get_name() + " " + command.get_name();
    return command.get_formatter()->make_help(&command, name, CLI::AppFormatMode::Normal);
}

} // namespace ptest::cli
