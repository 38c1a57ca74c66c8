// The help, the version, the man page and the shell completions (issue 17), checked on the real
// ptest against each other: every option `--help` prints has a value name a user can act on, and
// appears in docs/ptest.1 and in every completion script, so none of them can drift from the one
// definition of the command line.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

const std::vector<std::string> k_subcommands = {"run",     "list",  "show-config",
                                                "archive", "junit", "completions"};

/// Run ptest with `args` in a fresh directory.
Result ptest_in_temp(const std::vector<std::string>& args) {
    TempDir dir;
    return run_ptest(args, in_dir(dir));
}

/// Every option name (`-E`, `--filterset`) of the option lines of a help text.
std::set<std::string> options_in_help(const std::string& help) {
    std::set<std::string> names;
    static const std::regex option_line("^  (-[^ ]+)");
    for (const std::string& line : lines_of(help)) {
        std::smatch match;
        if (!std::regex_search(line, match, option_line)) {
            continue;
        }
        std::string spelled = match[1].str();
        for (std::size_t start = 0; start < spelled.size();) {
            std::size_t comma = spelled.find(',', start);
            names.insert(spelled.substr(start, comma - start));
            start = comma == std::string::npos ? spelled.size() : comma + 1;
        }
    }
    return names;
}

/// How the man page's roff spells `text`: every `-` escaped.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c == '-' ? std::string("\\-") : std::string(1, c);
    }
    return out;
}

std::string help_of(const std::string& subcommand) {
    Result result = ptest_in_temp({subcommand, "--help"});
    REQUIRE(result.exit_code == 0);
    return result.out;
}

/// The `| `NAME` |` first cells of the markdown table rows in `text` that start with `prefix`.
std::vector<std::string> table_names(const std::string& text, const std::string& prefix) {
    std::vector<std::string> names;
    for (const std::string& line : lines_of(text)) {
        if (line.rfind("| " + prefix, 0) == 0) {
            const std::size_t end = line.find(' ', 2);
            names.push_back(line.substr(2, end - 2));
        }
    }
    return names;
}

} // namespace

