// Boost.Test listing, CTest mapping and the adapter; the XML log is judged in boost_test_log.cpp.
// Every rule here was checked against Boost.Test 1.74, header-only and linked against Debian's
// shared library; tests/data/reports/boost-test-1.74 holds captured output and
// tests/data/reports/FINDINGS.md what it shows.
#include "runner/frameworks/boost_test.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/ctest_args.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <unordered_map>

namespace ptest::runner {

namespace {

/// Boost.Test numbers test cases from this id up (`MIN_TEST_CASE_ID`) and suites below it.
constexpr std::uint64_t k_first_case_id = 0x10000;

/// One node of the DOT test tree.
struct DotUnit {
    std::string name;
    std::uint64_t parent = 0;
    bool has_parent = false;
    TestCase test; ///< The case's listing data; its name is filled in at the end.
};

std::optional<std::uint64_t> parse_id(std::string_view text) {
    std::uint64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return id;
}

std::uint32_t parse_count(std::string_view text) {
    std::uint32_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

/// Add the labels of a ` @a @b` list to `labels`, without their `@`.
void add_labels(std::string_view list, std::vector<std::string>& labels) {
    std::size_t at = 0;
    while ((at = list.find(" @", at)) != std::string_view::npos) {
        const std::size_t end = list.find(" @", at + 2);
        labels.emplace_back(
            list.substr(at + 2, end == std::string_view::npos ? end : end - at - 2));
        at = end;
    }
}

/// Split the trailing `|timeout=N`, `|expected failures=N` and `|labels: @a @b` fields off a
/// unit's DOT label into `test`; returns what is left (`name|file(line)`). A name may hold `|`,
/// so fields are taken from the right.
std::string_view take_label_fields(std::string_view label, TestCase& test) {
    while (true) {
        const std::size_t bar = label.rfind('|');
        if (bar == std::string_view::npos) {
            return label;
        }
        const std::string_view field = label.substr(bar + 1);
        if (field.starts_with("labels:")) {
            add_labels(field.substr(7), test.labels);
        } else if (field.starts_with("expected failures=")) {
            test.expected_failures = parse_count(field.substr(18));
        } else if (!field.starts_with("timeout=")) {
            return label;
        }
        label = label.substr(0, bar);
    }
}

/// Fill `unit` from the contents of a DOT `label="…"` attribute.
void read_label(std::string_view label, DotUnit& unit) {
    label = take_label_fields(label, unit.test);
    const std::size_t bar = label.rfind('|');
    if (bar == std::string_view::npos) {
        unit.name = std::string(label); // The master suite: a name only.
        return;
    }
    unit.name = std::string(label.substr(0, bar));
    std::string_view where = label.substr(bar + 1);
    const std::size_t open = where.rfind('(');
    if (open != std::string_view::npos && where.ends_with(')')) {
        unit.test.file = std::string(where.substr(0, open));
        unit.test.line = parse_count(where.substr(open + 1, where.size() - open - 2));
    }
}

/// The unit a DOT node line (`tu7[shape=…,color=green,label="…"];`) defines, with its id.
std::optional<std::pair<std::uint64_t, DotUnit>> parse_node(std::string_view line) {
    const std::size_t bracket = line.find('[');
    const std::size_t label_at = line.find("label=\"");
    if (!line.starts_with("tu") || bracket == std::string_view::npos ||
        label_at == std::string_view::npos || !line.ends_with("\"];")) {
        return std::nullopt;
    }
    std::optional<std::uint64_t> id = parse_id(line.substr(2, bracket - 2));
    if (!id) {
        return std::nullopt;
    }
    DotUnit unit;
    const std::string_view attributes = line.substr(bracket, label_at - bracket);
    unit.test.ignored = attributes.find("color=yellow") != std::string_view::npos;
    const std::size_t start = label_at + 7;
    read_label(line.substr(start, line.size() - 3 - start), unit);
    return std::make_pair(*id, std::move(unit));
}

/// The parent and child of a DOT tree edge line (`tu1 -> tu2;`); nullopt for other lines
/// (dependency edges carry attributes).
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_edge(std::string_view line) {
    const std::size_t arrow = line.find(" -> ");
    if (!line.starts_with("tu") || arrow == std::string_view::npos || !line.ends_with(';')) {
        return std::nullopt;
    }
    const std::string_view child = line.substr(arrow + 4, line.size() - arrow - 5);
    std::optional<std::uint64_t> from = parse_id(line.substr(2, arrow - 2));
    std::optional<std::uint64_t> to =
        child.starts_with("tu") ? parse_id(child.substr(2)) : std::nullopt;
    if (!from || !to) {
        return std::nullopt;
    }
    return std::make_pair(*from, *to);
}

/// `unit`'s path below the master suite.
std::string full_name(const std::unordered_map<std::uint64_t, DotUnit>& units,
                      const DotUnit& unit) {
    std::string name = unit.name;
    const DotUnit* at = &unit;
    while (at->has_parent) {
        auto parent = units.find(at->parent);
        if (parent == units.end() || !parent->second.has_parent) {
            break; // The master suite is not part of the path.
        }
        at = &parent->second;
        name.insert(0, at->name + "/");
    }
    return name;
}

} // namespace

ListParseResult parse_boost_list(std::string_view output, int exit_code) {
    ListParseResult result;
    std::unordered_map<std::uint64_t, DotUnit> units;
    std::vector<std::uint64_t> case_ids;
    bool graph = false;
    for (std::string_view raw : base::split_lines(output)) {
        const std::string_view line = base::trim(raw);
        graph = graph || line.starts_with("digraph G {");
        if (!graph) {
            continue;
        }
        if (auto node = parse_node(line)) {
            if (node->first >= k_first_case_id) {
                case_ids.push_back(node->first);
            }
            units[node->first] = std::move(node->second);
        } else if (auto edge = parse_edge(line)) {
            if (auto child = units.find(edge->second); child != units.end()) {
                child->second.parent = edge->first;
                child->second.has_parent = true;
            }
        }
    }
    if (exit_code != 0 || !graph) {
        result.error = "Boost.Test listing (`--list_content=DOT`) exited with code " +
                       std::to_string(exit_code) + (graph ? "" : " and printed no test tree");
        return result;
    }
    result.cases.reserve(case_ids.size());
    for (std::uint64_t id : case_ids) {
        DotUnit& unit = units.at(id);
        unit.test.name = full_name(units, unit);
        result.cases.push_back(std::move(unit.test));
    }
    return result;
}

void mark_boost_unselectable(std::vector<TestCase>& cases) {
    for (TestCase& test : cases) {
        std::string_view rest = test.name;
        while (!test.unselectable) {
            const std::size_t slash = rest.find('/');
            const std::string_view part = rest.substr(0, slash);
            if (part.empty() || part.front() == ' ' || part.back() == ' ' ||
                part.find_first_of(":*@+!,") != std::string_view::npos) {
                test.unselectable = "Boost.Test's --run_test cannot select the name component `" +
                                    std::string(part) +
                                    "` exactly (it is empty, or holds a filter character or an "
                                    "outer space)";
            }
            if (slash == std::string_view::npos) {
                break;
            }
            rest = rest.substr(slash + 1);
        }
    }
}

CommandMapping map_boost_command(const std::vector<std::string>& args) {
    if (args.empty()) {
        return expand_cases();
    }
    std::optional<std::string_view> filter;
    if (args.size() == 1) {
        filter = option_value(args[0], "--run_test=");
    } else if (args.size() == 2 && args[0] == "-t") {
        filter = args[1];
    }
    if (!filter) {
        return run_whole("its arguments are not one `--run_test=suite/case`");
    }
    if (filter->empty() || filter->front() == '/' || filter->back() == '/' ||
        filter->find("//") != std::string_view::npos ||
        filter->find_first_of(":*@+!,") != std::string_view::npos) {
        return run_whole("its --run_test filter may select more than one test case");
    }
    return run_one_case(std::string(*filter));
}

namespace {

/// The options by which a binary's own arguments choose Boost.Test's loggers (`--log_format`,
/// `--log_level`, `--log_sink`, `--logger` and their short forms, and `--output_format`, which
/// sets the log's format too). Boost.Test refuses an option given twice.
constexpr std::array<std::string_view, 6> k_own_report_options = {
    "--log", "-f", "-l", "-k", "--output_format", "-o"};

/// The runner markers: the help of `--list_content`, which the header-only runner holds, and the
/// mangled name of `unit_test_main`, which a binary linked against the shared library imports
/// (it survives stripping as a dynamic symbol).
constexpr std::array<std::string_view, 2> k_runner_markers{"Lists the content of test tree",
                                                           "5boost9unit_test14unit_test_main"};
constexpr std::array<std::string_view, 1> k_symbol_markers{"N5boost9unit_test"};

/// What Boost.Test's console report on stderr says of a run whose log the binary's own arguments
/// chose: the case finished when the report's closing line is there; `*** No errors detected`
/// leaves the verdict to the exit code, and `*** N failures are detected …` is a failure whatever
/// the exit code (a custom `main` may ignore the result).
FrameworkVerdict interpret_boost_console(std::string_view stderr_text) {
    FrameworkVerdict verdict;
    verdict.finished = false;
    for (std::string_view line : base::split_lines(stderr_text)) {
        // Boost.Test colours its report even when stderr is no terminal: skip the escape first.
        const std::size_t start = line.find("*** ");
        line = start == std::string_view::npos ? std::string_view() : line.substr(start);
        if (line.empty() || line.find(" detected") == std::string_view::npos) {
            continue;
        }
        verdict.finished = true;
        verdict.cases_run = 1;
        if (!line.starts_with("*** No errors detected")) {
            verdict.from_report = true;
            verdict.failed = true;
            verdict.failure_message = base::one_line(line.substr(4));
        }
    }
    return verdict;
}

class BoostTestAdapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override { return "boost"; }
    [[nodiscard]] std::string_view display_name() const override { return "Boost.Test"; }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return k_runner_markers;
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override {
        return k_symbol_markers;
    }
    [[nodiscard]] int list_pass_count() const override { return 1; }
    [[nodiscard]] std::vector<std::string> list_arguments(int /*pass*/) const override {
        // Boost.Test prints listings on its report stream (stderr by default): send it to stdout.
        return {"--list_content=DOT", "--report_sink=stdout"};
    }
    [[nodiscard]] ListParseResult parse_list_output(int /*pass*/, std::string_view output,
                                                    int exit_code) const override {
        return parse_boost_list(output, exit_code);
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes,
                      std::string_view /*binary_id*/) const override {
        std::vector<TestCase> cases = concatenate_passes(std::move(passes));
        mark_boost_unselectable(cases);
        return cases;
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        // A disabled case runs when named.
        return {"--run_test=" + test.name};
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        // `--logger` separates its loggers with `:`, so a path holding one gets the XML log alone
        // (and no human-readable log on stdout).
        if (path.find(':') != std::string_view::npos) {
            return {"--log_format=XML", "--log_level=test_suite",
                    "--log_sink=" + std::string(path)};
        }
        return {"--logger=XML,test_suite," + std::string(path) + ":HRF,error,stdout"};
    }
    [[nodiscard]] bool report_keeps_console() const override { return false; }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return k_own_report_options;
    }
    [[nodiscard]] FrameworkVerdict
    interpret_report(const TestCase& test, const std::optional<std::string>& report, int exit_code,
                     std::string_view /*stdout_text*/) const override {
        return judge_boost_log(test, report, exit_code);
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view /*stdout_text*/,
                     std::string_view stderr_text,
                     bool /*premature_exit_file_exists*/) const override {
        return interpret_boost_console(stderr_text);
    }
    [[nodiscard]] std::vector<bool>
    batchable_cases(std::span<const TestCase> listed) const override {
        return boost_batchable_cases(listed);
    }
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase> /*listed*/,
                                                 std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const override {
        return boost_batch_arguments(batch, report_path);
    }
    [[nodiscard]] std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const override {
        return interpret_boost_batch(batch, report, exit_code, stdout_text, stderr_text);
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const override {
        return map_boost_command(args);
    }
};

} // namespace

const FrameworkAdapter& boost_test_adapter() {
    static const BoostTestAdapter adapter;
    return adapter;
}

} // namespace ptest::runner
