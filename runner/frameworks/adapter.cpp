// The parts of the adapter interface every framework shares (see adapter.hpp).
#include "runner/frameworks/adapter.hpp"

#include <iterator>

namespace ptest::runner {

std::optional<PrematureExitFile>
FrameworkAdapter::premature_exit_file(const std::filesystem::path& /*scratch_dir*/,
                                      std::uint64_t /*serial*/) const {
    return std::nullopt;
}

std::vector<std::string> FrameworkAdapter::report_arguments(std::string_view /*path*/) const {
    return {};
}

std::span<const std::string_view> FrameworkAdapter::own_report_options() const {
    return {};
}

bool FrameworkAdapter::report_keeps_console() const {
    return true;
}

FrameworkVerdict FrameworkAdapter::interpret_report(const TestCase& /*test*/,
                                                    const std::optional<std::string>& /*report*/,
                                                    int /*exit_code*/,
                                                    std::string_view /*stdout_text*/) const {
    FrameworkVerdict verdict;
    verdict.from_report = true;
    verdict.disagreement =
        "internal error: " + std::string(display_name()) + " has no structured report to read";
    return verdict;
}

std::vector<TestCase> concatenate_passes(std::vector<ListParseResult> passes) {
    std::vector<TestCase> cases;
    // Cases are moved, never copied: a binary may list 100 000 of them.
    for (ListParseResult& pass : passes) {
        if (cases.empty()) {
            cases = std::move(pass.cases);
        } else {
            cases.insert(cases.end(), std::make_move_iterator(pass.cases.begin()),
                         std::make_move_iterator(pass.cases.end()));
        }
    }
    return cases;
}

} // namespace ptest::runner
