// GoogleTest batches: one `--gtest_filter` naming every case, the XML report read case by case,
// and the console split among the cases on GoogleTest's own `[ RUN      ]` and closing lines only
// when those lines are exactly the ones the report's cases imply. GoogleTest writes its report at
// program end only, so a batch whose process dies leaves no report and no case attributed.
// GoogleTest 1.12 leaves a failing SetUpTestSuite or TearDownTestSuite out of the report (1.18
// reports it as a nameless case); only the exit code and the console's summary show it, so a
// batch that failed keeps its passes only when the console rules that out.
#include "base/text.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/gtest.hpp"
#include "runner/frameworks/gtest_report.hpp"

#include <pugixml.hpp>

#include <array>
#include <unordered_map>

namespace ptest::runner {

namespace {

constexpr std::string_view k_run_tag = "[ RUN      ] ";
constexpr std::array<std::string_view, 3> k_close_tags{"[       OK ] ", "[  FAILED  ] ",
                                                       "[  SKIPPED ] "};
constexpr std::string_view k_summary_tag = "[==========] ";

/// One case the report says ran, in report order (which is the order GoogleTest ran them).
struct ReportedCase {
    std::string name;
    pugi::xml_node node;
    pugi::xml_node outside_failure; ///< A failure recorded outside any test of its suite.
    int close_tag = 0;              ///< The index in `k_close_tags` its console line must use.
};

/// Every case that ran, and the first failure recorded outside any test anywhere.
struct ReportedRun {
    std::vector<ReportedCase> cases;
    bool any_failed = false;
};

ReportedRun reported_run(pugi::xml_node root) {
    ReportedRun run;
    for (pugi::xml_node suite : root.children("testsuite")) {
        const std::string suite_name = suite.attribute("name").as_string();
        pugi::xml_node outside;
        for (pugi::xml_node test : suite.children("testcase")) {
            if (std::string_view(test.attribute("name").as_string()).empty() && !outside) {
                outside = test.child("failure");
            }
        }
        for (pugi::xml_node test : suite.children("testcase")) {
            const std::string_view name = test.attribute("name").as_string();
            if (name.empty() || std::string_view(test.attribute("status").as_string()) != "run") {
                continue;
            }
            ReportedCase reported{suite_name + "." + std::string(name), test, outside, 0};
            const bool failed = test.child("failure") || outside;
            reported.close_tag =
                failed                                                                ? 1
                : std::string_view(test.attribute("result").as_string()) == "skipped" ? 2
                                                                                      : 0;
            run.any_failed = run.any_failed || failed;
            run.cases.push_back(std::move(reported));
        }
        run.any_failed = run.any_failed || static_cast<bool>(outside);
    }
    return run;
}

/// The first position of any closing tag in `line`, with its index; npos when none.
std::pair<std::size_t, int> find_close_tag(std::string_view line, std::size_t from = 0) {
    std::pair<std::size_t, int> first{std::string_view::npos, -1};
    for (int tag = 0; tag < static_cast<int>(k_close_tags.size()); ++tag) {
        const std::size_t at = line.find(k_close_tags[static_cast<std::size_t>(tag)], from);
        if (at < first.first) {
            first = {at, tag};
        }
    }
    return first;
}

/// Split the console among `cases`: each slice runs from the case's `[ RUN      ]` line to its
/// closing line, inclusive. Nullopt unless the console's framework lines are exactly a RUN line
/// at a line start and one closing line (with the report's verdict) per case, in report order,
/// then GoogleTest's final summary, with no other such line anywhere before that summary.
std::optional<std::vector<std::string>> split_console(std::string_view text,
                                                      const std::vector<ReportedCase>& cases) {
    const std::size_t summary = text.rfind(std::string("\n") + std::string(k_summary_tag));
    if (summary == std::string_view::npos) {
        return std::nullopt;
    }
    std::vector<std::string> slices;
    std::size_t start = 0; // Where the open case's slice starts; npos between cases.
    bool open = false;
    for (std::size_t at = 0; at <= summary;) {
        const std::size_t end = std::min(text.find('\n', at), summary);
        const std::string_view line = text.substr(at, end - at);
        const std::size_t run = line.find(k_run_tag);
        const auto [close, tag] = find_close_tag(line);
        if (run != std::string_view::npos) {
            // A RUN line opens the next case: at a line start, outside a case, naming it.
            if (run != 0 || open || slices.size() >= cases.size() ||
                line.substr(k_run_tag.size()) != cases[slices.size()].name ||
                close != std::string_view::npos) {
                return std::nullopt;
            }
            open = true;
            start = at;
        } else if (close != std::string_view::npos) {
            const ReportedCase* current = open ? &cases[slices.size()] : nullptr;
            const std::string_view rest =
                line.substr(close + k_close_tags[static_cast<std::size_t>(tag)].size());
            if (current == nullptr || tag != current->close_tag ||
                !rest.starts_with(current->name + " (") ||
                find_close_tag(line, close + 1).first != std::string_view::npos) {
                return std::nullopt;
            }
            slices.emplace_back(text.substr(start, std::min(end + 1, text.size()) - start));
            open = false;
        }
        at = end + 1;
    }
    if (open || slices.size() != cases.size()) {
        return std::nullopt;
    }
    return slices;
}

/// Whether the console shows a failure outside any test case (a failing SetUpTestSuite or
/// TearDownTestSuite, which GoogleTest 1.12's report leaves out). A test printing such a line
/// only makes the batch more careful.
bool console_shows_suite_failure(std::string_view stdout_text) {
    return stdout_text.find("SetUpTestSuite or TearDownTestSuite") != std::string_view::npos ||
           stdout_text.find(" FAILED TEST SUITE") != std::string_view::npos;
}

/// The batch's results from a readable report's `run`, before any doubt the exit code casts.
std::vector<BatchCaseResult> read_cases(std::span<const TestCase* const> batch,
                                        const ReportedRun& run) {
    std::unordered_map<std::string_view, const ReportedCase*> by_name;
    std::unordered_map<std::string_view, int> seen;
    for (const ReportedCase& reported : run.cases) {
        by_name[reported.name] = &reported;
        ++seen[reported.name];
    }
    std::vector<BatchCaseResult> results(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        BatchCaseResult& result = results[i];
        const auto found = by_name.find(batch[i]->name);
        if (found == by_name.end()) {
            result.unattributed_reason = "GoogleTest's report does not name the test case";
            continue;
        }
        if (seen[batch[i]->name] > 1) {
            result.unattributed_reason = "GoogleTest's report names the test case more than once";
            continue;
        }
        const ReportedCase& reported = *found->second;
        result.attributed = true;
        result.verdict.from_report = true;
        result.verdict.cases_run = 1;
        read_gtest_case(reported.node, reported.outside_failure, result.verdict);
        result.duration = parse_seconds(reported.node.attribute("time").as_string());
    }
    return results;
}

/// Give each result its slice of the console when the console splits without doubt.
void attach_output(std::span<const TestCase* const> batch, const ReportedRun& run,
                   std::string_view stdout_text, std::vector<BatchCaseResult>& results) {
    std::optional<std::vector<std::string>> slices = split_console(stdout_text, run.cases);
    if (!slices) {
        return;
    }
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < run.cases.size(); ++i) {
        index[run.cases[i].name] = i;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (auto found = index.find(batch[i]->name); found != index.end()) {
            results[i].stdout_text = std::move((*slices)[found->second]);
        }
    }
}

} // namespace

