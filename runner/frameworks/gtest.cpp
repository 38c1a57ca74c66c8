// GoogleTest listing, selection and report reading. The formats are those of GoogleTest 1.12's
// default printer; tests/data/list/gtest_* holds captured real output for every shape read here.
#include "runner/frameworks/gtest.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/ctest_args.hpp"
#include "runner/frameworks/output_text.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace ptest::runner {

namespace {

constexpr std::string_view k_disabled_prefix = "DISABLED_";
constexpr std::string_view k_run_tag = "[ RUN      ] ";
constexpr std::string_view k_ok_tag = "[       OK ] ";
constexpr std::string_view k_failed_tag = "[  FAILED  ] ";
constexpr std::string_view k_skipped_tag = "[  SKIPPED ] ";
constexpr std::string_view k_summary_tag = "[==========] ";
constexpr std::string_view k_exception_text = "C++ exception with description ";

/// The name at the start of a list line, when the rest is empty or a `  # GetParam() = ...` /
/// `  # TypeParam = ...` comment; names never contain spaces. Empty when the line is outside the
/// grammar.
std::string_view listed_name(std::string_view text) {
    std::size_t space = text.find(' ');
    if (space == std::string_view::npos) {
        return text;
    }
    if (text.substr(space, 4) != "  # ") {
        return {};
    }
    return text.substr(0, space);
}

bool is_name(std::string_view text) {
    return !text.empty() && text.find_first_of(" \t") == std::string_view::npos;
}

/// `file:line: Failure`, or `unknown file: Failure` for an exception thrown in the test body.
bool is_failure_header(std::string_view line) {
    if (line == "unknown file: Failure") {
        return true;
    }
    auto location = split_location(line, "Failure");
    return location && location->rest == "Failure";
}

} // namespace

bool gtest_name_is_disabled(std::string_view suite_or_case) {
    return suite_or_case.starts_with(k_disabled_prefix) ||
           suite_or_case.find("/DISABLED_") != std::string_view::npos;
}

ListParseResult parse_gtest_list(std::string_view output, int exit_code) {
    ListParseResult result;
    if (exit_code != 0) {
        result.error = "GoogleTest listing exited with code " + std::to_string(exit_code);
        return result;
    }
    std::string suite;
    bool suite_disabled = false;
    std::string_view first_stray;
    for (std::string_view line : base::split_lines(output)) {
        if (line.starts_with("  ") && line.size() > 2 && line[2] != ' ') {
            std::string_view name = listed_name(line.substr(2));
            if (!is_name(name)) {
                if (first_stray.empty()) {
                    first_stray = line;
                }
                continue;
            }
            if (suite.empty()) {
                result.error = "GoogleTest listing has a test case line before any test suite "
                               "line: `" +
                               std::string(line) + "`";
                return result;
            }
            TestCase test;
            test.name = suite + std::string(name);
            test.ignored = suite_disabled || gtest_name_is_disabled(name);
            result.cases.push_back(std::move(test));
            continue;
        }
        std::string_view head = listed_name(line);
        if (is_name(head) && head.size() > 1 && head.back() == '.' && line[0] != ' ') {
            suite = std::string(head);
            suite_disabled = gtest_name_is_disabled(head.substr(0, head.size() - 1));
            continue;
        }
        if (first_stray.empty() && !base::trim(line).empty() &&
            !line.starts_with("Running main() from ")) {
            first_stray = line;
        }
    }
    if (suite.empty() && !first_stray.empty()) {
        result.error = "not a GoogleTest listing (no test suite line; first line: `" +
                       std::string(first_stray) + "`)";
    }
    return result;
}

std::vector<std::string> gtest_run_arguments(const TestCase& test) {
    std::string filter = "--gtest_filter=" + test.name;
    std::replace_if(
        filter.begin() + static_cast<std::ptrdiff_t>(filter.find('=') + 1), filter.end(),
        [](char c) { return c == '-' || c == ':' || c == '*' || c == '?'; }, '?');
    std::vector<std::string> args{std::move(filter), "--gtest_color=no"};
    if (test.ignored) {
        args.emplace_back("--gtest_also_run_disabled_tests");
    }
    return args;
}

