// Catch2 batches (see catch2_batch.hpp). The spec list and the report shapes were checked on the
// catch2_hostile and catch2v3_hostile fixtures; tests/data/reports/catch2-*/batch-* hold the
// captures.
#include "runner/frameworks/catch2_batch.hpp"

#include "base/text.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/catch2_report_xml.hpp"
#include "runner/frameworks/catch2_spec.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>
#include <utility>

namespace ptest::runner {

namespace {

Catch2Tags spec_tags(Catch2Major major) {
    return major == Catch2Major::v3 ? Catch2Tags::always : Catch2Tags::when_wildcard;
}

/// The text of a captured-output element, with the final newline Catch2 trimmed away.
std::string captured(pugi::xml_node node) {
    std::string text(base::trim(node.text().as_string()));
    if (!text.empty()) {
        text += '\n';
    }
    return text;
}

/// The reported cases that may be attributed: all of a complete report; in a truncated one, the
/// finished cases before the last (Catch2 may have been cut off while writing that one).
std::vector<bool> trusted_cases(const std::vector<pugi::xml_node>& cases, bool complete) {
    std::vector<bool> trusted(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        trusted[i] = catch2_case_finished(cases[i]) && (complete || i + 1 < cases.size());
    }
    return trusted;
}

/// The exit code Catch2 v2 gives a run of the reported `cases`: the number of failed
/// assertions, at most 255, counting only cases that failed (a failing `[!mayfail]` case counts
/// none) and one for a failed case without a failed assertion (a passing `[!shouldfail]`).
int v2_exit_code(const std::vector<pugi::xml_node>& cases) {
    int failed = 0;
    for (pugi::xml_node node : cases) {
        if (node.child("OverallResult").attribute("success").as_bool(false)) {
            continue;
        }
        const int own =
            static_cast<int>(node.select_nodes(".//Expression[@success='false'] | .//Exception | "
                                               ".//FatalErrorCondition | .//Failure")
                                 .size());
        failed += std::max(own, 1);
    }
    return std::min(failed, 255);
}

/// The result for `test` among the reported `cases` (indexed by trimmed name in `by_name`).
BatchCaseResult
result_for(const TestCase& test, const std::vector<pugi::xml_node>& cases,
           const std::vector<bool>& trusted,
           const std::unordered_map<std::string_view, std::vector<std::size_t>>& by_name,
           Catch2Major major) {
    BatchCaseResult result;
    std::vector<std::size_t> matches;
    if (auto found = by_name.find(base::trim(catch2_declared_name(test))); found != by_name.end()) {
        for (std::size_t index : found->second) {
            if (catch2_report_names(cases[index], test)) {
                matches.push_back(index);
            }
        }
    }
    if (matches.empty()) {
        result.unattributed_reason = "Catch2's report does not name the test case";
    } else if (matches.size() > 1) {
        result.unattributed_reason = "Catch2's report names the test case more than once";
    } else if (!trusted[matches.front()]) {
        result.unattributed_reason = "the process ended while the test case ran";
        result.ended_in = true;
    } else {
        const pugi::xml_node node = cases[matches.front()];
        result.attributed = true;
        result.verdict.from_report = true;
        result.verdict.cases_run = 1;
        read_catch2_case(node, major, result.verdict);
        const pugi::xml_node overall = node.child("OverallResult");
        result.duration = parse_seconds(overall.attribute("durationInSeconds").as_string());
        result.stdout_text = captured(overall.child("StdOut"));
        result.stderr_text = captured(overall.child("StdErr"));
    }
    return result;
}

/// The arguments that select `batch` by its place in `listed` with no names: none for every case
/// an unfiltered run selects, a v3 shard for an equal contiguous part of them; nullopt when the
/// batch is neither.
std::optional<std::vector<std::string>> place_selector(std::span<const TestCase> listed,
                                                       std::span<const TestCase* const> batch,
                                                       Catch2Major major) {
    const std::optional<UnfilteredPlace> place = unfiltered_place(listed, batch);
    if (!place) {
        return std::nullopt;
    }
    if (place->whole()) {
        return std::vector<std::string>{};
    }
    if (major == Catch2Major::v3) {
        if (const auto shard = find_equal_shard(place->total, place->begin, place->size)) {
            return std::vector<std::string>{"--shard-count", std::to_string(shard->first),
                                            "--shard-index", std::to_string(shard->second)};
        }
    }
    return std::nullopt;
}

} // namespace

std::vector<bool> catch2_batchable_cases(std::span<const TestCase> listed, Catch2Major major) {
    std::map<std::string, int> names;
    for (const TestCase& test : listed) {
        ++names[catch2_normalise(catch2_declared_name(test))];
    }
    std::vector<bool> batchable(listed.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const TestCase& test = listed[i];
        const std::string pattern = catch2_test_spec(test, spec_tags(major)).pattern;
        batchable[i] = !test.unselectable && !pattern.empty() && pattern.front() != '*' &&
                       pattern.back() != '*' &&
                       names[catch2_normalise(catch2_declared_name(test))] == 1;
    }
    return batchable;
}

BatchArguments catch2_batch_arguments(std::span<const TestCase> listed,
                                      std::span<const TestCase* const> batch,
                                      std::string_view report_path, Catch2Major major) {
    BatchArguments arguments;
    std::vector<std::string> selector;
    if (auto by_place = place_selector(listed, batch, major)) {
        selector = std::move(*by_place);
        arguments.count = batch.size();
    } else {
        std::vector<std::string> specs;
        specs.reserve(batch.size());
        for (const TestCase* test : batch) {
            specs.push_back(catch2_test_spec(*test, spec_tags(major)).argument);
        }
        JoinedSelectors joined = join_selectors("", specs, ',');
        arguments.count = batch.empty() ? 0 : joined.count;
        selector.push_back(std::move(joined.argument));
    }
    if (major == Catch2Major::v3) {
        arguments.args = {"--colour-mode", "none"};
    } else {
        arguments.args = {"--use-colour", "no"};
    }
    arguments.args.insert(arguments.args.end(), std::make_move_iterator(selector.begin()),
                          std::make_move_iterator(selector.end()));
    if (major == Catch2Major::v3) {
        arguments.args.insert(arguments.args.end(),
                              {"--reporter", "xml::out=" + std::string(report_path), "-d", "yes"});
    } else {
        arguments.args.insert(arguments.args.end(),
                              {"-r", "xml", "-o", std::string(report_path), "-d", "yes"});
    }
    return arguments;
}

std::vector<BatchCaseResult> interpret_catch2_batch(std::span<const TestCase* const> batch,
                                                    const std::optional<std::string>& report,
                                                    int exit_code, std::string_view stdout_text,
                                                    std::string_view stderr_text,
                                                    Catch2Major major) {
    const std::string code = std::to_string(exit_code);
    if (!report) {
        return unattributed_results(batch.size(),
                                    "Catch2 wrote no XML report (exit code " + code + ")");
    }
    pugi::xml_document document;
    const bool complete = static_cast<bool>(document.load_buffer(report->data(), report->size()));
    const pugi::xml_node root =
        document.child(major == Catch2Major::v3 ? "Catch2TestRun" : "Catch");
    if (!root) {
        return unattributed_results(batch.size(),
                                    "Catch2's report holds no test run (exit code " + code + ")");
    }
    const std::vector<pugi::xml_node> cases = catch2_report_cases(root, major);
    if (complete && !catch2_exit_agrees(cases, exit_code, major)) {
        return unattributed_results(batch.size(),
                                    "the exit code " + code + " disagrees with Catch2's report");
    }
    const bool v2_doubt =
        complete && major == Catch2Major::v2 && exit_code != 0 && exit_code != v2_exit_code(cases);
    const std::vector<bool> trusted = trusted_cases(cases, complete);
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        by_name[base::trim(cases[i].attribute("name").as_string())].push_back(i);
    }
    std::vector<BatchCaseResult> results;
    results.reserve(batch.size());
    for (const TestCase* test : batch) {
        results.push_back(result_for(*test, cases, trusted, by_name, major));
        // What tests print through printf reaches the console with no owner.
        if (!stdout_text.empty()) {
            results.back().stdout_text.reset();
        }
        if (!stderr_text.empty()) {
            results.back().stderr_text.reset();
        }
    }
    if (v2_doubt) {
        // Another cause may share the non-zero exit code (a sanitizer's at exit, say).
        withdraw_passes(results,
                        "the exit code " + code +
                            " is not the number of failed assertions Catch2's report holds");
    }
    give_silent_output(results, stdout_text, stderr_text);
    return results;
}

} // namespace ptest::runner