std::vector<bool> gtest_batchable_cases(std::span<const TestCase> listed) {
    std::vector<bool> batchable(listed.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        // A name holding the filter's own characters cannot be named exactly (see
        // gtest_run_arguments): its `?` form might select a sibling outside the batch.
        batchable[i] =
            !listed[i].unselectable && listed[i].name.find_first_of("-:*?") == std::string::npos;
    }
    return batchable;
}

BatchArguments gtest_batch_arguments(std::span<const TestCase* const> batch,
                                     std::string_view report_path) {
    std::vector<std::string> names;
    names.reserve(batch.size());
    for (const TestCase* test : batch) {
        names.push_back(test->name);
    }
    JoinedSelectors filter = join_selectors("--gtest_filter=", names, ':');
    BatchArguments arguments;
    arguments.count = batch.empty() ? 0 : filter.count;
    arguments.args = {std::move(filter.argument), "--gtest_color=no",
                      "--gtest_output=xml:" + std::string(report_path)};
    for (std::size_t i = 0; i < arguments.count; ++i) {
        if (batch[i]->ignored) {
            arguments.args.emplace_back("--gtest_also_run_disabled_tests");
            break;
        }
    }
    return arguments;
}

namespace {

/// With no report, the case the process ended in: the one of the console's last `[ RUN      ]`
/// line when no closing line of that case follows it (GoogleTest prints both as the case runs).
void mark_ended_in(std::span<const TestCase* const> batch, std::string_view console,
                   std::vector<BatchCaseResult>& results) {
    const std::size_t at = console.rfind(k_run_tag);
    if (at == std::string_view::npos || (at > 0 && console[at - 1] != '\n')) {
        return;
    }
    const std::string_view rest = console.substr(at + k_run_tag.size());
    const std::string_view name = rest.substr(0, rest.find('\n'));
    for (const std::string_view closing : k_close_tags) {
        if (rest.find(std::string(closing) + std::string(name)) != std::string_view::npos) {
            return;
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (batch[i]->name == name) {
            results[i].ended_in = true;
            return;
        }
    }
}

} // namespace

std::vector<BatchCaseResult> interpret_gtest_batch(std::span<const TestCase* const> batch,
                                                   const std::optional<std::string>& report,
                                                   int exit_code, std::string_view stdout_text,
                                                   std::string_view stderr_text) {
    const std::string code = std::to_string(exit_code);
    if (!report) {
        std::vector<BatchCaseResult> results = unattributed_results(
            batch.size(), "GoogleTest wrote no report: the process ended before GoogleTest did "
                          "(exit code " +
                              code + ")");
        mark_ended_in(batch, stdout_text, results);
        return results;
    }
    pugi::xml_document document;
    pugi::xml_node root;
    if (document.load_buffer(report->data(), report->size())) {
        root = document.child("testsuites");
    }
    if (!root) {
        return unattributed_results(batch.size(), "GoogleTest's XML report is unreadable (exit "
                                                  "code " +
                                                      code + ")");
    }
    const ReportedRun run = reported_run(root);
    // GoogleTest's main returns 1 after a failure; any other code (a sanitizer's at exit, a
    // signal after the report) is something the report does not explain.
    if (exit_code != (run.any_failed ? 1 : 0)) {
        return unattributed_results(
            batch.size(),
            "GoogleTest's report says " +
                std::string(run.any_failed ? "a test case failed" : "no test failed") +
                ", but the process exited with code " + code);
    }
    std::vector<BatchCaseResult> results = read_cases(batch, run);
    if (exit_code != 0 && (stdout_text.empty() || console_shows_suite_failure(stdout_text))) {
        withdraw_passes(results, "the batch failed, and its console does not rule out a failure "
                                 "outside any test case that a run of its own would show");
    }
    attach_output(batch, run, stdout_text, results);
    give_silent_output(results, stdout_text, stderr_text);
    return results;
}

} // namespace ptest::runner