namespace {

/// The lines GoogleTest printed after `file:line: Skipped`, joined into one line.
std::string gtest_skip_message(const std::vector<std::string_view>& skip_lines) {
    std::string message;
    for (std::string_view line : skip_lines) {
        if (!base::trim(line).empty()) {
            message += message.empty() ? "" : " ";
            message += std::string(base::trim(line));
        }
    }
    return message;
}

/// The one-line message of a failure block: `file:line: <every detail line>` (the values an
/// `Expected equality` is about included), or the exception's text for an exception thrown
/// outside an assertion.
std::string gtest_failure_message(const std::vector<std::string_view>& first) {
    std::string detail;
    for (std::size_t i = 1; i < first.size(); ++i) {
        if (!base::trim(first[i]).empty()) {
            detail += detail.empty() ? "" : " ";
            detail += base::trim(first[i]);
        }
    }
    if (detail.starts_with(k_exception_text) || first.front() == "unknown file: Failure") {
        return base::one_line(detail.empty() ? std::string(first.front()) : detail);
    }
    auto location = split_location(first.front(), "Failure");
    return base::one_line(std::string(location->location) + ": " +
                          (detail.empty() ? std::string("Failure") : detail));
}

} // namespace

FrameworkVerdict interpret_gtest_output(std::string_view stdout_text,
                                        bool premature_exit_file_exists) {
    FrameworkVerdict verdict;
    int runs = 0;
    bool open = false;
    bool summary_seen = false;
    std::vector<std::vector<std::string_view>> failures;
    std::vector<std::string_view> skip_lines;
    bool in_skip = false;
    std::vector<std::string_view>* block = nullptr;

    for (std::string_view line : base::split_lines(stdout_text)) {
        if (line.starts_with(k_run_tag)) {
            ++runs;
            open = true;
            block = nullptr;
            in_skip = false;
            continue;
        }
        // A case closes with `[       OK ] Suite.Case (0 ms)` or its FAILED/SKIPPED forms; the
        // final summary reuses the tags, but only lines seen while a case is open count.
        if (open && (line.starts_with(k_ok_tag) || line.starts_with(k_failed_tag) ||
                     line.starts_with(k_skipped_tag))) {
            open = false;
            block = nullptr;
            in_skip = false;
            if (line.starts_with(k_skipped_tag)) {
                verdict.skipped = true;
            }
            continue;
        }
        if (line.starts_with(k_summary_tag) && line.find(" ran.") != std::string_view::npos) {
            summary_seen = true;
            verdict.cases_run = base::leading_int(line.substr(k_summary_tag.size()));
            continue;
        }
        if (!open) {
            continue;
        }
        if (is_failure_header(line)) {
            failures.emplace_back();
            block = &failures.back();
            in_skip = false;
        } else if (auto location = split_location(line, "Skipped");
                   location && location->rest == "Skipped") {
            block = nullptr;
            in_skip = true;
            continue;
        }
        if (block != nullptr) {
            block->push_back(line);
        } else if (in_skip) {
            skip_lines.push_back(line);
        }
    }

    if (!summary_seen && runs > 0) {
        verdict.cases_run = runs;
    }
    verdict.finished = !premature_exit_file_exists && !open && (summary_seen || runs > 0);
    if (verdict.skipped) {
        verdict.skip_message = gtest_skip_message(skip_lines);
    }
    if (!failures.empty()) {
        verdict.failure_message = gtest_failure_message(failures.front());
        verdict.failure_description = join_blocks(failures, "");
    }
    return verdict;
}

