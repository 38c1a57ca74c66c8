// doctest listing, exact selection, console report reading and the adapter, checked against
// doctest 2.4.9 and 2.5.2, and the listing of skipped cases also against 2.4.6;
// tests/data/list/doctest_* and tests/data/reports/doctest-* hold the captured output.
#include "runner/frameworks/doctest.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/ctest_args.hpp"
#include "runner/frameworks/doctest_batch.hpp"
#include "runner/frameworks/doctest_report.hpp"
#include "runner/frameworks/output_text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

namespace ptest::runner {

namespace {

/// `file:line: ERROR: ...` or `file:line: FATAL ERROR: ...` (WARNING and MESSAGE are not failures).
bool is_failure_line(std::string_view line) {
    return split_location(line, "ERROR: ").has_value() ||
           split_location(line, "FATAL ERROR: ").has_value();
}

} // namespace

ListParseResult parse_doctest_list(std::string_view output, int exit_code) {
    ListParseResult result;
    if (exit_code != 0) {
        result.error = "doctest listing exited with code " + std::to_string(exit_code);
        return result;
    }
    pugi::xml_document document;
    pugi::xml_parse_result parsed = document.load_buffer(output.data(), output.size());
    if (!parsed) {
        result.error = "doctest listing is not XML: " + std::string(parsed.description()) +
                       " at offset " + std::to_string(parsed.offset);
        return result;
    }
    pugi::xml_node root = document.child("doctest");
    if (!root) {
        result.error = "doctest listing has no <doctest> element";
        return result;
    }
    for (pugi::xml_node node : root.children("TestCase")) {
        TestCase test;
        test.name = node.attribute("name").as_string();
        test.suite = node.attribute("testsuite").as_string();
        if (!test.suite.empty()) {
            // Two suites may declare the same case name; the suite keeps them distinct.
            test.case_name = test.name;
            test.name = test.suite + "/" + test.case_name;
        }
        test.file = node.attribute("filename").as_string();
        test.line = node.attribute("line").as_uint();
        test.ignored = node.attribute("skipped").as_bool();
        if (!test.suite.empty()) {
            test.labels.push_back(test.suite);
        }
        result.cases.push_back(std::move(test));
    }
    return result;
}

namespace {

/// doctest's filter matching (case-sensitive, as ptest asks for): `*` any run, `?` one byte.
bool doctest_wildcard_matches(std::string_view pattern, std::string_view text) {
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

} // namespace

namespace {

const std::string& own_name(const TestCase& test) {
    return test.case_name.empty() ? test.name : test.case_name;
}

/// Whether the filters that select `test` (its name, and its suite or no suite) also select
/// `other`: doctest ignores an empty filter value, so an empty name matches every name.
bool selector_matches(const TestCase& test, const TestCase& other) {
    const bool suite_matches =
        test.suite.empty()
            ? other.suite.empty()
            : doctest_wildcard_matches(doctest_escape_filter(test.suite), other.suite);
    return suite_matches &&
           (own_name(test).empty() ||
            doctest_wildcard_matches(doctest_escape_filter(own_name(test)), own_name(other)));
}

bool has_wildcard(std::string_view text) {
    return text.find_first_of("*?") != std::string_view::npos;
}

} // namespace

namespace {

/// The listing's cases grouped by (suite, name), ordered so that a name's literal prefix is a
/// range; each group holds its cases' indices in listing order.
using CaseGroups =
    std::map<std::pair<std::string_view, std::string_view>, std::vector<std::uint32_t>>;

/// Count the cases of `groups` that the filters selecting `test` (listing index `index`) match,
/// and how many of them come before it. A plain suite keeps the search to the names in that suite
/// starting with the name's literal prefix, so wildcard names stay cheap in a large listing.
void count_matches(const CaseGroups& groups, const std::vector<TestCase>& cases,
                   std::uint32_t index, std::uint32_t& matched, std::uint32_t& before) {
    const TestCase& test = cases[index];
    const std::string pattern = doctest_escape_filter(own_name(test));
    const std::string_view name = pattern;
    auto count_group = [&](const std::vector<std::uint32_t>& group) {
        matched += static_cast<std::uint32_t>(group.size());
        before += static_cast<std::uint32_t>(std::lower_bound(group.begin(), group.end(), index) -
                                             group.begin());
    };
    if (has_wildcard(doctest_escape_filter(test.suite))) {
        for (const auto& [key, group] : groups) {
            if (selector_matches(test, cases[group.front()])) {
                count_group(group);
            }
        }
        return;
    }
    const std::string_view prefix = name.substr(0, name.find_first_of("*?"));
    for (auto it = groups.lower_bound({test.suite, prefix});
         it != groups.end() && it->first.first == test.suite &&
         it->first.second.starts_with(prefix);
         ++it) {
        if (name.empty() || doctest_wildcard_matches(name, it->first.second)) {
            count_group(it->second);
        }
    }
}

} // namespace

void mark_doctest_skips(std::vector<TestCase>& all, const std::vector<TestCase>& unskipped) {
    using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::uint32_t>;
    auto key = [](const TestCase& test) {
        return Key{test.suite, own_name(test), test.file, test.line};
    };
    std::map<Key, std::uint32_t> remaining;
    for (const TestCase& test : unskipped) {
        ++remaining[key(test)];
    }
    for (TestCase& test : all) {
        auto found = remaining.find(key(test));
        if (found != remaining.end() && found->second > 0) {
            --found->second;
        } else {
            test.ignored = true;
        }
    }
}

void mark_doctest_positions(std::vector<TestCase>& cases) {
    CaseGroups groups;
    for (std::uint32_t index = 0; index < cases.size(); ++index) {
        groups[{cases[index].suite, own_name(cases[index])}].push_back(index);
    }
    for (std::uint32_t index = 0; index < cases.size(); ++index) {
        std::uint32_t matched = 0;
        std::uint32_t before = 0;
        count_matches(groups, cases, index, matched, before);
        // The listing is in doctest's run order (`--order-by=file`), so the position among the
        // matches is the one `--first`/`--last` count.
        cases[index].position = matched > 1 ? before + 1 : 0;
    }
}

std::string doctest_escape_filter(std::string_view text) {
    std::string value(text);
    std::replace_if(
        value.begin(), value.end(), [](char c) { return c == ',' || c == '\\'; }, '?');
    return value;
}

std::vector<std::string> doctest_run_arguments(const TestCase& test) {
    const std::string& name = test.case_name.empty() ? test.name : test.case_name;
    std::vector<std::string> args{"--dt-test-case=" + doctest_escape_filter(name)};
    if (test.suite.empty()) {
        // An empty --dt-test-suite= is ignored by doctest, so exclude every named suite instead.
        args.emplace_back("--dt-test-suite-exclude=?*");
    } else {
        args.push_back("--dt-test-suite=" + doctest_escape_filter(test.suite));
    }
    args.emplace_back("--dt-case-sensitive=true");
    args.emplace_back("--dt-no-colors=true");
    args.emplace_back("--dt-no-version=true");
    if (test.position > 0) {
        // The name selects several cases: pick this one by its place in doctest's file order,
        // counting skip-decorated cases as the listing does.
        const std::string position = std::to_string(test.position);
        args.emplace_back("--dt-order-by=file");
        args.push_back("--dt-first=" + position);
        args.push_back("--dt-last=" + position);
    }
    if (test.ignored || test.position > 0) {
        args.emplace_back("--dt-no-skip=true");
    }
    return args;
}

FrameworkVerdict interpret_doctest_output(std::string_view stdout_text) {
    FrameworkVerdict verdict;
    constexpr std::string_view k_summary = "[doctest] test cases:";
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
        if (is_failure_line(line)) {
            failures.push_back({line});
            in_block = true;
        } else if (line.starts_with(k_summary)) {
            // `[doctest] test cases: 1 | 0 passed | 1 failed | 14 skipped`: the first number
            // counts the cases that ran; filtered-out cases are counted as skipped. doctest
            // pads the numbers to a common width (`test cases:  1 | 15 passed`).
            summary_seen = true;
            verdict.cases_run = base::leading_int(base::trim(line.substr(k_summary.size())));
        }
    }
    verdict.finished = summary_seen;
    if (!failures.empty()) {
        std::string first;
        for (std::string_view line : failures.front()) {
            first += std::string(line) + "\n";
        }
        verdict.failure_message = base::one_line(first);
        verdict.failure_description = join_blocks(failures, "\n");
    }
    return verdict;
}

namespace {

/// The doctest filter options (each also spelled with a `--dt-` or `-dt-` prefix).
constexpr std::array<std::string_view, 16> k_doctest_filters{
    "test-case=",   "tc=", "test-case-exclude=",   "tce=",
    "source-file=", "sf=", "source-file-exclude=", "sfe=",
    "test-suite=",  "ts=", "test-suite-exclude=",  "tse=",
    "subcase=",     "sc=", "subcase-exclude=",     "sce="};

/// `arg` without its `--`, `-`, `--dt-` or `-dt-` prefix; empty when it is no option.
std::string_view doctest_option(std::string_view arg) {
    for (std::string_view prefix : {"--dt-", "-dt-", "--", "-"}) {
        if (arg.starts_with(prefix)) {
            return arg.substr(prefix.size());
        }
    }
    return {};
}

/// Exactly one `--test-case=`/`-tc=` filter with no wildcard or list is one case; no filter
/// expands; other filters make a command, and so do options that replace the console report.
CommandMapping map_doctest_command(const std::vector<std::string>& args) {
    std::optional<std::string_view> test_case;
    int filters = 0;
    for (const std::string& arg : args) {
        std::string_view option = doctest_option(arg);
        if (option.starts_with("r=") || option.starts_with("reporters=") ||
            option.starts_with("ltc") || option.starts_with("list-") || option.starts_with("lts") ||
            option.starts_with("lr") || option == "c" || option.starts_with("count")) {
            return run_whole("its arguments replace doctest's console report");
        }
        for (std::string_view filter : k_doctest_filters) {
            if (option.starts_with(filter)) {
                ++filters;
                if (filter == "test-case=" || filter == "tc=") {
                    test_case = option.substr(filter.size());
                }
                break;
            }
        }
    }
    if (filters == 0) {
        return expand_cases();
    }
    if (filters == 1 && test_case && !test_case->empty() &&
        test_case->find_first_of("*?") == std::string_view::npos &&
        !has_unescaped(*test_case, ',')) {
        return run_one_case(remove_backslash_escapes(*test_case));
    }
    return run_whole("its doctest filters can match more than one test case");
}

/// Runner markers: strings of doctest's command line, help text and banner, in 2.4 and 2.5.
constexpr std::array<std::string_view, 5> k_runner_markers{
    "list-test-cases", "doctest version is", "dt-test-case",
    "test-suite-exclude=", "ALL FLAGS, OPTIONS AND FILTERS ALSO AVAILABLE WITH A"};
constexpr std::array<std::string_view, 2> k_symbol_markers{"N7doctest", "_ZN7doctest"};

class DoctestAdapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override { return "doctest"; }
    [[nodiscard]] std::string_view display_name() const override { return "doctest"; }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return k_runner_markers;
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override {
        return k_symbol_markers;
    }
    /// Every case (`--no-skip`), then the cases that run without it: doctest before 2.4.7 marks
    /// no skip-decorated case in its listing, so the difference is what tells them.
    [[nodiscard]] int list_pass_count() const override { return 2; }
    [[nodiscard]] std::vector<std::string> list_arguments(int pass) const override {
        // File order, whatever the binary's own arguments say: positions count in it.
        if (pass == 1) {
            return {"--dt-list-test-cases", "--dt-reporters=xml", "--dt-order-by=file"};
        }
        return {"--dt-list-test-cases", "--dt-reporters=xml", "--dt-no-skip=true",
                "--dt-order-by=file"};
    }
    [[nodiscard]] ListParseResult parse_list_output(int /*pass*/, std::string_view output,
                                                    int exit_code) const override {
        return parse_doctest_list(output, exit_code);
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes,
                      std::string_view /*binary_id*/) const override {
        if (passes.empty()) {
            return {};
        }
        std::vector<TestCase> cases = std::move(passes.front().cases);
        if (passes.size() > 1) {
            mark_doctest_skips(cases, passes[1].cases);
        }
        mark_doctest_positions(cases);
        return cases;
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        return doctest_run_arguments(test);
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        return doctest_report_arguments(path);
    }
    [[nodiscard]] bool report_keeps_console() const override { return false; }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return doctest_own_report_options();
    }
    [[nodiscard]] FrameworkVerdict
    interpret_report(const TestCase& test, const std::optional<std::string>& report, int exit_code,
                     std::string_view /*stdout_text*/) const override {
        // The XML reporter replaces the console one, so stdout holds only the test's own output;
        // the failure lines come from the report.
        return judge_doctest_report(test, report, exit_code);
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view stdout_text,
                     std::string_view /*stderr_text*/,
                     bool /*premature_exit_file_exists*/) const override {
        // doctest's console reporter writes its whole report to stdout.
        return interpret_doctest_output(stdout_text);
    }
    [[nodiscard]] std::vector<bool>
    batchable_cases(std::span<const TestCase> listed) const override {
        return doctest_batchable_cases(listed);
    }
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase> listed,
                                                 std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const override {
        return doctest_batch_arguments(listed, batch, report_path);
    }
    [[nodiscard]] BatchSelector batch_selector() const override {
        return BatchSelector::names_matched_by_every_case;
    }
    [[nodiscard]] std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const override {
        return interpret_doctest_batch(batch, report, exit_code, stdout_text, stderr_text);
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const override {
        return map_doctest_command(args);
    }
};

} // namespace

const FrameworkAdapter& doctest_adapter() {
    static const DoctestAdapter adapter;
    return adapter;
}

} // namespace ptest::runner
