// Boost.Test batches: one `--run_test=a/b:c/d` naming every case (Boost.Test separates filters
// with `:`, a character it never leaves in a name), and the XML log alone, with no
// human-readable logger and no report, so that the console holds only what the tests print.
// Boost.Test 1.74 buffers its log and writes it whole when the run ends; it survives a signal
// such as SIGABRT (it logs it and goes on) but not a death: a batch whose process dies leaves an
// empty log and no case attributed. Checked on the boost_hostile_* fixtures;
// tests/data/reports/boost-test-1.74/batch-* hold the captures.
#include "base/text.hpp"

#include "runner/frameworks/batch.hpp"
#include "runner/frameworks/boost_test.hpp"
#include "runner/frameworks/boost_test_log.hpp"

#include <pugixml.hpp>

namespace ptest::runner {

std::vector<bool> boost_batchable_cases(std::span<const TestCase> listed) {
    std::vector<bool> batchable(listed.size());
    for (std::size_t i = 0; i < listed.size(); ++i) {
        // Expected failures count in every enclosing suite, so the exit code of a batch holding
        // such a case says nothing about the others.
        batchable[i] = !listed[i].unselectable && listed[i].expected_failures == 0;
    }
    return batchable;
}

BatchArguments boost_batch_arguments(std::span<const TestCase* const> batch,
                                     std::string_view report_path) {
    std::vector<std::string> names;
    names.reserve(batch.size());
    for (const TestCase* test : batch) {
        names.push_back(test->name);
    }
    JoinedSelectors joined = join_selectors("--run_test=", names, ':');
    BatchArguments arguments;
    arguments.count = batch.empty() ? 0 : joined.count;
    arguments.args = {std::move(joined.argument), "--log_format=XML", "--log_level=test_suite",
                      "--log_sink=" + std::string(report_path), "--report_level=no"};
    return arguments;
}

std::vector<BatchCaseResult> interpret_boost_batch(std::span<const TestCase* const> batch,
                                                   const std::optional<std::string>& log,
                                                   int exit_code, std::string_view stdout_text,
                                                   std::string_view stderr_text) {
    const std::string code = std::to_string(exit_code);
    pugi::xml_document document;
    const bool complete =
        log && !base::trim(*log).empty() && document.load_buffer(log->data(), log->size());
    const pugi::xml_node master = document.child("TestLog").child("TestSuite");
    if (!complete || !master) {
        return unattributed_results(batch.size(), "Boost.Test wrote no complete XML log (exit "
                                                  "code " +
                                                      code + ")");
    }
    // Boost.Test exits 201 after a failure (200 is a setup error); any other code is something
    // the log does not explain.
    if (exit_code != (boost_log_has_failure(master) ? 201 : 0)) {
        return unattributed_results(batch.size(),
                                    "the exit code " + code + " disagrees with Boost.Test's log");
    }
    std::vector<BatchCaseResult> results(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        std::optional<BoostLoggedCase> logged = read_boost_logged_case(master, *batch[i]);
        if (!logged) {
            results[i].unattributed_reason = "Boost.Test's log does not show the test case ran";
            continue;
        }
        results[i].attributed = true;
        results[i].verdict = std::move(logged->verdict);
        results[i].duration = logged->duration;
    }
    give_silent_output(results, stdout_text, stderr_text);
    return results;
}

} // namespace ptest::runner