namespace {

/// An exact `--gtest_filter=NAME` (no `*`, `?`, `:` or `-`) is one case; a pattern filter, or
/// none, expands (the listing honours the filter, and the selector ptest adds comes later, so it
/// wins); a listing request is a command.
CommandMapping map_gtest_command(const std::vector<std::string>& args) {
    std::optional<std::string_view> filter;
    for (const std::string& arg : args) {
        if (arg.starts_with("--gtest_list_tests") || arg.starts_with("-gtest_list_tests")) {
            return run_whole("its arguments ask GoogleTest for a listing");
        }
        // GoogleTest takes the last of repeated flags.
        if (auto value = option_value(arg, "--gtest_filter=")) {
            filter = value;
        } else if (auto other = option_value(arg, "-gtest_filter=")) {
            filter = other;
        }
    }
    if (filter && !filter->empty() && filter->find_first_of("*?:-") == std::string_view::npos) {
        return run_one_case(std::string(*filter));
    }
    return expand_cases();
}

/// Runner markers: option names from GoogleTest's help text and environment, in every version
/// from 1.10 on. Symbol markers: `testing::Test` and the `testing::internal` namespace, which holds
/// one test factory per test (their count tells GoogleTest's code from a mere mention).
constexpr std::array<std::string_view, 6> k_runner_markers{
    "--gtest_list_tests",       "gtest_list_tests",
    "--gtest_filter",           "--gtest_also_run_disabled_tests",
    "--gtest_death_test_style", "GTEST_SHARD_INDEX"};
constexpr std::array<std::string_view, 3> k_symbol_markers{"N7testing4TestE", "_ZN7testing4Test",
                                                           "N7testing8internal"};
/// The options by which a binary's own arguments ask GoogleTest for a report of their own.
constexpr std::array<std::string_view, 2> k_own_report_options{"--gtest_output", "-gtest_output"};

class GtestAdapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override { return "gtest"; }
    [[nodiscard]] std::string_view display_name() const override { return "GoogleTest"; }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return k_runner_markers;
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override {
        return k_symbol_markers;
    }
    [[nodiscard]] int list_pass_count() const override { return 1; }
    [[nodiscard]] std::vector<std::string> list_arguments(int /*pass*/) const override {
        return {"--gtest_list_tests"};
    }
    [[nodiscard]] ListParseResult parse_list_output(int /*pass*/, std::string_view output,
                                                    int exit_code) const override {
        return parse_gtest_list(output, exit_code);
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes,
                      std::string_view /*binary_id*/) const override {
        return concatenate_passes(std::move(passes));
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        return gtest_run_arguments(test);
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        return {"--gtest_output=xml:" + std::string(path)};
    }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return k_own_report_options;
    }
    [[nodiscard]] FrameworkVerdict interpret_report(const TestCase& test,
                                                    const std::optional<std::string>& report,
                                                    int exit_code,
                                                    std::string_view stdout_text) const override {
        FrameworkVerdict verdict = judge_gtest_report(test, report, exit_code);
        if (verdict.failed && !stdout_text.empty()) {
            // The console's failure blocks (with the test's own output between them) are what
            // people read; the report keeps only each assertion's text.
            FrameworkVerdict console = interpret_gtest_output(stdout_text, false);
            if (!console.failure_description.empty()) {
                verdict.failure_description = std::move(console.failure_description);
            }
        }
        return verdict;
    }
    [[nodiscard]] std::vector<bool>
    batchable_cases(std::span<const TestCase> listed) const override {
        return gtest_batchable_cases(listed);
    }
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase> /*listed*/,
                                                 std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const override {
        return gtest_batch_arguments(batch, report_path);
    }
    [[nodiscard]] std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const override {
        return interpret_gtest_batch(batch, report, exit_code, stdout_text, stderr_text);
    }
    [[nodiscard]] std::optional<PrematureExitFile>
    premature_exit_file(const std::filesystem::path& scratch_dir,
                        std::uint64_t serial) const override {
        return PrematureExitFile{"TEST_PREMATURE_EXIT_FILE",
                                 scratch_dir / ("premature-" + std::to_string(serial))};
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view stdout_text,
                     std::string_view /*stderr_text*/,
                     bool premature_exit_file_exists) const override {
        // GoogleTest's default printer writes its whole report to stdout.
        return interpret_gtest_output(stdout_text, premature_exit_file_exists);
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const override {
        return map_gtest_command(args);
    }
};

} // namespace

const FrameworkAdapter& gtest_adapter() {
    static const GtestAdapter adapter;
    return adapter;
}

} // namespace ptest::runner
