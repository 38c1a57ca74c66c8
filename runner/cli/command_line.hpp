// The one definition of ptest's command line: every subcommand, option, value name, default and
// environment variable, declared once on a CLI11 `App`. The help text, the shell completions and
// the checks that keep the man page in step are all produced from this definition, so none of them
// can drift from what the parser accepts.
#pragma once

#include "runner/cli/commands.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace ptest::cli {

/// `ptest completions SHELL`.
struct CompletionsArgs {
    std::string shell; ///< `bash`, `zsh` or `fish`.
};

/// `ptest help [SUBCOMMAND]`.
struct HelpArgs {
    std::string topic; ///< A subcommand, or empty for the overview.
};

/// The parsed values of every subcommand, and the `App` that declares them. Not copyable: the
/// `App` keeps pointers into the argument structs.
class CommandLine {
public:
    /// Declare the whole command line.
    CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    /// The top-level `App`; its subcommands are `run`, `list`, `show-config`, `archive`,
    /// `completions` and `help`.
    CLI::App& app() { return m_app; }
    [[nodiscard]] const CLI::App& app() const { return m_app; }

    RunArgs run;
    ListArgs list;
    ShowConfigArgs show;
    CompletionsArgs completions;
    HelpArgs help;
    ArchiveArgs archive;
    JunitArgs junit;

    CLI::App* run_cmd = nullptr;
    CLI::App* list_cmd = nullptr;
    CLI::App* show_cmd = nullptr;
    CLI::App* completions_cmd = nullptr;
    CLI::App* archive_cmd = nullptr;
    CLI::App* help_cmd = nullptr;
    CLI::App* junit_cmd = nullptr;

private:
    CLI::App m_app;
};

/// The names of the subcommands, in help order (`help` last).
std::vector<std::string> subcommand_names(const CLI::App& app);

/// The help text of `command` (the top-level `App` or a subcommand) as `--help` prints it.
std::string help_text(const CLI::App& command);

} // namespace ptest::cli
