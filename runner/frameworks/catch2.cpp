// Catch2 v2 listing, run and report arguments, console reading and the adapter. Every rule here
// was checked against a Catch2 v2.13.10 binary; tests/data/list/catch2_* and
// tests/data/reports/catch2-2.13.10 hold the captured output.
#include "runner/frameworks/catch2.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/catch2_batch.hpp"
#include "runner/frameworks/catch2_report.hpp"
#include "runner/frameworks/catch2_spec.hpp"
#include "runner/frameworks/ctest_args.hpp"
#include "runner/frameworks/output_text.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

namespace ptest::runner {

namespace {

/// `file:line: FAILED:`, the header of each failed assertion.
bool is_failure_header(std::string_view line) {
    auto location = split_location(line, "FAILED:");
    return location && location->rest == "FAILED:";
}

} // namespace

ListParseResult parse_catch2_list(int pass, std::string_view output, int exit_code) {
    ListParseResult result;
    for (std::string_view line : base::split_lines(output)) {
        if (line.empty()) {
            continue;
        }
        if (line.size() >= 3 && line.starts_with("\"#") && line.back() == '"') {
            line = line.substr(1, line.size() - 2);
        }
        TestCase test;
        test.name = std::string(line);
        test.ignored = pass == 1;
        result.cases.push_back(std::move(test));
    }
    // Catch2 v2.13 returns min(count, 255) from main; an older v2 returned the count, which
    // the exit status truncates to count % 256; a custom main that ignores the session's result
    // (`session.run(); return 0;`) returns 0.
    const auto count = static_cast<int>(result.cases.size());
    const int expected = std::min(count, 255);
    if (exit_code != expected && exit_code != count % 256 && exit_code != 0) {
        result.error = "Catch2 listing printed " + std::to_string(result.cases.size()) +
                       " names but exited with code " + std::to_string(exit_code) +
                       " (Catch2 v2 exits with the number of names listed, or 0 from a main that "
                       "ignores it)";
    }
    return result;
}

namespace {

/// A `--list-tests` tags line: six spaces, then nothing but `[tag]` groups.
bool is_tags_line(std::string_view line) {
    if (!line.starts_with("      ")) {
        return false;
    }
    std::string_view rest = line.substr(line.find_first_not_of(' '));
    while (!rest.empty() && rest.back() == ' ') {
        rest.remove_suffix(1);
    }
    return rest.size() >= 2 && rest.front() == '[' && rest.back() == ']';
}

} // namespace

std::vector<std::string> split_catch2_tags(std::string_view tags) {
    std::vector<std::string> labels;
    std::size_t at = 0;
    while ((at = tags.find('[', at)) != std::string_view::npos) {
        const std::size_t close = tags.find(']', at);
        if (close == std::string_view::npos) {
            break;
        }
        labels.emplace_back(tags.substr(at + 1, close - at - 1));
        at = close + 1;
    }
    return labels;
}

ListParseResult parse_catch2_tag_list(std::string_view output) {
    // `  name` starts a case, a wrapped name goes on at a deeper indentation, and `      [a][b]`
    // lines hold its tags; a line at the left margin ends the list. Which lines continue a name
    // is left to `add_catch2_tags`, which knows the names.
    ListParseResult result;
    bool in_list = false;
    std::string tags;
    auto finish_tags = [&] {
        if (!result.cases.empty()) {
            std::vector<std::string> labels = split_catch2_tags(tags);
            std::move(labels.begin(), labels.end(), std::back_inserter(result.cases.back().labels));
        }
        tags.clear();
    };
    for (std::string_view line : base::split_lines(output)) {
        if (!in_list) {
            in_list = line.ends_with(":");
            continue;
        }
        if (line.empty()) {
            continue;
        }
        if (!line.starts_with("  ")) {
            break;
        }
        if (is_tags_line(line)) {
            tags += line.substr(line.find_first_not_of(' '));
        } else {
            finish_tags();
            TestCase entry;
            entry.name = std::string(line.substr(2));
            result.cases.push_back(std::move(entry));
        }
    }
    finish_tags();
    return result;
}

namespace {

/// `text` without its spaces: Catch2 wraps names at spaces and drops the space it wraps at.
std::string without_spaces(std::string_view text) {
    std::string out;
    std::copy_if(text.begin(), text.end(), std::back_inserter(out),
                 [](char c) { return c != ' '; });
    return out;
}

/// The labels of the entries from `entries[at]` on that make up the listing of a case named
/// `name` (its first line, the lines it wraps onto, then its tags), moving `at` past them;
/// nullopt when they do not spell `name`.
std::optional<std::vector<std::string>>
take_entries(const std::string& name, const std::vector<TestCase>& entries, std::size_t& at) {
    const std::string target = without_spaces(name);
    if (at >= entries.size()) {
        return std::nullopt;
    }
    std::string spelled = without_spaces(entries[at].name);
    std::vector<std::string> labels = entries[at].labels;
    ++at;
    while (spelled.size() < target.size() && at < entries.size()) {
        std::string next = spelled + without_spaces(entries[at].name);
        if (!target.starts_with(next) && spelled.ends_with('-')) {
            // A word too long for the line is cut with a hyphen.
            next = spelled.substr(0, spelled.size() - 1) + without_spaces(entries[at].name);
        }
        if (!target.starts_with(next)) {
            break;
        }
        spelled = std::move(next);
        labels.insert(labels.end(), entries[at].labels.begin(), entries[at].labels.end());
        ++at;
    }
    if (spelled != target) {
        return std::nullopt;
    }
    return labels;
}

} // namespace

void add_catch2_tags(std::vector<TestCase>& cases, const std::vector<TestCase>& tagged) {
    std::vector<std::vector<std::string>> labels;
    labels.reserve(cases.size());
    std::size_t at = 0;
    for (const TestCase& test : cases) {
        std::optional<std::vector<std::string>> own = take_entries(test.name, tagged, at);
        if (!own) {
            return;
        }
        labels.push_back(std::move(*own));
    }
    if (at != tagged.size()) {
        return;
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        cases[i].labels = std::move(labels[i]);
    }
}

std::vector<std::string> catch2_run_arguments(const TestCase& test) {
    return {"--use-colour", "no", catch2_test_spec(test, Catch2Tags::when_wildcard).argument};
}

FrameworkVerdict interpret_catch2_output(std::string_view stdout_text) {
    FrameworkVerdict verdict;
    bool summary_seen = false;
    std::vector<std::vector<std::string_view>> failures;
    bool in_block = false;
    for (std::string_view line : base::split_lines(stdout_text)) {
        if (in_block) {
            if (base::trim(line).empty()) {
                in_block = false;
            } else {
                failures.back().push_back(line);
            }
            continue;
        }
        if (is_failure_header(line)) {
            failures.push_back({line});
            in_block = true;
        } else if (line.starts_with("All tests passed (")) {
            // `All tests passed (3 assertions in 1 test case)`.
            summary_seen = true;
            std::size_t in = line.rfind(" in ");
            if (in != std::string_view::npos) {
                verdict.cases_run = base::leading_int(line.substr(in + 4));
            }
        } else if (line.starts_with("test cases:")) {
            // `test cases: 1 | 1 failed`; the counts may be padded to a common width.
            summary_seen = true;
            verdict.cases_run = base::leading_int(base::trim(line.substr(11)));
        } else if (line.starts_with("No test cases matched ") || line == "No tests ran") {
            summary_seen = summary_seen || line == "No tests ran";
            verdict.cases_run = 0;
        }
    }
    verdict.finished = summary_seen;
    if (!failures.empty()) {
        const std::vector<std::string_view>& first = failures.front();
        auto location = split_location(first.front(), "FAILED:");
        // The whole block after the header, made one line: the expression with its expansion,
        // or an explanation (`due to unexpected exception with message:`) with its detail.
        std::string message(location->location);
        message += first.size() > 1 ? ":" : ": FAILED";
        for (std::size_t i = 1; i < first.size(); ++i) {
            message += " " + std::string(base::trim(first[i]));
        }
        verdict.failure_message = base::one_line(message);
        verdict.failure_description = join_blocks(failures, "\n");
    }
    return verdict;
}

namespace {

/// Catch2 options (v2's, and v3's `--colour-mode`) that take a value in the next argument.
constexpr std::array<std::string_view, 23> k_catch2_value_options{"--colour-mode",
                                                                  "-o",
                                                                  "--out",
                                                                  "-n",
                                                                  "--name",
                                                                  "-d",
                                                                  "--durations",
                                                                  "-f",
                                                                  "--input-file",
                                                                  "-c",
                                                                  "--section",
                                                                  "-x",
                                                                  "--abortx",
                                                                  "-w",
                                                                  "--warn",
                                                                  "--order",
                                                                  "--rng-seed",
                                                                  "--use-colour",
                                                                  "--wait-for-keypress",
                                                                  "-v",
                                                                  "--verbosity",
                                                                  "--benchmark-samples",
                                                                  "--benchmark-resamples"};

/// Catch2 options that replace the console report ptest reads or send it to a file (as
/// `catch_discover_tests` REPORTER and OUTPUT_DIR register them), or list instead of running.
constexpr std::array<std::string_view, 11> k_catch2_report_options{"-r",
                                                                   "--reporter",
                                                                   "-o",
                                                                   "--out",
                                                                   "-l",
                                                                   "--list-tests",
                                                                   "-t",
                                                                   "--list-tags",
                                                                   "--list-test-names-only",
                                                                   "--list-reporters",
                                                                   "--list-tests-verbose"};

/// One test-spec argument naming a case exactly (no wildcard, tag, exclusion or `,`) is one case,
/// named with its `\` escapes removed; no test spec expands; more than one is a command, and so
/// are options that replace the console report.
CommandMapping map_catch2_command(const std::vector<std::string>& args) {
    std::vector<std::string_view> specs;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        // Catch2 reads `--reporter junit` and `--out:FILE` as one argument too, as
        // catch_discover_tests registers them: the option's name ends at a space, `:` or `=`.
        std::string_view option = arg.substr(0, arg.find_first_of(" :="));
        for (std::string_view report : k_catch2_report_options) {
            if (option == report) {
                return run_whole("its arguments replace Catch2's console report");
            }
        }
        if (arg.starts_with("-") && arg.size() > 1) {
            for (std::string_view with_value : k_catch2_value_options) {
                if (arg == with_value) {
                    ++i; // The option's value is not a test spec.
                    break;
                }
            }
            continue;
        }
        specs.push_back(arg);
    }
    if (specs.empty()) {
        return expand_cases();
    }
    if (specs.size() > 1) {
        return run_whole("it passes Catch2 more than one test spec");
    }
    std::string_view spec = specs.front();
    std::string name = remove_backslash_escapes(spec);
    // Catch2 reads a `*` at either end as a wildcard even when escaped.
    bool exact = !name.empty() && !has_unescaped(spec, ',') && !has_unescaped(spec, '[') &&
                 !spec.starts_with('~') && !spec.starts_with("exclude:") && name.front() != '*' &&
                 name.back() != '*';
    if (exact) {
        return run_one_case(name);
    }
    return run_whole("its Catch2 test spec can match more than one test case");
}

/// The options by which a binary's own arguments choose Catch2's reporter or its output.
constexpr std::array<std::string_view, 4> k_own_report_options{"--reporter", "-r", "--out", "-o"};

/// Runner markers: strings of Catch2's command line and banner. The first two are v2's only; the
/// others are in 2.13 and 3.x alike.
constexpr std::array<std::string_view, 6> k_runner_markers{
    "--list-test-names-only", "Catch v",
    "host application.",      "--libidentify",
    "--wait-for-keypress",    "--filenames-as-tags"};
constexpr std::array<std::string_view, 2> k_symbol_markers{"N5Catch", "_ZN5Catch"};

/// Passes 0 and 1 list the visible and the hidden names; passes 2 and 3 the same two lists with
/// each case's tags.
constexpr int k_name_passes = 2;

class Catch2Adapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override { return "catch2"; }
    [[nodiscard]] std::string_view display_name() const override { return "Catch2"; }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return k_runner_markers;
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override {
        return k_symbol_markers;
    }
    [[nodiscard]] int list_pass_count() const override { return 2 * k_name_passes; }
    [[nodiscard]] std::vector<std::string> list_arguments(int pass) const override {
        switch (pass) {
        case 0:
            return {"--list-test-names-only"};
        case 1:
            return {"--list-test-names-only", "[.]"};
        case 2:
            return {"--list-tests"};
        default:
            return {"--list-tests", "[.]"};
        }
    }
    [[nodiscard]] ListParseResult parse_list_output(int pass, std::string_view output,
                                                    int exit_code) const override {
        if (pass >= k_name_passes) {
            return parse_catch2_tag_list(output);
        }
        return parse_catch2_list(pass, output, exit_code);
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes,
                      std::string_view /*binary_id*/) const override {
        // Passes 2 and 3 carry the tags of passes 0 and 1's cases, not cases of their own.
        const std::size_t name_passes =
            std::min<std::size_t>(passes.size(), static_cast<std::size_t>(k_name_passes));
        for (std::size_t pass = 0; pass < name_passes; ++pass) {
            std::vector<TestCase>& named = passes[pass].cases;
            if (pass + k_name_passes < passes.size()) {
                add_catch2_tags(named, passes[pass + k_name_passes].cases);
            }
            if (pass == 1) {
                for (TestCase& test : named) {
                    test.ignored = true;
                }
            }
        }
        passes.resize(name_passes);
        std::vector<TestCase> cases = concatenate_passes(std::move(passes));
        mark_catch2_indistinguishable(cases, Catch2Tags::when_wildcard, false);
        return cases;
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        return catch2_run_arguments(test);
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        // Catch2 v2 runs one reporter only: the console gets none, and the report gives back
        // what it printed (see `judge_catch2_report`).
        return {"-r", "xml", "-o", std::string(path)};
    }
    [[nodiscard]] bool report_keeps_console() const override { return false; }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return catch2_report_options();
    }
    [[nodiscard]] FrameworkVerdict
    interpret_report(const TestCase& test, const std::optional<std::string>& report, int exit_code,
                     std::string_view /*stdout_text*/) const override {
        return judge_catch2_report(test, report, exit_code, Catch2Major::v2);
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view stdout_text,
                     std::string_view /*stderr_text*/,
                     bool /*premature_exit_file_exists*/) const override {
        // The binary's own arguments chose the reporter: Catch2's console report, on stdout.
        return interpret_catch2_output(stdout_text);
    }
    [[nodiscard]] std::vector<bool>
    batchable_cases(std::span<const TestCase> listed) const override {
        return catch2_batchable_cases(listed, Catch2Major::v2);
    }
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase> listed,
                                                 std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const override {
        return catch2_batch_arguments(listed, batch, report_path, Catch2Major::v2);
    }
    [[nodiscard]] BatchSelector batch_selector() const override {
        return BatchSelector::names_matched_by_every_case;
    }
    [[nodiscard]] std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const override {
        return interpret_catch2_batch(batch, report, exit_code, stdout_text, stderr_text,
                                      Catch2Major::v2);
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const override {
        return map_catch2_command(args);
    }
};

} // namespace

std::span<const std::string_view> catch2_report_options() {
    return k_own_report_options;
}

const FrameworkAdapter& catch2_adapter() {
    static const Catch2Adapter adapter;
    return adapter;
}

} // namespace ptest::runner
