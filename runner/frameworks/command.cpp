// The plain-command adapter (see command.hpp).
#include "runner/frameworks/command.hpp"

namespace ptest::runner {

namespace {

class CommandAdapter final : public FrameworkAdapter {
public:
    [[nodiscard]] std::string_view config_name() const override { return "command"; }
    [[nodiscard]] bool runs_whole() const override { return true; }
    [[nodiscard]] std::string_view display_name() const override { return "plain command"; }
    [[nodiscard]] std::span<const std::string_view> runner_markers() const override {
        return {}; // Never detected: any executable would match.
    }
    [[nodiscard]] std::span<const std::string_view> symbol_markers() const override { return {}; }
    [[nodiscard]] int list_pass_count() const override { return 0; }
    [[nodiscard]] std::vector<std::string> list_arguments(int /*pass*/) const override {
        return {};
    }
    [[nodiscard]] ListParseResult parse_list_output(int /*pass*/, std::string_view /*output*/,
                                                    int /*exit_code*/) const override {
        ListParseResult result;
        result.error = "a plain command is never listed";
        return result;
    }
    [[nodiscard]] std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> /*passes*/,
                      std::string_view binary_id) const override {
        // The program is its one test, named after its binary id.
        TestCase only;
        only.name = std::string(binary_id);
        return {std::move(only)};
    }
    [[nodiscard]] std::vector<std::string> run_arguments(const TestCase& /*test*/) const override {
        return {}; // The configured arguments are the whole command.
    }
    [[nodiscard]] FrameworkVerdict
    interpret_output(const TestCase& /*test*/, std::string_view /*stdout_text*/,
                     std::string_view /*stderr_text*/,
                     bool /*premature_exit_file_exists*/) const override {
        // A plain command is its own one case, and it has finished once it exits.
        FrameworkVerdict verdict;
        verdict.cases_run = 1;
        return verdict;
    }
    [[nodiscard]] CommandMapping
    map_ctest_command(const std::vector<std::string>& /*args*/) const override {
        return {CTestMapping::command, "", ""}; // No test binary: no reason to give.
    }
};

} // namespace

const FrameworkAdapter& command_adapter() {
    static const CommandAdapter adapter;
    return adapter;
}

} // namespace ptest::runner
