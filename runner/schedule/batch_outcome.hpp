// What a finished batch process means for each of its cases (issue 15): a final result, in the
// same shape a one-case attempt gives (verdict, duration, captured output, file and line), or
// "re-run alone", whose lone run then decides. Also the batch's timeout rule. Pure, so every rule
// is unit-tested; the BatchAttempt state machine gathers the facts and calls it.
//
// The timeout rule. slow-timeout counts from a case's own start, but a batch learns where its cases
// started and ended only from the report, after the fact. So a batch is judged twice:
// - while it runs, it is terminated once it has run for the sum of its cases' budgets (a case's
//   budget: slow-timeout period x terminate-after, or its absolute TIMEOUT when shorter; a batch
//   holding a case without any budget has no deadline, as that case alone would have none). The
//   cases run one after another, so a batch can only reach that sum when some case ran past its own
//   budget: a batch of cases that each stay within theirs is never terminated.
// - after it ends, every case the report keeps is checked against its own budget with the duration
//   the report gives it (or, when the report gives none, the batch's whole run time): a case that
//   ran past its budget is re-run alone, so a batch never passes a case its lone run would time
//   out.
// A terminated batch keeps what its report shows finished within budget; the rest is re-run alone.
#pragma once

#include "profiles/profile.hpp"
#include "reporter/events.hpp"
#include "runner/frameworks/adapter.hpp"
#include "runner/model/test_list.hpp"
#include "runner/schedule/process_facts.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ptest::runner {

/// One case of a batch, with the settings a lone attempt of it would run under.
struct BatchCaseSpec {
    const TestCase* test = nullptr;
    /// 1 + its retries: a case kept from the batch is attempt 1 of these.
    std::uint32_t total_attempts = 1;
    profiles::SlowTimeout slow_timeout;
    std::optional<reporter::Duration> terminate_deadline; ///< Absolute limit (CTest TIMEOUT).
};

/// What a batch's case gets.
enum class BatchDisposition {
    final,     ///< `result` is the case's first attempt, as a lone attempt would report it.
    run_alone, ///< The batch cannot stand for the case: run it alone (attempt 1), which decides.
    cancelled, ///< The run was cancelled before the batch accounted for the case.
};

/// The batch's word on one case.
struct BatchCaseOutcome {
    BatchDisposition disposition = BatchDisposition::run_alone;
    /// For `final`: the result a one-case attempt gives. For `cancelled`: a cancelled attempt
    /// with its reason. For `run_alone`: empty (the lone run's result counts).
    reporter::AttemptResult result;
    std::string reason; ///< For `run_alone`: why, in one line.
    /// The batch process ended while this case ran (its report stops inside it): the likely
    /// culprit of a crash or hang. The cases after it never started.
    bool ended_in = false;
};

/// Everything observed about one finished batch process (its `duration` is the batch's whole
/// run time).
using BatchFacts = ProcessFacts;

/// A case's budget: how long it may run alone before ptest terminates it (slow-timeout period x
/// terminate-after, or its absolute limit when that is shorter); nullopt when nothing ends it.
std::optional<reporter::Duration> case_budget(const BatchCaseSpec& spec);

/// The batch's deadline: the sum of its cases' budgets; nullopt when a case has none.
std::optional<reporter::Duration> batch_deadline(std::span<const BatchCaseSpec> cases);

/// Judge each of `cases` (the cases of `binary` the batch's argv selected, in their order) from
/// `facts`, one outcome per case in the same order. `case_capture_limit` bounds each case's own
/// slice of the output, as the capture limit bounds a lone attempt's.
std::vector<BatchCaseOutcome> judge_batch(const TestBinary& binary,
                                          std::span<const BatchCaseSpec> cases,
                                          const BatchFacts& facts,
                                          std::uint64_t case_capture_limit);

} // namespace ptest::runner
