// Catch2 v3 listing, report reading and the adapter. Every rule here was checked against a
// Catch2 3.7.1 binary; tests/data/reports/catch2-3.7.1 holds the captured output and
// tests/data/reports/FINDINGS.md what it shows.
#include "runner/frameworks/catch2_v3.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/catch2.hpp"

#include <pugixml.hpp>

#include <array>
#include <charconv>

namespace ptest::runner {

namespace {

/// The options by which a binary's own arguments choose Catch2's reporters or their output.
constexpr std::array<std::string_view, 4> k_own_report_options = {"--reporter", "-r", "--out",
                                                                  "-o"};

/// The tags of a `[a][b]` string, without brackets.
std::vector<std::string> split_tags(std::string_view tags) {
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

std::uint32_t to_line(std::string_view text) {
    std::uint32_t line = 0;
    std::from_chars(text.data(), text.data() + text.size(), line);
    return line;
}

} // namespace

ListParseResult parse_catch2_v3_list(std::string_view output, int exit_code) {
    ListParseResult result;
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(output.data(), output.size());
    pugi::xml_node root = document.child("MatchingTests");
    if (exit_code != 0 || !parsed || !root) {
        result.error = "Catch2 v3 listing (`--list-tests -r xml`) exited with code " +
                       std::to_string(exit_code) + (root ? "" : " and printed no XML test list");
        return result;
    }
    for (pugi::xml_node node : root.children("TestCase")) {
        TestCase test;
        test.name = node.child("Name").text().as_string();
        test.labels = split_tags(node.child("Tags").text().as_string());
        for (const std::string& label : test.labels) {
            // Catch2 v3 spells every hidden case's tags with `[.]` (`[!hide]` and `[.x]` too).
            test.ignored = test.ignored || label == ".";
        }
        pugi::xml_node source = node.child("SourceInfo");
        test.file = source.child("File").text().as_string();
        test.line = to_line(source.child("Line").text().as_string());
        result.cases.push_back(std::move(test));
    }
    return result;
}

namespace {

std::string element_text(pugi::xml_node node) {
    return std::string(base::trim(node.text().as_string()));
}

/// `file:line: what` for one failure element of a test case, as Catch2's console says it; empty
/// for an element that is no failure.
std::string failure_line(pugi::xml_node node) {
    const std::string_view kind = node.name();
    std::string what;
    if (kind == "Expression" && !node.attribute("success").as_bool(true)) {
        const std::string type = node.attribute("type").as_string();
        const std::string original = element_text(node.child("Original"));
        what = type.empty() ? original : type + "( " + original + " )";
    } else if (kind == "Exception") {
        what = "due to unexpected exception with message: " + element_text(node);
    } else if (kind == "FatalErrorCondition") {
        what = "due to a fatal error condition: " + element_text(node);
    } else if (kind == "Failure") {
        what = "explicitly with message: " + element_text(node);
    } else {
        return {};
    }
    return std::string(node.attribute("filename").as_string()) + ":" +
           node.attribute("line").as_string() + ": " + what;
}

/// The failures of `test_case`, sections included, in report order.
void collect_failures(pugi::xml_node node, std::vector<std::string>& lines) {
    for (pugi::xml_node child : node.children()) {
        std::string line = failure_line(child);
        if (!line.empty()) {
            lines.push_back(base::one_line(line));
        } else if (std::string_view(child.name()) == "Section") {
            collect_failures(child, lines);
        }
    }
}

/// The text of the first `<Skip>` anywhere in `node`.
std::optional<std::string> skip_message(pugi::xml_node node) {
    pugi::xml_node skip =
        node.find_node([](pugi::xml_node each) { return std::string_view(each.name()) == "Skip"; });
    if (!skip) {
        return std::nullopt;
    }
    return element_text(skip);
}

/// The exit code's disagreement with the report's verdict, or empty when they agree.
std::string exit_disagreement(const FrameworkVerdict& verdict, int exit_code) {
    const std::string code = std::to_string(exit_code);
    if (verdict.failed && exit_code == 0) {
        return "Catch2's report says the test case failed, but the process exited with code 0";
    }
    if (verdict.skipped && exit_code != 0 && exit_code != 4) {
        return "Catch2's report says the test case skipped, but the process exited with code " +
               code;
    }
    if (!verdict.failed && !verdict.skipped && exit_code != 0) {
        return "Catch2's report says the test case passed, but the process exited with code " +
               code;
    }
    return {};
}

std::string quoted(std::string_view name) {
    return "`" + std::string(name) + "`";
}

/// The disagreement of a report that does not hold exactly one finished case named `name`, or
/// empty when it does.
std::string case_disagreement(std::string_view name, pugi::xml_node root, bool complete) {
    std::vector<pugi::xml_node> cases;
    for (pugi::xml_node node : root.children("TestCase")) {
        cases.push_back(node);
    }
    if (!complete) {
        if (!cases.empty() && !cases.back().child("OverallResult")) {
            return "the process exited before the test case finished (Catch2's report stops "
                   "inside test case " +
                   quoted(cases.back().attribute("name").as_string()) + ")";
        }
        return "Catch2's report is truncated: the process exited before Catch2 finished it";
    }
    if (cases.empty()) {
        return "Catch2's report names no test case (the test spec matched nothing)";
    }
    if (cases.size() > 1) {
        return "Catch2's report names " + std::to_string(cases.size()) +
               " test cases (expected exactly one)";
    }
    const std::string_view reported = cases.front().attribute("name").as_string();
    if (reported != name) {
        return "Catch2's report names test case " + quoted(reported) + ", not " + quoted(name);
    }
    if (!cases.front().child("OverallResult")) {
        return "Catch2's report has no result for the test case";
    }
    return {};
}

} // namespace

FrameworkVerdict judge_catch2_v3_report(std::string_view name,
                                        const std::optional<std::string>& report, int exit_code) {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    if (!report) {
        verdict.disagreement = "Catch2 wrote no XML report (the process exited with code " +
                               std::to_string(exit_code) + ")";
        return verdict;
    }
    pugi::xml_document document;
    const bool complete = static_cast<bool>(document.load_buffer(report->data(), report->size()));
    const pugi::xml_node root = document.child("Catch2TestRun");
    if (!root) {
        // Catch2 writes the XML declaration first, then the root once the run starts: an invalid
        // test spec (exit 5) or a death before the run leaves no root.
        verdict.disagreement = "Catch2's report holds no test run (the process exited with code " +
                               std::to_string(exit_code) + ")";
        return verdict;
    }
    verdict.disagreement = case_disagreement(name, root, complete);
    if (!verdict.disagreement.empty()) {
        verdict.cases_run = 0;
        return verdict;
    }
    verdict.cases_run = 1;
    const pugi::xml_node test_case = root.child("TestCase");
    const pugi::xml_node result = test_case.child("OverallResult");
    verdict.file = test_case.attribute("filename").as_string();
    verdict.line = test_case.attribute("line").as_uint();
    std::vector<std::string> failures;
    collect_failures(test_case, failures);
    verdict.failed = !result.attribute("success").as_bool(false);
    if (!verdict.failed && result.attribute("skips").as_int(0) > 0) {
        verdict.skipped = true;
        verdict.skip_message = base::one_line(skip_message(test_case).value_or(""));
    }
    if (verdict.failed) {
        verdict.failure_message = failures.empty() ? "" : failures.front();
        for (const std::string& line : failures) {
            verdict.failure_description += line + "\n";
        }
    }
    verdict.disagreement = exit_disagreement(verdict, exit_code);
    return verdict;
}

namespace {

constexpr std::array<std::string_view, 2> k_v3_markers{"Catch2TestRun",
                                                       "N5Catch6Detail10unique_ptr"};

/// The v3 adapter: v2's name, markers, test-spec escaping and CTest mapping, v3's listing and
/// report.
class Catch2V3Adapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override {
        return catch2_adapter().config_name();
    }
    [[nodiscard]] std::string_view display_name() const override {
        return catch2_adapter().display_name();
    }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return catch2_adapter().runner_markers();
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override {
        return catch2_adapter().symbol_markers();
    }
    [[nodiscard]] int list_pass_count() const override { return 1; }
    [[nodiscard]] std::vector<std::string> list_arguments(int /*pass*/) const override {
        // `*` lists the hidden cases too; `-r xml` gives unwrapped names with file and line.
        return {"--list-tests", "--reporter", "xml", "*"};
    }
    [[nodiscard]] ListParseResult parse_list_output(int /*pass*/, std::string_view output,
                                                    int exit_code) const override {
        return parse_catch2_v3_list(output, exit_code);
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes,
                      std::string_view /*binary_id*/) const override {
        std::vector<TestCase> cases = concatenate_passes(std::move(passes));
        mark_catch2_unselectable(cases);
        return cases;
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        // v3 spells v2's `--use-colour no` as `--colour-mode none`.
        return {"--colour-mode", "none", catch2_escape_name(test.name)};
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        // The console reporter stays on stdout for people; only one reporter may use it.
        return {"--reporter", "xml::out=" + std::string(path), "--reporter", "console::out=-"};
    }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return k_own_report_options;
    }
    [[nodiscard]] FrameworkVerdict interpret_report(const TestCase& test,
                                                    const std::optional<std::string>& report,
                                                    int exit_code,
                                                    std::string_view stdout_text) const override {
        FrameworkVerdict verdict = judge_catch2_v3_report(test.name, report, exit_code);
        if (verdict.failed && !stdout_text.empty()) {
            // The console's failure blocks (v3 prints them as v2 does) are what people read.
            std::string blocks = interpret_catch2_output(stdout_text).failure_description;
            if (!blocks.empty()) {
                verdict.failure_description = std::move(blocks);
            }
        }
        return verdict;
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& test, std::string_view stdout_text,
                     std::string_view /*stderr_text*/,
                     bool /*premature_exit_file_exists*/) const override {
        // Never reached while the report file is in use; judged as a run without a report.
        return interpret_report(test, std::nullopt, 0, stdout_text);
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const override {
        return catch2_adapter().map_ctest_command(args);
    }
};

} // namespace

std::span<const std::string_view> catch2_v3_markers() {
    return k_v3_markers;
}

const FrameworkAdapter& catch2_v3_adapter() {
    static const Catch2V3Adapter adapter;
    return adapter;
}

} // namespace ptest::runner
