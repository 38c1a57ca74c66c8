// Shell completion scripts generated from the command line's definition: one pass collects each
// subcommand's options (names, whether they take a value, the choices of the enumerated ones,
// whether the value is a path), then one writer per shell prints them in its own syntax. The value
// of `--profile` is completed at completion time from the workspace's config, through the hidden
// `ptest show-config profile-names` of the very ptest being completed.
#include "runner/cli/completions.hpp"

#include <map>
#include <vector>

namespace ptest::cli {

namespace {

/// One option as a completion script needs it.
struct CompletedOption {
    std::vector<std::string> longs;  ///< Without the dashes.
    std::vector<std::string> shorts; ///< Without the dash.
    bool takes_value = false;
    bool is_path = false;
    bool is_profile = false; ///< Completed with the workspace's profile names.
    std::string choices;     ///< Space-separated, or empty.
    std::string help;        ///< The description's first line, without quotes.
};

/// One subcommand and its options.
struct CompletedCommand {
    std::string name;
    std::string help;
    std::vector<CompletedOption> options;
    std::string positional_choices; ///< The first positional's choices, space-separated.
};

/// The values of the enumerated options, by subcommand and option.
std::string choices_of(const std::string& command, const std::string& long_name) {
    // `run` writes an event stream, `list` a document: the same option, other values.
    if (command == "run" && long_name == "message-format") {
        return "human ndjson";
    }
    static const std::map<std::string, std::string> choices = {
        {"color", "auto always never"},
        {"run-ignored", "default only all"},
        {"no-tests", "fail warn pass"},
        {"order", "duration declared random:"},
        {"message-format", "human json"},
        {"status-level", "none fail retry slow leak pass skip all"},
        {"final-status-level", "none fail flaky slow skip pass all"},
        {"failure-output", "immediate immediate-final final never"},
        {"success-output", "immediate immediate-final final never"},
        {"isolation", "process batch"},
        {"test-threads", "num-cpus"},
        {"max-fail", "all"},
        {"show-progress", "auto none bar counter only"},
        {"max-progress-running", "infinite"}};
    const auto found = choices.find(long_name);
    return found == choices.end() ? std::string() : found->second;
}

std::string first_line_without_quotes(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    std::string out;
    for (char c : line) {
        if (c != '\'' && c != '"' && c != '`' && c != '$' && c != '\\') {
            out += c;
        }
    }
    return out;
}

CompletedCommand collect(const CLI::App& sub) {
    CompletedCommand command{
        sub.get_name(), first_line_without_quotes(sub.get_description()), {}, {}};
    for (const CLI::Option* option : sub.get_options()) {
        if (option->get_positional()) {
            if (command.positional_choices.empty()) {
                const std::string& name = option->get_name();
                command.positional_choices = name == "what"     ? "defaults profile test-groups"
                                             : name == "shell"  ? "bash zsh fish"
                                             : name == "action" ? "merge"
                                                                : std::string();
            }
            continue;
        }
        CompletedOption completed;
        completed.longs = option->get_lnames();
        completed.shorts = option->get_snames();
        completed.takes_value = option->get_expected_max() != 0 && option->get_type_size() != 0;
        const std::string& type = option->get_type_name();
        completed.is_path = type == "PATH" || type == "DIR";
        completed.is_profile = !completed.longs.empty() && completed.longs.front() == "profile";
        completed.choices =
            completed.longs.empty() ? "" : choices_of(sub.get_name(), completed.longs.front());
        completed.help = first_line_without_quotes(option->get_description());
        command.options.push_back(std::move(completed));
    }
    return command;
}

std::vector<CompletedCommand> collect_all(const CLI::App& app) {
    std::vector<CompletedCommand> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        commands.push_back(collect(*sub));
    }
    return commands;
}

std::string bash_script(const CLI::App& app) {
    const std::vector<CompletedCommand> commands = collect_all(app);
    std::string names;
    for (const CompletedCommand& command : commands) {
        names += (names.empty() ? "" : " ") + command.name;
    }
    std::string alternatives;
    for (const CompletedCommand& command : commands) {
        alternatives += (alternatives.empty() ? "" : "|") + command.name;
    }
    std::string out =
        "# bash completion for ptest, generated by `ptest completions bash`.\n"
        "# The profiles of the workspace's config, asked of the ptest being completed.\n"
        "_ptest_profiles() {\n"
        "    \"${COMP_WORDS[0]}\" show-config profile-names 2>/dev/null\n"
        "}\n"
        "_ptest() {\n"
        "    local cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
        "    local prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
        "    local sub=\"\" i\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        case \"${COMP_WORDS[i]}\" in\n"
        "            " +
        alternatives +
        ") sub=\"${COMP_WORDS[i]}\"; break ;;\n"
        "        esac\n"
        "    done\n"
        "    case \"$sub\" in\n"
        "        '')\n"
        "            COMPREPLY=($(compgen -W \"" +
        names + " -h --help -V --version\" -- \"$cur\")) ;;\n";
    for (const CompletedCommand& command : commands) {
        std::string words;
        std::string value_cases;
        for (const CompletedOption& option : command.options) {
            std::string patterns;
            for (const std::string& name : option.longs) {
                words += " --" + name;
                patterns += (patterns.empty() ? "" : "|") + std::string("--") + name;
            }
            for (const std::string& name : option.shorts) {
                words += " -" + name;
                patterns += (patterns.empty() ? "" : "|") + std::string("-") + name;
            }
            if (!option.takes_value) {
                continue;
            }
            const std::string reply =
                !option.choices.empty()
                    ? "COMPREPLY=($(compgen -W \"" + option.choices + "\" -- \"$cur\"))"
                : option.is_profile ? "COMPREPLY=($(compgen -W \"$(_ptest_profiles)\" -- \"$cur\"))"
                : option.is_path    ? "COMPREPLY=($(compgen -f -- \"$cur\"))"
                                    : "COMPREPLY=()";
            value_cases += "                " + patterns + ") " + reply + "; return ;;\n";
        }
        out += "        " + command.name +
               ")\n"
               "            case \"$prev\" in\n" +
               value_cases +
               "            esac\n"
               "            COMPREPLY=($(compgen -W \"" +
               command.positional_choices + words + "\" -- \"$cur\")) ;;\n";
    }
    out += "    esac\n"
           "}\n"
           "complete -F _ptest ptest\n";
    return out;
}

std::string zsh_script(const CLI::App& app) {
    const std::vector<CompletedCommand> commands = collect_all(app);
    std::string out =
        "#compdef ptest\n"
        "# zsh completion for ptest, generated by `ptest completions zsh`.\n"
        "# The profiles of the workspace's config, asked of the ptest being completed.\n"
        "_ptest_profiles() {\n"
        "    local -a names\n"
        "    names=(${(f)\"$(${_ptest_command} show-config profile-names "
        "2>/dev/null)\"})\n"
        "    _describe 'profile' names\n"
        "}\n"
        "_ptest() {\n"
        "    local _ptest_command=${words[1]}\n"
        "    local -a subcommands\n"
        "    subcommands=(\n";
    for (const CompletedCommand& command : commands) {
        out += "        '" + command.name + ":" + command.help + "'\n";
    }
    out += "    )\n"
           "    if (( CURRENT == 2 )); then\n"
           "        _describe 'subcommand' subcommands\n"
           "        return\n"
           "    fi\n"
           "    case \"${words[2]}\" in\n";
    for (const CompletedCommand& command : commands) {
        out += "        " + command.name + ")\n            _arguments -s \\\n";
        for (const CompletedOption& option : command.options) {
            std::string value;
            if (option.takes_value) {
                value = !option.choices.empty() ? ":value:(" + option.choices + ")"
                        : option.is_profile     ? ":profile:_ptest_profiles"
                        : option.is_path        ? ":path:_files"
                                                : ":value: ";
            }
            for (const std::string& name : option.longs) {
                out += "                '--" + name + "[" + option.help + "]" + value + "' \\\n";
            }
            for (const std::string& name : option.shorts) {
                out += "                '-" + name + "[" + option.help + "]" + value + "' \\\n";
            }
        }
        out += "                '*::arg:(" + command.positional_choices + ")' ;;\n";
    }
    out += "    esac\n"
           "}\n"
           "compdef _ptest ptest\n";
    return out;
}

std::string fish_script(const CLI::App& app) {
    const std::vector<CompletedCommand> commands = collect_all(app);
    std::string names;
    for (const CompletedCommand& command : commands) {
        names += (names.empty() ? "" : " ") + command.name;
    }
    std::string out =
        "# fish completion for ptest, generated by `ptest completions fish`.\n"
        "complete -c ptest -f\n"
        "# The profiles of the workspace's config, asked of the ptest being completed.\n"
        "function __ptest_profiles\n"
        "    set -l command (commandline -opc)[1]\n"
        "    $command show-config profile-names 2>/dev/null\n"
        "end\n";
    for (const CompletedCommand& command : commands) {
        out += "complete -c ptest -n 'not __fish_seen_subcommand_from " + names + "' -a " +
               command.name + " -d '" + command.help + "'\n";
    }
    for (const CompletedCommand& command : commands) {
        const std::string condition = "-n '__fish_seen_subcommand_from " + command.name + "'";
        if (!command.positional_choices.empty()) {
            out += "complete -c ptest " + condition + " -a '" + command.positional_choices + "'\n";
        }
        for (const CompletedOption& option : command.options) {
            out += "complete -c ptest " + condition;
            for (const std::string& name : option.longs) {
                out += " -l " + name;
            }
            for (const std::string& name : option.shorts) {
                out += " -s " + name;
            }
            if (option.takes_value) {
                out += option.is_path ? " -r -F" : " -r";
            }
            if (!option.choices.empty()) {
                out += " -a '" + option.choices + "'";
            } else if (option.is_profile) {
                out += " -a '(__ptest_profiles)'";
            }
            out += " -d '" + option.help + "'\n";
        }
    }
    return out;
}

} // namespace

std::string completion_script(const CLI::App& app, std::string_view shell) {
    if (shell == "bash") {
        return bash_script(app);
    }
    if (shell == "zsh") {
        return zsh_script(app);
    }
    if (shell == "fish") {
        return fish_script(app);
    }
    return {};
}

} // namespace ptest::cli
