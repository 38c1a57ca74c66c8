// Catch2 v3 listing, report reading and the adapter. Every rule here was checked against a
// Catch2 3.7.1 binary; tests/data/reports/catch2-3.7.1 holds the captured output and
// tests/data/reports/FINDINGS.md what it shows.
#include "runner/frameworks/catch2_v3.hpp"

#include "runner/frameworks/catch2.hpp"
#include "runner/frameworks/catch2_batch.hpp"
#include "runner/frameworks/catch2_report.hpp"
#include "runner/frameworks/catch2_spec.hpp"

#include <pugixml.hpp>

#include <array>
#include <charconv>
#include <cstdint>

namespace ptest::runner {

namespace {

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
        test.labels = split_catch2_tags(node.child("Tags").text().as_string());
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
        mark_catch2_indistinguishable(cases, Catch2Tags::always, true);
        return cases;
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& test) const override {
        // v3 spells v2's `--use-colour no` as `--colour-mode none`. The tags tell apart cases
        // v3 accepts under one name.
        return {"--colour-mode", "none", catch2_test_spec(test, Catch2Tags::always).argument};
    }
    [[nodiscard]] std::vector<std::string> report_arguments(std::string_view path) const override {
        // The console reporter stays on stdout for people; only one reporter may use it.
        return {"--reporter", "xml::out=" + std::string(path), "--reporter", "console::out=-"};
    }
    [[nodiscard]] std::span<const std::string_view> own_report_options() const override {
        return catch2_report_options();
    }
    [[nodiscard]] FrameworkVerdict
    interpret_report(const TestCase& test, const std::optional<std::string>& report, int exit_code,
                     std::string_view /*stdout_text*/) const override {
        // The console report beside it shows people the failure blocks and the test's output.
        return judge_catch2_report(test, report, exit_code, Catch2Major::v3);
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view stdout_text,
                     std::string_view /*stderr_text*/,
                     bool /*premature_exit_file_exists*/) const override {
        // The binary's own arguments chose the reporters: v3's console report reads as v2's.
        return interpret_catch2_output(stdout_text);
    }
    [[nodiscard]] std::vector<bool>
    batchable_cases(std::span<const TestCase> listed) const override {
        return catch2_batchable_cases(listed, Catch2Major::v3);
    }
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase> listed,
                                                 std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const override {
        return catch2_batch_arguments(listed, batch, report_path, Catch2Major::v3);
    }
    [[nodiscard]] BatchSelector batch_selector() const override {
        return BatchSelector::names_or_shards;
    }
    [[nodiscard]] std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const override {
        return interpret_catch2_batch(batch, report, exit_code, stdout_text, stderr_text,
                                      Catch2Major::v3);
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