TEST_SUITE("integration::cli::help") {

    TEST_CASE("every option's value has a meaningful name and one value shows as one") {
        const std::string help = help_of("run");
        CHECK_FALSE(contains(help, "TEXT"));
        CHECK_FALSE(contains(help, " ..."));
        CHECK(contains(help, "  --binary PATH "));
        CHECK(contains(help, "  -j,--test-threads N "));
        CHECK(contains(help, "  -P,--profile PROFILE "));
        CHECK(contains(help, "  -E,--filterset,--filter-expr EXPR\n"));
        CHECK(contains(help, "  --stress-duration DURATION "));
        // The exclusion is said in the description, not run into the option's column.
        CHECK_FALSE(contains(help, "Excludes:"));
        for (const std::string& line : lines_of(help)) {
            if (line.rfind("  --stress-count", 0) == 0) {
                CHECK(contains(line, "  --stress-count N "));
            }
        }
        CHECK_FALSE(contains(help_of("list"), "TEXT"));
        CHECK_FALSE(contains(help_of("show-config"), "TEXT"));
    }

    TEST_CASE("run --help shows defaults, every documented environment variable and the exit "
              "codes") {
        const std::string help = help_of("run");
        CHECK(contains(help, "[default: fail]"));
        CHECK(contains(help, "[default: default] [env: PTEST_PROFILE]"));
        const std::vector<std::string> env =
            table_names(read_file(source_dir() / "docs/configuration.md"), "`PTEST_");
        CHECK(env.size() >= 10);
        for (const std::string& name : env) {
            CHECK_MESSAGE(contains(help, "[env: " + name.substr(1, name.size() - 2) + "]"), name);
        }
        const std::string top = ptest_in_temp({"--help"}).out;
        const std::vector<std::string> codes = [] {
            std::vector<std::string> found;
            for (const std::string& line :
                 lines_of(read_file(source_dir() / "docs/exit-codes.md"))) {
                std::smatch match;
                if (std::regex_search(line, match, std::regex("^\\| (\\d+) \\|"))) {
                    found.push_back(match[1].str());
                }
            }
            return found;
        }();
        CHECK(codes.size() >= 9);
        for (const std::string& code : codes) {
            CHECK_MESSAGE(contains(help, "\n  " + code + " "), code);
            CHECK_MESSAGE(contains(top, "\n  " + code + " "), code);
        }
    }

    TEST_CASE("list --help says list, not run") {
        const std::string help = help_of("list");
        CHECK(contains(help, "List only tests whose name contains"));
        CHECK_FALSE(contains(help, "Run tests whose name contains"));
        CHECK_FALSE(contains(help, "Run only"));
    }

    TEST_CASE("ptest with no arguments names the subcommands and shows the help, exit 2") {
        Result result = ptest_in_temp({});
        CHECK(result.exit_code == 2);
        CHECK(lines_of(result.err).front() ==
              "ptest: error: a subcommand is required: run, list, show-config, archive, junit, "
              "completions or help");
        CHECK(contains(result.err, "Usage: ptest"));
    }

    TEST_CASE("ptest help and ptest help SUBCOMMAND print the help, exit 0") {
        Result overview = ptest_in_temp({"help"});
        CHECK(overview.exit_code == 0);
        CHECK(contains(overview.out, "Subcommands:"));
        Result run = ptest_in_temp({"help", "run"});
        CHECK(run.exit_code == 0);
        CHECK(run.out == help_of("run"));
        Result unknown = ptest_in_temp({"help", "lst"});
        CHECK(unknown.exit_code == 2);
        CHECK(contains(unknown.err, "did you mean `list`?"));
    }

    TEST_CASE("ptest -V and ptest --version print the version") {
        for (const std::string flag : {"-V", "--version"}) {
            Result result = ptest_in_temp({flag});
            CHECK(result.exit_code == 0);
            CHECK(std::regex_match(result.out, std::regex("ptest [0-9]+\\.[0-9]+\\.[0-9]+\n")));
        }
    }

    TEST_CASE("show-config without what lists the choices, exit 2") {
        Result result = ptest_in_temp({"show-config"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "ptest: error: show-config needs what to show: defaults, profile "
                            "[NAME] or test-groups\n");
    }

    TEST_CASE("--binary without a value says it needs a PATH, exit 2") {
        Result result = ptest_in_temp({"run", "--binary"});
        CHECK(result.exit_code == 2);
        CHECK(lines_of(result.err).front() == "ptest: error: `--binary` needs a value (PATH)");
        CHECK(contains(result.err, "`ptest run --help` shows the options"));
    }

    TEST_CASE("the man page covers every subcommand, every option and show-config test-groups") {
        const std::string man = read_file(source_dir() / "docs/ptest.1");
        CHECK(contains(man, "show-config test\\-groups"));
        for (const std::string& subcommand : k_subcommands) {
            CHECK_MESSAGE(
                (contains(man, ".B " + subcommand) || contains(man, ".BI \"" + subcommand)),
                subcommand);
            for (const std::string& option : options_in_help(help_of(subcommand))) {
                CHECK_MESSAGE(contains(man, roff(option)), subcommand << " " << option);
            }
        }
        // The subcommands the man page covers are the ones ptest --help lists.
        const std::string overview = ptest_in_temp({"--help"}).out;
        for (const std::string& subcommand : k_subcommands) {
            CHECK(contains(overview, "\n  " + subcommand + " "));
        }
        for (const std::string& option : options_in_help(overview)) {
            CHECK_MESSAGE(contains(man, roff(option)), option);
        }
    }

} // TEST_SUITE

TEST_SUITE("integration::cli::completions") {

    TEST_CASE("every completion script names every subcommand and option of the help") {
        for (const std::string shell : {"bash", "zsh", "fish"}) {
            Result result = ptest_in_temp({"completions", shell});
            REQUIRE(result.exit_code == 0);
            for (const std::string& subcommand : k_subcommands) {
                CHECK_MESSAGE(contains(result.out, subcommand), shell << " " << subcommand);
                for (std::string option : options_in_help(help_of(subcommand))) {
                    if (shell == "fish") { // `-l color` / `-s j`.
                        option = (option.rfind("--", 0) == 0 ? "-l " : "-s ") +
                                 option.substr(option.find_first_not_of('-'));
                    }
                    CHECK_MESSAGE(contains(result.out, option), shell << " " << option);
                }
            }
        }
        Result bad = ptest_in_temp({"completions", "tcsh"});
        CHECK(bad.exit_code == 2);
    }

    TEST_CASE("the bash script completes subcommands, options and enumerated values in bash") {
        const fs::path bash = find_program("bash");
        REQUIRE_MESSAGE(!bash.empty(), "bash is not on PATH");
        TempDir dir;
        write_file(dir / "ptest.bash", ptest_in_temp({"completions", "bash"}).out);
        // COMP_WORDS as bash sets them for the words typed so far, the last one being completed.
        const std::string script = "source ./ptest.bash\n"
                                   "complete_words() { COMP_WORDS=(\"$@\"); "
                                   "COMP_CWORD=$(( $# - 1 )); _ptest; echo \"${COMPREPLY[*]}\"; }\n"
                                   "complete_words ptest ru\n"
                                   "complete_words ptest run --col\n"
                                   "complete_words ptest run --color ''\n"
                                   "complete_words ptest show-config ''\n"
                                   "complete_words ptest completions f\n"
                                   // A switch takes no value: the next word is an option.
                                   "complete_words ptest run --exact --col\n";
        Result result = run(bash, {"--norc", "-c", script}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        const std::vector<std::string> replies = lines_of(result.out);
        REQUIRE(replies.size() == 6);
        CHECK(replies[0] == "run");
        CHECK(replies[1] == "--color");
        CHECK(replies[2] == "auto always never");
        // A topic first, then the options.
        CHECK(replies[3].rfind("defaults profile test-groups --", 0) == 0);
        CHECK(replies[4] == "fish");
        CHECK(replies[5] == "--color");
    }

    TEST_CASE("the zsh and fish scripts are valid for their shells where they are installed") {
        for (const std::string shell : {"zsh", "fish"}) {
            const fs::path program = find_program(shell);
            if (program.empty()) {
                // Not installed here: the content check above is what covers this shell.
                MESSAGE(shell << " is not installed; its script was checked by content only");
                continue;
            }
            TempDir dir;
            write_file(dir / ("ptest." + shell), ptest_in_temp({"completions", shell}).out);
            Result result = run(program, {"-n", "ptest." + shell}, in_dir(dir));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 0);
        }
    }

} // TEST_SUITE
