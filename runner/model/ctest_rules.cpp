// CTest's verdict rules (cmCTestRunTest's end-of-test logic, re-stated).
#include "runner/model/ctest_rules.hpp"

#include <re2/re2.h>

namespace ptest::runner {

namespace {

const CTestRegex* first_match(const std::vector<CTestRegex>& regexes, std::string_view output) {
    for (const CTestRegex& regex : regexes) {
        if (RE2::PartialMatch(re2::StringPiece(output.data(), output.size()), *regex.compiled)) {
            return &regex;
        }
    }
    return nullptr;
}

} // namespace

std::optional<CTestRegex> compile_ctest_regex(const std::string& pattern, std::string& error) {
    RE2::Options options;
    options.set_log_errors(false);
    // ctest's regular expressions work on bytes; so does this one.
    options.set_encoding(RE2::Options::EncodingLatin1);
    auto compiled = std::make_shared<const RE2>(pattern, options);
    if (!compiled->ok()) {
        error = compiled->error();
        return std::nullopt;
    }
    return CTestRegex{pattern, std::move(compiled)};
}

CTestVerdict judge_ctest_exit(const CTestRules& rules, int exit_code, std::string_view output) {
    CTestVerdict verdict;
    bool force_fail = false;
    std::string reason;
    if (!rules.pass_regex.empty()) {
        if (const CTestRegex* found = first_match(rules.pass_regex, output)) {
            reason = "PASS_REGULAR_EXPRESSION `" + found->pattern + "` matched";
        } else {
            reason = "no PASS_REGULAR_EXPRESSION matched the output";
            force_fail = true;
        }
    }
    if (const CTestRegex* found = first_match(rules.fail_regex, output)) {
        reason = "FAIL_REGULAR_EXPRESSION `" + found->pattern + "` matched the output";
        force_fail = true;
    }
    if (const CTestRegex* found = first_match(rules.skip_regex, output)) {
        verdict.judgement = CTestJudgement::skip;
        verdict.reason = "SKIP_REGULAR_EXPRESSION `" + found->pattern + "` matched the output";
        return verdict;
    }
    if (rules.skip_return_code && *rules.skip_return_code == exit_code) {
        verdict.judgement = CTestJudgement::skip;
        verdict.reason = "exit code " + std::to_string(exit_code) + " is its SKIP_RETURN_CODE";
        return verdict;
    }
    bool success = !force_fail && (exit_code == 0 || !rules.pass_regex.empty());
    if (success != rules.will_fail) {
        verdict.judgement = CTestJudgement::pass;
        verdict.reason = rules.will_fail ? "WILL_FAIL: the test failed as expected" : reason;
        return verdict;
    }
    verdict.judgement = CTestJudgement::fail;
    if (rules.will_fail) {
        verdict.reason = "WILL_FAIL is set but the test passed";
    } else {
        verdict.reason = reason;
    }
    return verdict;
}

} // namespace ptest::runner
